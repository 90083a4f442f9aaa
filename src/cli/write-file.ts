import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.js';

/** A file whose content changed between our read and our write. */
export class ConflictError extends UsageError {}

/** The first free backup name: FILE.enlighten.bak, then FILE.enlighten.1.bak, ... (never overwritten). */
export function backupPath(path: string): string {
  let candidate = `${path}.enlighten.bak`;
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.enlighten.${n}.bak`;
  return candidate;
}

/**
 * Replaces `path` with `text`, atomically (a temporary file in the same folder, flushed, then
 * renamed over the original, keeping its permissions), after copying the original to a backup
 * that is never overwritten. Refuses when the file no longer holds `expected` (what we read):
 * someone else changed it, and their change must not be lost.
 * Returns the backup's path.
 */
export function writeFileSafely(path: string, text: string, expected: string): string {
  let current: string;
  try {
    current = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConflictError(`${path} cannot be read any more: ${(e as Error).message}`, 'nothing was written');
  }
  if (current !== expected) {
    throw new ConflictError(`${path} changed since enlighten read it; nothing was written`, 'run the command again on the new content');
  }
  const mode = statSync(path).mode & 0o7777;
  const backup = backupPath(path);
  copyFileSync(path, backup);
  const tmp = join(dirname(path), `.${basename(path)}.enlighten-${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw new UsageError(`cannot replace ${path}: ${(e as Error).message}`, `the original is untouched; a copy is in ${backup}`);
  }
  return backup;
}
