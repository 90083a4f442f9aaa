import { resolve } from 'node:path';
import type { HostProbe } from '../host/index.js';
import { parseHostProbe } from '../host/index.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { readInputFile } from './input.js';

/** Reads `--host FILE` (the JSON of `enlighten probe --json`); a bad file is a usage error (exit 2). */
export function readHostFile(path: string, io: Io, limit: number): HostProbe {
  const text = readInputFile(resolve(io.cwd, path), path, limit).text;
  const r = parseHostProbe(text);
  if (!r.ok) throw new UsageError(`${path}: ${r.diagnostics[0]!.message}`, r.diagnostics[0]!.notes?.[0]);
  return r.value;
}
