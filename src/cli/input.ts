import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from './io.js';
import { UsageError } from './io.js';

export interface Input {
  text: string;
  /** For messages: the file path, `<stdin>` or `<argument>`. */
  name: string;
  /** The absolute path when the input is a file. */
  path?: string;
}

/** Largest input read, in bytes (documented in the README). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const PATHLIKE = /^[^\s,=<{]*(\/|\.(xml|args|json|txt|sh|conf|cmd|log))$|^\.{0,2}\/[^\s]*$/;

/**
 * The file INPUT names, without reading it: its name for messages and absolute path, or undefined
 * when INPUT is `-` or no existing file (the text itself, or a missing path: readInput says which).
 */
export function inputFile(arg: string, io: Io): { name: string; path: string } | undefined {
  if (arg === '-' || arg.trim() === '') return undefined;
  const path = resolve(io.cwd, arg);
  let st;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) throw new UsageError(`${arg} is a directory`, 'give a file, `-` for stdin, or the configuration text itself');
  if (!st.isFile()) return undefined;
  if (st.size > MAX_INPUT_BYTES) throw tooLarge(arg, st.size);
  return { name: arg, path };
}

export function tooLarge(name: string, size: number): UsageError {
  return new UsageError(`${name} is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, 'pass the part that holds the configuration');
}

/**
 * INPUT is `-` (stdin), an existing file, or the text itself (`'-cpu host,hv_relaxed'`, `host,hv_relaxed`).
 * Something that looks like a path but does not exist is an error, not text.
 */
export async function readInput(arg: string, io: Io): Promise<Input> {
  if (arg === '-') return { text: await io.readStdin(), name: '<stdin>' };
  if (arg.trim() === '') throw new UsageError('the input is empty', 'give a file, `-` for stdin, or the configuration text itself');
  const file = inputFile(arg, io);
  if (file) {
    try {
      return { text: readFileSync(file.path, 'utf8'), ...file };
    } catch (e) {
      throw new UsageError(`cannot read ${arg}: ${(e as Error).message}`);
    }
  }
  if (PATHLIKE.test(arg)) throw new UsageError(`no such file: ${arg}`, 'check the path, or quote the configuration text if you meant to pass it directly');
  return { text: arg, name: '<argument>' };
}
