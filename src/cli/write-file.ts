import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lockFile } from './file-lock.js';
import { tooLarge } from './input.js';
import { DEFAULT_MAX_BYTES } from './max-bytes.js';
import { UsageError } from './io.js';
import { noteWritten } from './written.js';
import { loadCrypto } from '../host/lazy-node.js';

/** A file whose content changed between our read and our write. */
export class ConflictError extends UsageError {}

export interface EditResult {
  /** The backup of the previous content, when the file was written. */
  backup: string | null;
  written: boolean;
}

/** Our temporary files for `real`: `.NAME.enlighten-<16 hex>.tmp`, in its folder. */
function tempPattern(real: string): RegExp {
  return new RegExp(`^\\.${basename(real).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.enlighten-[0-9a-f]{16}\\.tmp$`);
}

function tempPath(real: string): string {
  return join(dirname(real), `.${basename(real)}.enlighten-${loadCrypto().randomBytes(8).toString('hex')}.tmp`);
}

/** The backup names, in order: FILE.enlighten.bak, FILE.enlighten.1.bak, ... */
function backupName(real: string, n: number): string {
  return n === 0 ? `${real}.enlighten.bak` : `${real}.enlighten.${n}.bak`;
}

/** Removes temporary files a killed run left for this target (called under the lock). */
function removeLeftovers(real: string): void {
  const pattern = tempPattern(real);
  let names: string[];
  try {
    names = readdirSync(dirname(real));
  } catch {
    return;
  }
  for (const n of names) {
    if (!pattern.test(n)) continue;
    try {
      unlinkSync(join(dirname(real), n));
    } catch {
      // not ours to remove (another user's, in a shared folder): left alone
    }
  }
}

/** The whole content behind `fd`, read from the start (the same inode, whatever the path now names). */
function readAll(fd: number): Buffer {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(65536);
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) return Buffer.concat(chunks);
    chunks.push(buf.subarray(0, n));
    pos += n;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function fsyncFolder(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Read-only for us: no write bit at all (root writes anyway, so check the mode), or no write access. */
function isReadOnly(real: string, st: Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    accessSync(real, constants.W_OK);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EACCES';
  }
}

/** A clear message for a failed write (full disk, read-only folder, permissions); anything else is a bug. */
function writeError(e: unknown, name: string, dir: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof UsageError || !err.code) return e;
  const hint =
    'enlighten writes a new file beside the original and renames it into place, so it needs write access and space in the folder';
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT')
    return new UsageError(
      `cannot write ${name}: no space left in ${dir}; the original is untouched`,
      'free some space and run the command again',
    );
  if (err.code === 'EROFS')
    return new UsageError(
      `cannot write ${name}: ${dir} is on a read-only file system; the original is untouched`,
      hint,
    );
  if (err.code === 'EACCES' || err.code === 'EPERM')
    return new UsageError(`cannot write ${name}: permission denied in ${dir}; the original is untouched`, hint);
  return new UsageError(`cannot write ${name}: ${err.message}; the original is untouched`);
}

/** Writes `bytes` to a new, exclusively created temporary file with the mode, owner and group of `st`, flushed. */
function writeTemp(real: string, bytes: Buffer, st: Stats, name: string): { path: string; fd: number } {
  const path = tempPath(real);
  // wx plus O_NOFOLLOW: a name that exists (even as a dangling symlink) fails instead of being written through.
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    const mine = fstatSync(fd);
    if (mine.uid !== st.uid || mine.gid !== st.gid) {
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
        throw new UsageError(
          `cannot keep the owner and group of ${name} (${st.uid}:${st.gid}); nothing was written`,
          "run enlighten as the file's owner or as root",
        );
      }
    }
    fchmodSync(fd, st.mode & 0o7777); // after fchown, which clears set-user-ID and set-group-ID
    fsyncSync(fd);
    return { path, fd };
  } catch (e) {
    closeSync(fd);
    unlinkSync(path);
    throw e;
  }
}

