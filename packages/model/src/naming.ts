import { parseAlgorithmRef } from './names.ts';

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

type Placeholder = 'prefix' | 'org' | 'algorithm' | 'topic' | 'connection';
const compiled = new Map<string, Array<string | { key: Placeholder }>>();

/** Renders a template; each template is split into parts once, because compile renders thousands of names. */
function render(template: string, values: Partial<Record<Placeholder, string>>): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/(\{(?:prefix|org|algorithm|topic|connection)\})/).map((part) => {
      const m = /^\{(prefix|org|algorithm|topic|connection)\}$/.exec(part);
      return m ? { key: m[1] as Placeholder } : part;
    });
    if (compiled.size > 100) compiled.clear();
    compiled.set(template, parts);
  }
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (values[part.key] ?? '');
  return out;
}

function refParts(algorithm: string): { org: string; algorithm: string } {
  const parsed = parseAlgorithmRef(algorithm);
  return parsed ? { org: parsed.org, algorithm: parsed.name } : { org: '', algorithm };
}

/** The Kafka principal an algorithm acts as, e.g. `User:eventflows.acme.classify`. */
export function principalFor(algorithm: string, naming: NamingOptions = defaultNaming): string {
  return `User:${render(naming.principal, { prefix: naming.prefix, ...refParts(algorithm) })}`;
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
  return render(naming.consumerGroup, { prefix: naming.prefix, ...refParts(algorithm), topic, connection });
}
