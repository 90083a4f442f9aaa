// The real bash as the oracle of the shell reader (src/syntax/shell): what argv bash gives the
// last `record` command of a script, and what the static expander reads for it.
import { spawnSync } from 'node:child_process';
import { expandCommands } from '../../src/syntax/shell/expand.js';
import { splitScript } from '../../src/syntax/shell/split.js';
import { findOnPath } from './tools.js';

const RECORD = 'record() { for a in "$@"; do printf "%s\\0" "$a"; done; }\n';

/**
 * The arguments bash passes to the script's last `record`, in an environment of PATH alone (what
 * the expander reads as "from the environment" is unset there) and in `/`. `strict` throws when
 * bash fails; the hostile cases include scripts bash complains about (readonly, UID=...).
 */
export function bashArgv(script: string, strict = true): string[] {
  const r = spawnSync(findOnPath('bash')!, ['--noprofile', '--norc', '-c', RECORD + script], {
    encoding: 'utf8',
    timeout: 10_000,
    cwd: '/',
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
  });
  if (strict && r.status !== 0) throw new Error(`bash failed on ${JSON.stringify(script)}: ${r.stderr}`);
  return r.stdout === '' ? [] : r.stdout.slice(0, -1).split('\0');
}

/** What the expander reads as the last `record` command's arguments, and how many expansions it left unread. */
export function expandedArgv(script: string): { argv: string[]; unresolved: number } {
  const words = splitScript(script).words;
  let start = words.length - 1;
  while (start > 0 && !(words[start]!.value === 'record' && words[start]!.newLine)) start--;
  const [out] = expandCommands(script, words, [words.slice(start)]);
  return { argv: out!.slice(1).map((w) => w.value), unresolved: out!.reduce((n, w) => n + w.unresolved.length, 0) };
}
