import { parseAlgorithmRef } from './nameRules.ts';

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
type Placeholder = 'prefix' | 'org' | 'algorithm' | 'topic' | 'connection';

/** Renders a template: each placeholder becomes its value, or nothing when it has none. */
function render(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template.replace(/\{(prefix|org|algorithm|topic|connection)\}/g, (_match, key: Placeholder) => values[key] ?? '');
}

/** The parts of an algorithm reference that names are made of; a malformed reference is all name. */
interface NameParts {
  org: string;
  algorithm: string;
}

/** Splits an algorithm reference into the {@link NameParts} that names are rendered from. */
function nameParts(algorithm: string): NameParts {
  const ref = parseAlgorithmRef(algorithm);
  return ref ? { org: ref.org, algorithm: ref.name } : { org: '', algorithm };
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

/**
 * The client id the studio's runtime uses for an algorithm's Kafka clients (its consumer groups'
 * members carry it), from the algorithm's principal: `eventflows-runtime-eventflows.acme.classify`.
 * A group member with another client id is not the studio's.
 */
export function runtimeClientId(principal: string): string {
  return `eventflows-runtime-${principal.replace(/^User:/, '')}`;
}
