import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Input } from './input.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { listDomains, readConnectInput } from './virsh.js';

/** File endings audit reads when it walks a folder: domain XML, QEMU command lines, enlighten JSON. */
const ENDINGS = ['.xml', '.args', '.json'];
const MAX_FILES = 10_000;

/** Every configuration file under the paths (folders are walked, hidden entries and node_modules skipped). */
export function findConfigFiles(paths: string[], io: Io): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(abs, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && ENDINGS.some((e) => entry.name.endsWith(e))) out.push(p);
      if (out.length > MAX_FILES) throw new UsageError(`more than ${MAX_FILES} configuration files under ${paths.join(' ')}`, 'audit a smaller folder');
    }
  };
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (isDir) walk(abs);
    else out.push(abs);
  }
  return out.map((f) => relative(io.cwd, f) || f);
}

/** The inputs to audit: files and folders, and every domain of a libvirt connection. */
export async function* auditInputs(paths: string[], connect: string | undefined, io: Io): AsyncGenerator<Input> {
  for (const file of findConfigFiles(paths, io)) yield readInput(file, io);
  if (connect) for (const name of await listDomains(connect)) yield readConnectInput(connect, name);
}
