const twoTo32 = 4294967296;

/**
 * An append-only encoder that grows as needed. Large opaque payloads (record batches) are not
 * copied: they are kept as separate chunks and handed to the socket as they are.
 */
export class FrameWriter {
  private buf: Buffer;
  private pos = 0;
  private readonly chunks: Buffer[] = [];
  private flushedBytes = 0;

  constructor(initialSize = 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far, including detached chunks. */
  get length(): number {
    return this.flushedBytes + this.pos;
  }

  /** Reserves `n` bytes and returns where they start; call it before touching `this.buf`. */
  private room(n: number): number {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n + 256));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(v: number): void {
    const at = this.room(1);
    this.buf.writeInt8(v, at);
  }
  int16(v: number): void {
    const at = this.room(2);
    this.buf.writeInt16BE(v, at);
  }
  uint16(v: number): void {
    const at = this.room(2);
    this.buf.writeUInt16BE(v, at);
  }
  int32(v: number): void {
    const at = this.room(4);
    this.buf.writeInt32BE(v, at);
  }
  uint32(v: number): void {
    const at = this.room(4);
    this.buf.writeUInt32BE(v >>> 0, at);
  }
  int64(v: number): void {
    const at = this.room(8);
    const hi = Math.floor(v / twoTo32);
    this.buf.writeInt32BE(hi, at);
    this.buf.writeUInt32BE(v - hi * twoTo32, at + 4);
  }
  float64(v: number): void {
    const at = this.room(8);
    this.buf.writeDoubleBE(v, at);
  }
  bool(v: boolean): void {
    const at = this.room(1);
    this.buf[at] = v ? 1 : 0;
  }
  uvarint(v: number): void {
    let rest = v;
    while (rest >= 0x80) {
      const at = this.room(1);
      this.buf[at] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 128);
    }
    const last = this.room(1);
    this.buf[last] = rest;
  }
  raw(bytes: Uint8Array): void {
    const at = this.room(bytes.length);
    this.buf.set(bytes, at);
  }
  utf8(s: string, byteLength: number): void {
    const at = this.room(byteLength);
    this.buf.write(s, at, byteLength, 'utf8');
  }

  /** Appends buffers without copying them. */
  attach(parts: readonly Buffer[]): void {
    if (this.pos > 0) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.flushedBytes += this.pos;
      this.buf = Buffer.allocUnsafe(Math.max(256, this.buf.length - this.pos));
      this.pos = 0;
    }
    for (const part of parts) {
      this.chunks.push(part);
      this.flushedBytes += part.length;
    }
  }

  /** The encoded bytes as a list of buffers, in order. */
  finish(): Buffer[] {
    if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    return this.chunks;
  }
}
