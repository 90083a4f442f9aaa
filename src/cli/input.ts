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
 * INPUT is `-` (stdin), an existing file, or the text itself (`'-cpu host,hv_relaxed'`, `host,hv_relaxed`).
 * Something that looks like a path but does not exist is an error, not text.
 */
export async function readInput(arg: string, io: Io): Promise<Input> {
  if (arg === '-') return { text: await io.readStdin(), name: '<stdin>' };
  if (arg.trim() === '') throw new UsageError('the input is empty', 'give a file, `-` for stdin, or the configuration text itself');
  const path = resolve(io.cwd, arg);
  let isFile = false;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${arg} is a directory`, 'give a file, `-` for stdin, or the configuration text itself');
    isFile = st.isFile();
    if (isFile && st.size > MAX_INPUT_BYTES) {
      throw new UsageError(`${arg} is ${st.size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, 'pass the part that holds the configuration');
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  if (isFile) {
    try {
      return { text: readFileSync(path, 'utf8'), name: arg, path };
    } catch (e) {
      throw new UsageError(`cannot read ${arg}: ${(e as Error).message}`);
    }
  }
  if (PATHLIKE.test(arg)) throw new UsageError(`no such file: ${arg}`, 'check the path, or quote the configuration text if you meant to pass it directly');
  return { text: arg, name: '<argument>' };
}
