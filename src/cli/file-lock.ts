import { closeSync, constants, fstatSync, lstatSync, openSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.js';
import { loadChildProcess } from '../host/lazy-node.js';

/** How long a run waits for another one holding the same file's lock. */
const LOCK_WAIT_SECONDS = 60;

/** Errors that mean the folder cannot take a new file: the write would fail the same way. */
export const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** The lock file beside `real`: `.NAME.enlighten.lock`, left in place (removing it would race). */
export function lockPath(real: string): string {
  return join(dirname(real), `.${basename(real)}.enlighten.lock`);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export type Lock = { held: true; release(): void } | { held: false; why: NodeJS.ErrnoException };

/**
 * Takes an exclusive flock(2) on the lock file beside `real`, waiting for other enlighten runs.
 * Node has no flock(), so `flock(1)` takes it on our own descriptor, passed as its fd 3: the lock
 * belongs to that open file description, which we keep open after flock(1) exits. The kernel drops
 * it when we close the descriptor, or when we die in any way (kill -9 included).
 * A folder where the lock file cannot be created is not an error yet: nothing can be written there
 * either, which the caller reports only when there is something to write.
 */
export function lockFile(real: string, name: string): Lock {
  const path = lockPath(real);
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted at the lock name is refused (ELOOP, or EACCES in a sticky folder),
    // never followed; O_NONBLOCK: a FIFO cannot hang us. Node opens with O_CLOEXEC: no child inherits it.
    fd = openSync(path, constants.O_RDONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (isSymlink(path))
      throw new UsageError(
        `cannot lock ${name}: ${path} is a symbolic link; nothing was written`,
        'remove it: enlighten creates its lock file itself',
      );
    if (err.code && UNWRITABLE.has(err.code)) return { held: false, why: err };
    throw new UsageError(`cannot lock ${name}: ${err.message}; nothing was written`);
  }
  try {
    if (!fstatSync(fd).isFile())
      throw new UsageError(
        `cannot lock ${name}: ${path} is not a regular file; nothing was written`,
        'remove it: enlighten creates its lock file itself',
      );
    const r = loadChildProcess().spawnSync('flock', ['--exclusive', '--wait', String(LOCK_WAIT_SECONDS), '3'], {
      stdio: ['ignore', 'ignore', 'pipe', fd],
    });
    if (r.error) {
      const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new UsageError(
        `cannot lock ${name}: ${missing ? 'flock(1) was not found' : r.error.message}; nothing was written`,
        missing ? 'install util-linux, which provides flock' : undefined,
      );
    }
    if (r.status !== 0) {
      const why =
        r.status === 1
          ? `another run has held ${path} for over ${LOCK_WAIT_SECONDS} s`
          : `flock failed: ${String(r.stderr).trim() || `status ${r.status ?? r.signal}`}`;
      throw new UsageError(
        `cannot lock ${name}: ${why}; nothing was written`,
        `try again; \`fuser ${path}\` shows who holds it`,
      );
    }
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return { held: true, release: () => closeSync(fd) };
}
