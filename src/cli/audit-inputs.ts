import { readdirSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Input } from './input.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { listDomains, readConnectInput } from './virsh.js';

/** File endings audit reads when it walks a folder: domain XML, QEMU command lines, enlighten JSON. */
const ENDINGS = ['.xml', '.args', '.json'];
const MAX_FILES = 10_000;

/** A configuration to audit, or one that could not be found or read: audit reports it and goes on. */
export type AuditInput = { input: Input } | { name: string; error: string };

/** A file to read, or a path that failed (no such path, an unreadable folder). */
type Found = { file: string } | { name: string; error: string };

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file or folder' : err.message;
}

/** A symlink met in a folder: the file it points to, or a row saying why it cannot be read. */
function linkTarget(abs: string, name: string): Found {
  try {
    const st = statSync(abs);
    return st.isFile() ? { file: name } : { name, error: 'a link to something that is not a regular file' };
  } catch (e) {
    return { name, error: `a link that leads nowhere: ${reason(e)}` };
  }
}

/** Every configuration file under the paths (folders are walked, hidden entries and node_modules skipped). */
export function findConfigFiles(paths: string[], io: Io): Found[] {
  const out: Found[] = [];
  const shown = (abs: string) => relative(io.cwd, abs) || abs;
  const walk = (abs: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      out.push({ name: shown(abs), error: `cannot read the folder: ${reason(e)}` });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(abs, entry.name);
      const wanted = ENDINGS.some((e) => entry.name.endsWith(e));
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && wanted) out.push({ file: shown(p) });
      else if (entry.isSymbolicLink() && wanted) out.push(linkTarget(p, shown(p)));
      if (out.length > MAX_FILES)
        throw new UsageError(
          `more than ${MAX_FILES} configuration files under ${paths.join(' ')}`,
          'audit a smaller folder',
        );
    }
  };
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (e) {
      out.push({ name: p, error: reason(e) });
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else if (st.isFile()) out.push({ file: p });
    // A FIFO, socket or device would block or never end: audit reads files only (check reads them).
    else out.push({ name: p, error: 'not a regular file (audit reads files; `enlighten check` reads a pipe)' });
  }
  return out;
}

/** Reads one input; a usage error (unreadable, over the cap, badly encoded) becomes the row's error. */
async function attempt(name: string, read: () => Promise<Input>): Promise<AuditInput> {
  try {
    return { input: await read() };
  } catch (e) {
    if (e instanceof UsageError) return { name, error: e.message };
    throw e;
  }
}

/** The inputs to audit: files and folders, and every domain of a libvirt connection. */
export async function* auditInputs(
  paths: string[],
  connect: string | undefined,
  io: Io,
  limit: number,
): AsyncGenerator<AuditInput> {
  for (const found of findConfigFiles(paths, io)) {
    yield 'file' in found ? attempt(found.file, () => readInput(found.file, io, limit)) : found;
  }
  if (connect)
    for (const name of await listDomains(connect))
      yield attempt(`${name} (${connect})`, () => readConnectInput(connect, name, limit));
}
