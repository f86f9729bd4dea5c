import { isAlgorithmRef } from './nameRules.ts';

/**
 * How algorithms are named in Kafka. Templates use `{prefix}`, `{org}`, `{algorithm}` and (consumer
 * groups only) `{topic}` and `{connection}`.
 */
export interface NamingOptions {
  prefix: string;
  /** Rendered after `User:`. */
  principal: string;
  consumerGroup: string;
}

/** DESIGN §4: `User:<prefix>.<org>.<algorithm>` and `<prefix>.<org>.<algorithm>.<topic>`. */
export const defaultNaming: NamingOptions = {
  prefix: 'eventflows',
  principal: '{prefix}.{org}.{algorithm}',
  consumerGroup: '{prefix}.{org}.{algorithm}.{topic}',
};

/** The placeholders naming templates may use. */
export type Placeholder = 'prefix' | 'org' | 'algorithm' | 'topic' | 'connection';
const compiled = new Map<string, Array<string | { key: Placeholder }>>();

/** A template split into text and placeholders, once per template, because compile renders thousands of names. */
function templateParts(template: string): Array<string | { key: Placeholder }> {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/(\{(?:prefix|org|algorithm|topic|connection)\})/).map((part) => {
      const m = /^\{(prefix|org|algorithm|topic|connection)\}$/.exec(part);
      return m ? { key: m[1] as Placeholder } : part;
    });
    if (compiled.size > 100) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/** Renders a template. */
function render(template: string, values: Partial<Record<Placeholder, string>>): string {
  let out = '';
  for (const part of templateParts(template)) out += typeof part === 'string' ? part : (values[part.key] ?? '');
  return out;
}

/** The parts of an algorithm reference that names are made of; a malformed reference is all name. */
interface NameParts {
  org: string;
  algorithm: string;
}

/** Splits an algorithm reference into the {@link NameParts} that names are rendered from. */
function nameParts(algorithm: string): NameParts {
  // The same split as parseAlgorithmRef, without its match object: a valid reference has one "/".
  if (!isAlgorithmRef(algorithm)) return { org: '', algorithm };
  const slash = algorithm.indexOf('/');
  return { org: algorithm.slice(0, slash), algorithm: algorithm.slice(slash + 1) };
}

/** The Kafka principal an algorithm acts as, e.g. `User:eventflows.acme.classify`. */
export function principalFor(algorithm: string, naming: NamingOptions = defaultNaming): string {
  const parts = nameParts(algorithm);
  return `User:${render(naming.principal, { prefix: naming.prefix, org: parts.org, algorithm: parts.algorithm })}`;
}

/** The user name inside {@link principalFor} (what the algorithm authenticates as with SASL). */
export function userNameFor(algorithm: string, naming: NamingOptions = defaultNaming): string {
  return principalFor(algorithm, naming).slice('User:'.length);
}

/** The consumer group of an algorithm's subscription to a topic. */
export function consumerGroupFor(
  algorithm: string,
  connection: string,
  topic: string,
  naming: NamingOptions = defaultNaming,
): string {
  const parts = nameParts(algorithm);
  return render(naming.consumerGroup, { prefix: naming.prefix, org: parts.org, algorithm: parts.algorithm, topic, connection });
}

type TemplatePart = string | { key: Placeholder };

/**
 * A consumer group template rendered for one algorithm: text, and the placeholders left for each
 * subscription (`topic`, `connection`). Made by {@link AlgorithmNamer}, used by {@link consumerGroupIn}.
 */
export type ConsumerGroupTemplate = readonly TemplatePart[];

/** The names one algorithm acts under. */
export interface AlgorithmNames {
  /** As {@link principalFor}. */
  principal: string;
  /** {@link consumerGroupFor} for each of its subscriptions, through {@link consumerGroupIn}. */
  consumerGroups: ConsumerGroupTemplate;
}

/**
 * Names many algorithms under one {@link NamingOptions}, as {@link principalFor} and {@link consumerGroupFor}
 * do. Compile names thousands: the templates are rendered once for the prefix and once per org, so an
 * algorithm's own names cost a few joins.
 */
export class AlgorithmNamer {
  private readonly principal: TemplatePart[];
  private readonly consumerGroup: TemplatePart[];
  private readonly byOrg = new Map<string, { principal: TemplatePart[]; consumerGroup: TemplatePart[] }>();

  constructor(naming: NamingOptions) {
    this.principal = filled(['User:', ...templateParts(naming.principal)], 'prefix', naming.prefix ?? '');
    this.consumerGroup = filled(templateParts(naming.consumerGroup), 'prefix', naming.prefix ?? '');
  }

  /** The names of the algorithm with reference `algorithm` (a malformed reference is all name). */
  names(algorithm: string): AlgorithmNames {
    const { org, algorithm: name } = nameParts(algorithm);
    let forOrg = this.byOrg.get(org);
    if (!forOrg) this.byOrg.set(org, (forOrg = { principal: filled(this.principal, 'org', org), consumerGroup: filled(this.consumerGroup, 'org', org) }));
    let principal = '';
    // A principal has no subscription: a topic or connection placeholder in its template renders as nothing.
    for (const part of forOrg.principal) principal += typeof part === 'string' ? part : part.key === 'algorithm' ? name : '';
    return { principal, consumerGroups: filled(forOrg.consumerGroup, 'algorithm', name) };
  }
}

/** `parts` with placeholder `key` put in as `value` and neighbouring text joined, as a list made at its size. */
function filled(parts: readonly TemplatePart[], key: Placeholder, value: string): TemplatePart[] {
  const textOf = (part: TemplatePart) => (typeof part === 'string' ? part : part.key === key ? value : undefined);
  let count = 0;
  for (let i = 0; i < parts.length; i++) {
    if (i === 0 || textOf(parts[i] as TemplatePart) === undefined || textOf(parts[i - 1] as TemplatePart) === undefined) count++;
  }
  const out = new Array<TemplatePart>(count);
  let at = -1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as TemplatePart;
    const text = textOf(part);
    if (text !== undefined && i > 0 && textOf(parts[i - 1] as TemplatePart) !== undefined) out[at] += text;
    else out[++at] = text ?? part;
  }
  return out;
}

/** The consumer group of a subscription to `topic` on `connection`, from its algorithm's {@link ConsumerGroupTemplate}. */
export function consumerGroupIn(template: ConsumerGroupTemplate, connection: string, topic: string): string {
  let out = '';
  for (const segment of template) out += typeof segment === 'string' ? segment : segment.key === 'topic' ? topic : connection;
  return out;
}
