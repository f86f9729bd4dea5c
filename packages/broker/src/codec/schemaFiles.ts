import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** One field of a Kafka message schema, as written in Kafka's JSON message definitions. */
export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly versions: string;
  readonly nullableVersions?: string;
  readonly taggedVersions?: string;
  readonly tag?: number;
  readonly default?: string | number | boolean;
  readonly fields?: readonly SchemaField[];
}

/** A whole request or response message definition (one JSON file). */
export interface MessageSchema {
  readonly apiKey?: number;
  readonly type: 'request' | 'response' | 'header' | 'data';
  readonly name: string;
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: readonly SchemaField[];
  readonly commonStructs?: readonly { name: string; versions: string; fields: readonly SchemaField[] }[];
}

const messagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../protocol/messages');

/** Parses a schema file's text: whole-line `//` comments are dropped, the rest is JSON. */
export function parseSchemaText(text: string): MessageSchema {
  const json = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
  return JSON.parse(json) as MessageSchema;
}

/** Loads every request and response schema shipped with the broker, keyed by message name. */
export function loadMessageSchemas(): Map<string, MessageSchema> {
  const schemas = new Map<string, MessageSchema>();
  for (const file of readdirSync(messagesDir)) {
    if (!file.endsWith('.json')) continue;
    const schema = parseSchemaText(readFileSync(path.join(messagesDir, file), 'utf8'));
    schemas.set(schema.name, schema);
  }
  return schemas;
}
