import { isAscii, isUtf8 } from 'node:buffer';
import { UsageError } from './io.js';

/** The encodings enlighten reads (those libvirt reads): UTF-8, and UTF-16 with a byte-order mark. */
export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedInput {
  /** The text; a byte-order mark stays as a leading U+FEFF, as the parsers and the file writer expect. */
  text: string;
  encoding: InputEncoding;
  /** True when the bytes start with a byte-order mark. */
  bom: boolean;
}

const READS = 'enlighten reads UTF-8, or UTF-16 with a byte-order mark, as libvirt does';

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** Offset of the first byte that begins no valid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range narrows for E0 (no overlong), ED (no surrogate), F0 (no overlong), F4 (<= U+10FFFF).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

function refuseUtf8(bytes: Uint8Array, name: string, at: number): never {
  throw new UsageError(
    `${name} is not valid UTF-8: byte ${hex(bytes[at]!)} at byte offset ${at} does not begin a valid UTF-8 sequence; ${READS}`,
    'convert it first, for example: iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8',
  );
}

function refuseNul(name: string, at: number): never {
  throw new UsageError(
    `${name} holds a NUL byte at byte offset ${at}: binary data, or UTF-16 without a byte-order mark; ${READS}`,
    'give the configuration as text',
  );
}

function decodeUtf16(bytes: Buffer, name: string, encoding: 'utf-16le' | 'utf-16be'): DecodedInput {
  if (bytes.length % 2)
    throw new UsageError(
      `${name} starts with a UTF-16 byte-order mark but has an odd number of bytes (${bytes.length}); ${READS}`,
    );
  const le = encoding === 'utf-16le';
  const units = bytes.length / 2;
  const unit = (i: number) => (le ? bytes.readUInt16LE(2 * i) : bytes.readUInt16BE(2 * i));
  for (let i = 1; i < units; i++) {
    const u = unit(i);
    if (u === 0) refuseNul(name, 2 * i);
    if (u >= 0xdc00 && u <= 0xdfff)
      throw new UsageError(
        `${name} is not valid UTF-16: at byte offset ${2 * i} a low surrogate (0x${u.toString(16)}) follows no high one; ${READS}`,
      );
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : -1;
      if (next < 0xdc00 || next > 0xdfff)
        throw new UsageError(
          `${name} is not valid UTF-16: at byte offset ${2 * i} a high surrogate (0x${u.toString(16)}) has no low one after it; ${READS}`,
        );
      i++;
    }
  }
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return { text, encoding, bom: true };
}

/**
 * Turns the bytes of an input into text: UTF-8 (with or without a byte-order mark), or UTF-16 LE or
 * BE with one. Anything else (invalid UTF-8, NUL bytes, UTF-16 without a mark) is refused with
 * what was found and its byte offset, as libvirt refuses it ("not proper UTF-8").
 */
export function decodeInput(bytes: Buffer, name: string): DecodedInput {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, name, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, name, 'utf-16be');
  // A NUL before the first invalid byte says binary (or UTF-16 without a mark), not another text encoding.
  const nul = bytes.indexOf(0);
  // Most configurations are plain ASCII: V8 makes their one-byte string without decoding UTF-8.
  if (nul < 0 && isAscii(bytes)) return { text: bytes.toString('latin1'), encoding: 'utf-8', bom: false };
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (nul >= 0 && (bad < 0 || nul < bad)) refuseNul(name, nul);
  if (bad >= 0) refuseUtf8(bytes, name, bad);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: bytes.toString('utf8'), encoding: 'utf-8', bom };
}

/**
 * The bytes to write back for `text` in the input's own encoding, with its byte-order mark when it
 * had one (added when the text lost its leading U+FEFF, never doubled).
 */
export function encodeLike(input: { encoding: InputEncoding; bom: boolean }, text: string): Buffer {
  const full = input.bom && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
  if (input.encoding === 'utf-8') return Buffer.from(full, 'utf8');
  const le = Buffer.from(full, 'utf16le');
  return input.encoding === 'utf-16le' ? le : le.swap16();
}
