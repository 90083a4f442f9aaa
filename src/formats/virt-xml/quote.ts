import { quoteShell } from '../../syntax/shell/split.js';

/**
 * Escapes one sub-option (`name=value`) for virtinst, which splits an option string with Python's
 * shlex in POSIX mode, commas as the only separators: a backslash makes the next character plain,
 * so commas, quotes and backslashes inside a value survive (cli.py parse_optstr_tuples).
 */
export function escapeSubOption(token: string): string {
  return token.replace(/[\\,'"]/g, (c) => `\\${c}`);
}

/** A word for a POSIX shell: single-quoted when it needs quoting. */
export function shellWord(word: string): string {
  return quoteShell(word);
}

/** The domain argument: a shell variable (`$VM`, `${VM}`) stays expandable inside double quotes. */
export function domainWord(name: string): string {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(name) ? `"${name}"` : quoteShell(name);
}
