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
export interface NameParts {
  org: string;
  algorithm: string;
}

/** Splits an algorithm reference into the {@link NameParts} that names are rendered from. */
export function nameParts(algorithm: string): NameParts {
  // The same split as parseAlgorithmRef, without its match object: a valid reference has one "/".
  if (!isAlgorithmRef(algorithm)) return { org: '', algorithm };
  const slash = algorithm.indexOf('/');
  return { org: algorithm.slice(0, slash), algorithm: algorithm.slice(slash + 1) };
}

/** The Kafka principal an algorithm acts as, e.g. `User:eventflows.acme.classify`. */
export function principalFor(algorithm: string, naming: NamingOptions = defaultNaming): string {
  return principalOf(nameParts(algorithm), naming);
}

/** {@link principalFor} from parts already split (compile names thousands of bindings). */
export function principalOf(parts: NameParts, naming: NamingOptions): string {
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

/**
 * A consumer group template rendered for one algorithm: text, and the placeholders left for each
 * subscription (`topic`, `connection`). Made by {@link consumerGroupTemplate}, used by {@link consumerGroupIn}.
 */
export type ConsumerGroupTemplate = ReadonlyArray<string | { key: Placeholder }>;

/** {@link consumerGroupFor} for many topics of one algorithm: the template is rendered for the algorithm once. */
export function consumerGroupTemplate(parts: NameParts, naming: NamingOptions): ConsumerGroupTemplate {
  const segments: Array<string | { key: Placeholder }> = [];
  for (const part of templateParts(naming.consumerGroup)) {
    if (typeof part !== 'string' && (part.key === 'topic' || part.key === 'connection')) {
      segments.push(part);
      continue;
    }
    const text = typeof part === 'string' ? part : part.key === 'prefix' ? (naming.prefix ?? '') : part.key === 'org' ? parts.org : parts.algorithm;
    const last = segments.length - 1;
    if (typeof segments[last] === 'string') segments[last] += text;
    else segments.push(text);
  }
  return segments;
}

/** The consumer group of a subscription to `topic` on `connection`, from its algorithm's {@link consumerGroupTemplate}. */
export function consumerGroupIn(template: ConsumerGroupTemplate, connection: string, topic: string): string {
  let out = '';
  for (const segment of template) out += typeof segment === 'string' ? segment : segment.key === 'topic' ? topic : connection;
  return out;
}
