/**
 * The journal of `fix` across a fleet: JSON lines, each written and fsync'd before the next step.
 *
 *   {"journal":"enlighten-fix","version":1,"started":"…","flags":{…}}   the run's options
 *   {"planned":{"host":URI,"uuid":…,"domain":…,"before":SHA256,"after":SHA256,"running":true}}
 *   {"done":{"host":URI,"uuid":…,"domain":…,"how":"defined"|"already"}}
 *   {"failed":{"host":URI,"uuid":…,"domain":…,"error":"…"}}
 *
 * Every planned line is on disk before the first `virsh define`, and each done line right after
 * its define returns: after a kill -9 at any point, the journal says which domains are done. A
 * domain planned and not done is planned again on --resume; when its saved XML is already the
 * planned result (the define went through, the done line did not), it is marked done unchanged.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadCrypto } from '../../host/lazy-node.js';
import { readInputFile } from '../input.js';
import type { Io } from '../io.js';
import { UsageError } from '../io.js';

export const JOURNAL_KIND = 'enlighten-fix';

export interface DomainKey {
  host: string;
  uuid: string;
  domain: string;
}

export type JournalLine =
  | { journal: typeof JOURNAL_KIND; version: 1; started: string; flags: Record<string, unknown> }
  | { planned: DomainKey & { before: string; after: string; running: boolean } }
  | { done: DomainKey & { how: 'defined' | 'already' } }
  | { failed: DomainKey & { error: string } };

export function sha256(text: string): string {
  return loadCrypto().createHash('sha256').update(text).digest('hex');
}

export function keyOf(host: string, uuid: string): string {
  return `${host}\u0000${uuid.toLowerCase()}`;
}

/** A journal as read back: the run's options, the planned results, and what is done. */
export interface JournalState {
  flags: Record<string, unknown>;
  /** Planned domains: the SHA-256 of the XML planned. */
  planned: Map<string, string>;
  done: Set<string>;
}

/** The largest journal read: a line per domain and step, a few hundred bytes each. */
const MAX_JOURNAL = 256 * 1024 * 1024;

/** Reads a journal; a last line cut short by a kill is ignored, any other bad line refused. */
export function readJournal(path: string, io: Io): JournalState {
  const text = readInputFile(resolve(io.cwd, path), `the journal ${path}`, MAX_JOURNAL).text;
  const lines = text.split('\n');
  const state: JournalState = { flags: {}, planned: new Map(), done: new Set() };
  let header = false;
  const bad = (i: number) =>
    new UsageError(`${path}:${i + 1}: not a journal line`, 'pass the file enlighten fix wrote (--journal)');
  const isKey = (k: unknown): k is DomainKey =>
    typeof k === 'object' &&
    k !== null &&
    typeof (k as DomainKey).host === 'string' &&
    typeof (k as DomainKey).uuid === 'string';
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    let line: JournalLine;
    try {
      line = JSON.parse(raw) as JournalLine;
    } catch {
      if (i === lines.length - 1) return; // the line being written when the run was killed
      throw bad(i);
    }
    if (!header) {
      if (!('journal' in line) || line.journal !== JOURNAL_KIND || line.version !== 1)
        throw new UsageError(
          `${path}: no journal header on its first line (enlighten fix journal, version 1)`,
          'pass the file enlighten fix wrote (--journal)',
        );
      header = true;
      state.flags = typeof line.flags === 'object' && line.flags !== null ? line.flags : {};
    } else if ('planned' in line && isKey(line.planned))
      state.planned.set(keyOf(line.planned.host, line.planned.uuid), String(line.planned.after));
    else if ('done' in line && isKey(line.done)) state.done.add(keyOf(line.done.host, line.done.uuid));
    else if (!('failed' in line)) throw bad(i);
  });
  if (!header)
    throw new UsageError(
      `${path}: no journal header on its first line`,
      'pass the file enlighten fix wrote (--journal)',
    );
  return state;
}

/** An open journal: each append is written and fsync'd before it returns. */
export class Journal {
  private readonly fd: number;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** A new journal (refused when the file exists), or an existing one to append to (--resume). */
  static open(path: string, resume: boolean): Journal {
    try {
      const journal = new Journal(path, openSync(path, resume ? 'a' : 'wx', 0o600));
      if (!resume) {
        // A new file's name is in its folder: fsync the folder too, so a crash cannot lose the file.
        const dir = openSync(dirname(path), 'r');
        try {
          fsyncSync(dir);
        } finally {
          closeSync(dir);
        }
      }
      return journal;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new UsageError(
        `cannot ${resume ? 'append to' : 'create'} the journal ${path}: ${err.code === 'EEXIST' ? 'it exists' : err.message}`,
        err.code === 'EEXIST' ? 'resume it with --resume, or name another with --journal' : undefined,
      );
    }
  }

  append(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The journal's default name: enlighten-fix-YYYYMMDD-HHMMSS.journal in the current folder. */
export function defaultJournalName(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `enlighten-fix-${t}.journal`;
}
