/** Raised for any malformed input; the connection that sent it is closed. */
export class MalformedFrameError extends Error {
  override readonly name = 'MalformedFrameError';
}

const twoTo32 = 4294967296;

/**
 * A bounds-checked cursor over a frame. Every read either returns a value that lies wholly
 * inside the frame or throws {@link MalformedFrameError}; it never reads past `end`.
 */
export class FrameReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Bytes left before the end of the frame. */
  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) throw new MalformedFrameError(`read of ${n} bytes past the end of the frame`);
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }
  /** int64 as a JS number (exact up to 2^53, which every offset and timestamp here is). */
  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * twoTo32 + this.buf.readUInt32BE(at + 4);
  }
  float64(): number {
    return this.buf.readDoubleBE(this.need(8));
  }
  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }

  /** Unsigned LEB128 varint (flexible protocol versions), at most 5 bytes. */
  uvarint(): number {
    let value = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.buf[this.need(1)] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
    }
    throw new MalformedFrameError('varint longer than 5 bytes');
  }

  bytes(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  string(n: number): string {
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  uuid(): string {
    return this.bytes(16).toString('hex');
  }

  skip(n: number): void {
    this.need(n);
  }
}
