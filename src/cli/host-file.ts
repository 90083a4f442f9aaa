import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HostProbe } from '../host/index.js';
import { parseHostProbe } from '../host/index.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';

/** Reads `--host FILE` (the JSON of `enlighten probe --json`); a bad file is a usage error (exit 2). */
export function readHostFile(path: string, io: Io): HostProbe {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`, 'write one on the host with `enlighten probe --json > host.json`');
  }
  const r = parseHostProbe(text);
  if (!r.ok) throw new UsageError(`${path}: ${r.diagnostics[0]!.message}`, r.diagnostics[0]!.notes?.[0]);
  return r.value;
}
