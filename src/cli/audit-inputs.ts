import { compareNames } from '../util/name-order.js';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { FORMATS } from '../formats/registry.js';
import type { Io } from './io.js';

/** File endings audit reads when it walks a folder: every ending a syntax claims (`FormatEntry.extensions`). */
export const WALKED_ENDINGS: readonly string[] = [...new Set(FORMATS.flatMap((f) => f.extensions ?? []))];

/** A file to read, a path that failed (no such path, an unreadable folder), or a file left out with the reason. */
export type Found = { file: string; walked: boolean } | { name: string; error: string } | { skipped: string };

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file or folder' : err.message;
}

const LINK_INSIDE = 'a link to a file audited under its own name (as autostart/ links are)';

/**
 * A symlink met in a folder: the file it points to, a row saying why it cannot be read, or skipped
 * when it leads to a file inside a folder being walked, which is audited under its own name
 * (libvirt's autostart/NAME.xml links to ../NAME.xml).
 */
function linkTarget(abs: string, name: string, roots: readonly string[]): Found {
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { name, error: 'a link to something that is not a regular file' };
    const real = realpathSync(abs);
    if (roots.some((r) => real.startsWith(r + sep)) && visible(real, roots)) return { skipped: LINK_INSIDE };
    return { file: name, walked: true };
  } catch (e) {
    return { name, error: `a link that leads nowhere: ${reason(e)}` };
  }
}

/** True when the walk reaches the path: no hidden part and no node_modules below the root it is under. */
function visible(real: string, roots: readonly string[]): boolean {
  const root = roots.find((r) => real.startsWith(r + sep))!;
  return real
    .slice(root.length + 1)
    .split(sep)
    .every((part) => !part.startsWith('.') && part !== 'node_modules');
}

/** The order rows come in: people's order of names (what `localeCompare` gives; util/name-order.ts). */
const byName = compareNames;

/** Paths a syntax names when its ending is too common to claim (`FormatEntry.paths`). */
const WALKED_ENDING_SET: ReadonlySet<string> = new Set(WALKED_ENDINGS);
const WALKED_PATHS: readonly RegExp[] = FORMATS.flatMap((f) => (f.paths ? [f.paths] : []));

/** The ending of a name that WALKED_ENDINGS could hold, lower case: from its last dot. */
const endingOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

const wanted = (name: string, path: string) =>
  WALKED_ENDING_SET.has(endingOf(name)) || WALKED_PATHS.some((r) => r.test(path));

/**
 * Every configuration file under the paths, one at a time as the walk meets it: folders are
 * walked in name order (hidden entries and node_modules skipped) and read a folder at a time, so
 * memory follows the largest folder, not the whole tree.
 */
export function* findConfigFiles(paths: string[], io: Io): Generator<Found> {
  const roots: string[] = [];
  for (const p of paths) {
    try {
      const abs = resolve(io.cwd, p);
      if (statSync(abs).isDirectory()) roots.push(realpathSync(abs));
    } catch {
      // reported below
    }
  }
  // A file is shown under the path as given (`examples/x.xml`, `/etc/libvirt/qemu/x.xml`), as find does.
  function* walk(abs: string, shownAs: string): Generator<Found> {
    const shown = (name: string) => join(shownAs, name);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
    } catch (e) {
      yield { name: shownAs, error: `cannot read the folder: ${reason(e)}` };
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const p = join(abs, entry.name);
      if (entry.isDirectory()) yield* walk(p, shown(entry.name));
      else if (!wanted(entry.name, p)) continue;
      else if (entry.isFile()) yield { file: shown(entry.name), walked: true };
      else if (entry.isSymbolicLink()) yield linkTarget(p, shown(entry.name), roots);
    }
  }
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (e) {
      yield { name: p, error: reason(e) };
      continue;
    }
    if (st.isDirectory()) yield* walk(abs, p);
    else if (st.isFile()) yield { file: p, walked: false };
    // A FIFO, socket or device would block or never end: audit reads files only (check reads them).
    else yield { name: p, error: 'not a regular file (audit reads files; `enlighten check` reads a pipe)' };
  }
}
