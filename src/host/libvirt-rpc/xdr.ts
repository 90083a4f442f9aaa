/**
 * The few XDR types (RFC 4506) libvirt's RPC messages need: unsigned and signed 32-bit integers,
 * booleans, fixed opaque data (a UUID), strings with a maximum length, and optional data (`*` in
 * XDR, a boolean then the value). Big-endian, every item padded to a multiple of 4 bytes.
 *
 * Reading is bounded: every length is checked against the bytes left and the type's maximum
 * before anything is allocated, so a bad or hostile message is an XdrError, never a large buffer.
 */

export class XdrError extends Error {}

/** Bytes of padding after `n` bytes of data. */
function pad(n: number): number {
  return (4 - (n % 4)) % 4;
}

/** Builds one message: a list of chunks joined once at the end. */
export class XdrWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;

  private push(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new XdrError(`${v} is no unsigned 32-bit integer`);
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32BE(v, 0);
    this.push(b);
    return this;
  }

  i32(v: number): this {
    if (!Number.isInteger(v) || v < -0x8000_0000 || v > 0x7fff_ffff) throw new XdrError(`${v} is no 32-bit integer`);
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(v, 0);
    this.push(b);
    return this;
  }

  bool(v: boolean): this {
    return this.i32(v ? 1 : 0);
  }

  /** Fixed-length opaque data: exactly `length` bytes, then padding. */
  fixedOpaque(data: Uint8Array, length: number): this {
    if (data.length !== length) throw new XdrError(`opaque data of ${data.length} bytes where ${length} are expected`);
    this.push(Buffer.from(data));
    if (pad(length)) this.push(Buffer.alloc(pad(length)));
    return this;
  }

  /** A string of at most `max` bytes (UTF-8): its length, its bytes, padding. */
  string(s: string, max: number): this {
    const b = Buffer.from(s, 'utf8');
    if (b.length > max) throw new XdrError(`a string of ${b.length} bytes, over its ${max}-byte limit`);
    this.u32(b.length);
    this.push(b);
    if (pad(b.length)) this.push(Buffer.alloc(pad(b.length)));
    return this;
  }

  /** Optional data (`type *name`): false, or true and the value. */
  optionalString(s: string | undefined, max: number): this {
    this.bool(s !== undefined);
    return s === undefined ? this : this.string(s, max);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

/** Reads one message's bytes, in order; every read checks what is left. */
export class XdrReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  get left(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (n > this.left) throw new XdrError(`${what}: ${n} bytes needed, ${this.left} left in the message`);
  }

  u32(): number {
    this.need(4, 'an unsigned integer');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4, 'an integer');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** XDR booleans are 0 or 1; anything else is a bad message. */
  bool(): boolean {
    const v = this.i32();
    if (v !== 0 && v !== 1) throw new XdrError(`a boolean of value ${v}`);
    return v === 1;
  }

  fixedOpaque(length: number): Buffer {
    this.need(length + pad(length), `opaque data of ${length} bytes`);
    const b = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length + pad(length);
    return b;
  }

  /** The byte length of the string that comes next, checked against `max` and the message; not consumed. */
  peekStringLength(max: number): number {
    this.need(4, 'a string length');
    const n = this.buf.readUInt32BE(this.pos);
    if (n > max) throw new XdrError(`a string of ${n} bytes, over its ${max}-byte limit`);
    this.need(4 + n + pad(n), `a string of ${n} bytes`);
    return n;
  }

  /** A string of at most `max` bytes; its bytes must be UTF-8 (libvirt's strings are). */
  string(max: number): string {
    const n = this.peekStringLength(max);
    this.pos += 4;
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n + pad(n);
    return s;
  }

  /** Skips a string of at most `max` bytes without decoding it. */
  skipString(max: number): void {
    const n = this.peekStringLength(max);
    this.pos += 4 + n + pad(n);
  }

  optionalString(max: number): string | undefined {
    return this.bool() ? this.string(max) : undefined;
  }

  /** A variable-length array's count, at most `max` items, each at least `minItemBytes` long. */
  arrayLength(max: number, minItemBytes: number): number {
    const n = this.u32();
    if (n > max) throw new XdrError(`a list of ${n} items, over its limit of ${max}`);
    this.need(n * minItemBytes, `a list of ${n} items`);
    return n;
  }

  /** A message must be read to its last byte: anything left over is a bad message. */
  end(): void {
    if (this.left) throw new XdrError(`${this.left} bytes left over at the end of the message`);
  }
}
