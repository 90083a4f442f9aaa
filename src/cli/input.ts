import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import type { InputEncoding } from './input-encoding.js';
import { decodeInput } from './input-encoding.js';
import { DEFAULT_MAX_BYTES } from './max-bytes.js';
import { readFileBounded } from './read-bounded.js';

export { encodeLike } from './input-encoding.js';
export type { InputEncoding } from './input-encoding.js';

export interface Input {
  text: string;
  /** For messages: the file path, `<stdin>` or `<argument>`. */
  name: string;
  /** The absolute path when the input is a file. */
  path?: string;
  /** How the bytes were encoded; write back with encodeLike(input, text). */
  encoding: InputEncoding;
  /** True when the bytes started with a byte-order mark (the text then starts with U+FEFF). */
  bom: boolean;
}

/** Largest input read by default, in bytes (documented in the README); --max-bytes changes it. */
export const MAX_INPUT_BYTES = DEFAULT_MAX_BYTES;

const PATHLIKE = /^[^\s,=<{]*(\/|\.(xml|args|json|txt|sh|conf|cmd|log))$|^\.{0,2}\/[^\s]*$/;

function overLimit(name: string, limit: number): UsageError {
  return new UsageError(`${name} is over the ${limit}-byte limit; pass --max-bytes to raise it`);
}

/** Decodes bytes read for `name`, refusing them when they are over `limit`. */
export function inputFromBytes(bytes: Buffer, name: string, limit: number, path?: string): Input {
  if (bytes.length > limit) throw overLimit(name, limit);
  const { text, encoding, bom } = decodeInput(bytes, name);
  // Two literals, not spreads: a spread of a conditional object takes a slow path (every file of an audit comes here).
  return path ? { text, name, path, encoding, bom } : { text, name, encoding, bom };
}

/** Reads a file (or FIFO, device, /proc file) through the bounded reader; `label` names it in messages. */
export function readInputFile(path: string, label: string, limit: number): Input {
  let bytes: Buffer;
  try {
    bytes = readFileBounded(path, limit);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'it is a directory' : err.message;
    throw new UsageError(`cannot read ${label}: ${why}`);
  }
  return inputFromBytes(bytes, label, limit, path);
}

/** Text given as an argument: no bytes to decode, but the same cap. */
function argumentInput(text: string, limit: number): Input {
  if (Buffer.byteLength(text) > limit) throw overLimit('<argument>', limit);
  return { text, name: '<argument>', encoding: 'utf-8', bom: false };
}

/**
 * INPUT is `-` (stdin), an existing file, or the text itself (`'-cpu host,hv_relaxed'`, `host,hv_relaxed`).
 * Something that looks like a path but does not exist is an error, not text. Every input is read
 * through one bounded reader (at most limit + 1 bytes), then decoded (UTF-8, or UTF-16 with a BOM).
 */
export async function readInput(arg: string, io: Io, limit: number = DEFAULT_MAX_BYTES): Promise<Input> {
  if (arg === '-') return inputFromBytes(await io.readStdin(limit), '<stdin>', limit);
  if (arg.trim() === '')
    throw new UsageError('the input is empty', 'give a file, `-` for stdin, or the configuration text itself');
  const path = resolve(io.cwd, arg);
  let exists = false;
  try {
    exists = true;
    if (statSync(path).isDirectory())
      throw new UsageError(`${arg} is a directory`, 'give a file, `-` for stdin, or the configuration text itself');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // A file we may not stat (no search permission on its folder) is still reported when opened.
    exists = (e as NodeJS.ErrnoException).code === 'EACCES';
  }
  if (exists) return readInputFile(path, arg, limit);
  if (PATHLIKE.test(arg))
    throw new UsageError(
      `no such file: ${arg}`,
      'check the path, or quote the configuration text if you meant to pass it directly',
    );
  return argumentInput(arg, limit);
}

/**
 * The file INPUT names, without reading it: its name for messages and absolute path, or undefined
 * when INPUT is `-` or no regular file (the text itself, a missing path or a pseudo-file: readInput
 * says which). Commands that write read such a file under their lock (write-file.ts).
 */
export function inputFile(arg: string, io: Io): { name: string; path: string } | undefined {
  if (arg === '-' || arg.trim() === '') return undefined;
  const path = resolve(io.cwd, arg);
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (st.isDirectory())
    throw new UsageError(`${arg} is a directory`, 'give a file, `-` for stdin, or the configuration text itself');
  return st.isFile() ? { name: arg, path } : undefined;
}

/** The refusal for a file over the cap, by its size. */
export function tooLarge(name: string, size: number, limit: number): UsageError {
  return new UsageError(`${name} is ${size} bytes, over the ${limit}-byte limit; pass --max-bytes to raise it`);
}
