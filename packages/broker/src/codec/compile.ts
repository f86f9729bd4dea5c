import { FrameReader, MalformedFrameError } from './reader.ts';
import { FrameWriter } from './writer.ts';
import type { MessageSchema, SchemaField } from './schemaFiles.ts';
import { inRange, parseVersionRange } from './versionRange.ts';

/** A decoded message or struct: camelCase field names as in Kafka's schemas, values as plain JS. */
export type Message = Record<string, unknown>;

/** Reads one message body of a fixed (api, version) from a frame. */
export type Decoder = (r: FrameReader) => Message;
/** Writes one message body of a fixed (api, version). */
export type Encoder = (w: FrameWriter, m: Message) => void;

type ReadFn = (r: FrameReader) => unknown;
type WriteFn = (w: FrameWriter, v: unknown) => void;

interface FieldPlan {
  readonly key: string;
  readonly read: ReadFn;
  readonly write: WriteFn;
  readonly fallback: () => unknown;
  readonly tag: number | undefined;
}

interface CompileContext {
  readonly version: number;
  readonly flexible: boolean;
  readonly common: Map<string, readonly SchemaField[]>;
}

/** Kafka's PascalCase field name as the camelCase key used in decoded messages. */
export function fieldKey(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function readLength(r: FrameReader, flexible: boolean, wide: boolean): number {
  if (flexible) return r.uvarint() - 1;
  return wide ? r.int32() : r.int16();
}

function writeLength(w: FrameWriter, flexible: boolean, wide: boolean, n: number): void {
  if (flexible) w.uvarint(n + 1);
  else if (wide) w.int32(n);
  else w.int16(n);
}

function defaultOf(field: SchemaField, nullable: boolean): () => unknown {
  const type = field.type;
  const given = field.default;
  if (type.startsWith('[]')) return () => [];
  switch (type) {
    case 'bool': {
      const v = given === true || given === 'true';
      return () => v;
    }
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'float64': {
      const v = given === undefined ? 0 : Number(given);
      return () => v;
    }
    case 'string': {
      const v = given === undefined ? '' : given === 'null' && nullable ? null : String(given);
      return () => v;
    }
    case 'bytes':
      return nullable && given === 'null' ? () => null : () => Buffer.alloc(0);
    case 'records':
      return () => null;
    case 'uuid':
      return () => '00000000000000000000000000000000';
    default:
      return nullable ? () => null : () => ({});
  }
}

function primitive(type: string, flexible: boolean, nullable: boolean): { read: ReadFn; write: WriteFn } | undefined {
  switch (type) {
    case 'bool':
      return { read: (r) => r.bool(), write: (w, v) => w.bool(Boolean(v)) };
    case 'int8':
      return { read: (r) => r.int8(), write: (w, v) => w.int8(Number(v)) };
    case 'int16':
      return { read: (r) => r.int16(), write: (w, v) => w.int16(Number(v)) };
    case 'uint16':
      return { read: (r) => r.uint16(), write: (w, v) => w.uint16(Number(v)) };
    case 'int32':
      return { read: (r) => r.int32(), write: (w, v) => w.int32(Number(v)) };
    case 'uint32':
      return { read: (r) => r.uint32(), write: (w, v) => w.uint32(Number(v)) };
    case 'int64':
      return { read: (r) => r.int64(), write: (w, v) => w.int64(Number(v)) };
    case 'float64':
      return { read: (r) => r.float64(), write: (w, v) => w.float64(Number(v)) };
    case 'uuid':
      return {
        read: (r) => r.uuid(),
        write: (w, v) => w.raw(Buffer.from(typeof v === 'string' && v.length === 32 ? v : '0'.repeat(32), 'hex')),
      };
    case 'string':
      return {
        read: (r) => {
          const n = readLength(r, flexible, false);
          if (n < 0) {
            if (!nullable) throw new MalformedFrameError('null in a non-nullable string');
            return null;
          }
          return r.string(n);
        },
        write: (w, v) => {
          if (v === null || v === undefined) {
            writeLength(w, flexible, false, -1);
            return;
          }
          const s = String(v);
          const n = Buffer.byteLength(s);
          writeLength(w, flexible, false, n);
          w.utf8(s, n);
        },
      };
    case 'bytes':
    case 'records':
      return {
        read: (r) => {
          const n = readLength(r, flexible, true);
          if (n < 0) {
            if (!nullable) throw new MalformedFrameError('null in non-nullable bytes');
            return null;
          }
          return r.bytes(n);
        },
        write: (w, v) => {
          if (v === null || v === undefined) {
            writeLength(w, flexible, true, -1);
            return;
          }
          if (Array.isArray(v)) {
            const parts = v as Buffer[];
            let n = 0;
            for (const p of parts) n += p.length;
            writeLength(w, flexible, true, n);
            if (n > 4096) w.attach(parts);
            else for (const p of parts) w.raw(p);
            return;
          }
          const b = v as Buffer;
          writeLength(w, flexible, true, b.length);
          if (b.length > 4096) w.attach([b]);
          else w.raw(b);
        },
      };
    default:
      return undefined;
  }
}

/** Tagged fields are written only when they differ from their default, as Kafka does. */
function isDefaultValue(value: unknown, fallback: unknown): boolean {
  if (value === undefined || value === null || value === fallback) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (Buffer.isBuffer(value)) return value.length === 0;
  // A struct left at its default (an empty object, as decoded when the tag was absent).
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function compileStruct(fields: readonly SchemaField[], ctx: CompileContext): { read: ReadFn; write: WriteFn } {
  const plain: FieldPlan[] = [];
  const tagged: FieldPlan[] = [];
  for (const field of fields) {
    if (!inRange(parseVersionRange(field.versions), ctx.version)) continue;
    const plan = compileField(field, ctx);
    if (plan.tag !== undefined) tagged.push(plan);
    else plain.push(plan);
  }
  const flexible = ctx.flexible;
  const byTag = new Map(tagged.map((t) => [t.tag, t]));
  const read: ReadFn = (r) => {
    const out: Message = {};
    for (const f of plain) out[f.key] = f.read(r);
    if (flexible) {
      for (const f of tagged) out[f.key] = f.fallback();
      const count = r.uvarint();
      for (let i = 0; i < count; i++) {
        const tag = r.uvarint();
        const size = r.uvarint();
        const f = byTag.get(tag);
        if (f === undefined) {
          r.skip(size);
          continue;
        }
        const sub = new FrameReader(r.buf, r.pos, r.pos + size);
        if (sub.end > r.end) throw new MalformedFrameError('tagged field past the end of its struct');
        out[f.key] = f.read(sub);
        r.skip(size);
      }
    }
    return out;
  };
  const write: WriteFn = (w, v) => {
    const m = (v ?? {}) as Message;
    for (const f of plain) {
      const value = m[f.key];
      f.write(w, value === undefined ? f.fallback() : value);
    }
    if (flexible) {
      const present = tagged.filter((f) => !isDefaultValue(m[f.key], f.fallback()));
      w.uvarint(present.length);
      for (const f of present) {
        const sub = new FrameWriter(64);
        f.write(sub, m[f.key]);
        const parts = sub.finish();
        w.uvarint(f.tag ?? 0);
        w.uvarint(sub.length);
        for (const p of parts) w.raw(p);
      }
    }
  };
  return { read, write };
}

function compileField(field: SchemaField, ctx: CompileContext): FieldPlan {
  const nullable = inRange(parseVersionRange(field.nullableVersions), ctx.version);
  const isTagged = field.taggedVersions !== undefined && inRange(parseVersionRange(field.taggedVersions), ctx.version);
  const fallback = defaultOf(field, nullable);
  const { read, write } = compileType(field, field.type, ctx, nullable);
  return { key: fieldKey(field.name), read, write, fallback, tag: isTagged ? field.tag : undefined };
}

function compileType(field: SchemaField, type: string, ctx: CompileContext, nullable: boolean): { read: ReadFn; write: WriteFn } {
  const flexible = ctx.flexible;
  if (type.startsWith('[]')) {
    const element = compileType(field, type.slice(2), ctx, false);
    return {
      read: (r) => {
        const n = readLength(r, flexible, true);
        if (n < 0) {
          if (!nullable) throw new MalformedFrameError('null in a non-nullable array');
          return null;
        }
        if (n > r.remaining) throw new MalformedFrameError(`array of ${n} elements in ${r.remaining} bytes`);
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = element.read(r);
        return out;
      },
      write: (w, v) => {
        if (v === null || v === undefined) {
          writeLength(w, flexible, true, -1);
          return;
        }
        const items = v as unknown[];
        writeLength(w, flexible, true, items.length);
        for (const item of items) element.write(w, item);
      },
    };
  }
  const prim = primitive(type, flexible, nullable);
  if (prim) return prim;
  const fields = field.fields ?? ctx.common.get(type);
  if (!fields) throw new Error(`schema type ${type} of ${field.name} is unknown`);
  const struct = compileStruct(fields, ctx);
  if (!nullable) return struct;
  // Nullable structs are prefixed with an int8 presence marker.
  return {
    read: (r) => (r.int8() < 0 ? null : struct.read(r)),
    write: (w, v) => {
      if (v === null || v === undefined) w.int8(-1);
      else {
        w.int8(1);
        struct.write(w, v);
      }
    },
  };
}

/** A compiled codec for one message at one version. */
export interface MessageCodec {
  readonly decode: Decoder;
  readonly encode: Encoder;
  readonly flexible: boolean;
}

/** Builds the decode/encode plan for `schema` at `version` once; reuse it for every message. */
export function compileMessage(schema: MessageSchema, version: number): MessageCodec {
  const flexible = inRange(parseVersionRange(schema.flexibleVersions), version);
  const common = new Map((schema.commonStructs ?? []).map((s) => [s.name, s.fields]));
  const struct = compileStruct(schema.fields, { version, flexible, common });
  return {
    decode: struct.read as Decoder,
    encode: struct.write,
    flexible,
  };
}