/** Gives the current file (the inode we read) the first free backup name. link() never overwrites. */
function linkBackup(real: string, st: Stats, name: string): string {
  for (let n = 0; n < 100000; n++) {
    const backup = backupName(real, n);
    try {
      linkSync(real, backup);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    if (sameFile(lstatSync(backup), st)) return backup;
    unlinkSync(backup);
    throw new ConflictError(
      `${name} changed since enlighten read it (it was replaced); nothing was written`,
      'run the command again on the new content',
    );
  }
  throw new UsageError(`${name} has 100000 backups; nothing was written`, 'remove old FILE.enlighten.*.bak files');
}

/**
 * Edits the file at `path` in place, safely: under a lock that other enlighten runs respect, reads
 * it, hands its bytes to `edit` (null or the same bytes: nothing to write), then writes the result
 * to a new file in the same folder (same mode, owner and group, flushed) and renames it into place.
 * The previous content stays as a backup (FILE.enlighten.bak, FILE.enlighten.1.bak, ...: the old
 * inode itself, hard-linked to the first free name, so it is whole and never overwritten).
 * Refuses (ConflictError, exit 2, file untouched) when someone who takes no lock changed the file
 * after we read it. A symlink is followed and kept; a read-only file needs `force`.
 */
export async function editFileSafely(
  path: string,
  edit: (current: Buffer) => Promise<Buffer | null> | Buffer | null,
  opts: { force?: boolean; name?: string; limit?: number } = {},
): Promise<EditResult> {
  const name = opts.name ?? path;
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
  }
  const dir = dirname(real);
  const lock = lockFile(real, name);
  try {
    if (lock.held) removeLeftovers(real);
    let fd: number;
    try {
      fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (e) {
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new UsageError(`${name} is not a regular file`);
      const limit = opts.limit ?? DEFAULT_MAX_BYTES;
      if (st.size > limit) throw tooLarge(name, st.size, limit);
      const current = readAll(fd);
      const next = await edit(current);
      if (next === null || next.equals(current)) return { backup: null, written: false };
      if (!lock.held) throw writeError(lock.why, name, dir);
      if (!opts.force && isReadOnly(real, st)) {
        throw new UsageError(
          `${name} is read-only; nothing was written`,
          'add --force to replace it anyway (its mode, owner and group are kept)',
        );
      }
      try {
        return replace(real, fd, st, current, next, name);
      } catch (e) {
        throw writeError(e, name, dir);
      }
    } finally {
      closeSync(fd);
    }
  } finally {
    if (lock.held) lock.release();
  }
}

/** Swaps `next` in for the file open at `fd` (content `current`), keeping `current` as the backup. */
function replace(real: string, fd: number, st: Stats, current: Buffer, next: Buffer, name: string): EditResult {
  const dir = dirname(real);
  const temp = writeTemp(real, next, st, name);
  let backup: string | null = null;
  let renamed = false;
  try {
    fsyncSync(fd);
    backup = linkBackup(real, st, name);
    fsyncFolder(dir);
    // Compare and swap: whoever wrote without taking the lock since our read wins, and we say so.
    if (!sameFile(lstatSync(real), st) || !readAll(fd).equals(current)) {
      throw new ConflictError(
        `${name} changed since enlighten read it; nothing was written`,
        'run the command again on the new content',
      );
    }
    renameSync(temp.path, real);
    renamed = true;
    // A write that landed in the old file between that check and the rename: put the old file back.
    if (!readAll(fd).equals(current)) {
      renameSync(backup, real);
      const lost = readAll(temp.fd).equals(next) ? '' : ' (a write made to the new file in that instant was lost)';
      fsyncFolder(dir);
      throw new ConflictError(
        `${name} changed since enlighten read it; it was put back as it is now, without the change${lost}`,
        'run the command again on the new content',
      );
    }
    noteWritten(`${name} (the original is in ${backup})`);
  } catch (e) {
    if (!renamed) {
      for (const leftover of [temp.path, backup]) {
        try {
          if (leftover) unlinkSync(leftover);
        } catch {
          // removed already
        }
      }
    }
    throw e;
  } finally {
    closeSync(temp.fd);
  }
  try {
    fsyncFolder(dir);
  } catch (e) {
    throw new UsageError(
      `${name} was replaced, but flushing ${dir} to disk failed: ${(e as Error).message}`,
      `the previous content is in ${backup}`,
    );
  }
  return { backup, written: true };
}

/**
 * A syntax with no lossless edit (its printer writes a new text, as for virt-xml commands, which
 * are reprinted from the set they make) is never written into a file: the rest of the file (other
 * commands, the domain name, options enlighten does not read) would be lost.
 */
export function cannotEditInPlace(name: string, syntax: string): UsageError {
  return new UsageError(
    `enlighten cannot edit the ${syntax} text in ${name} in place without losing what it does not read; nothing was written`,
    'use --stdout or --dry-run to see the new text, and copy what you need by hand',
  );
}
