import type { Span } from '../../diagnostics/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';

/** One `name=value` sub-option of an option string, with source spans. */
export interface SubOption {
  name: string;
  /** null when there is no `=` (`hyperv_relaxed` alone). */
  value: string | null;
  span: Span;
  nameSpan: Span;
  valueSpan: Span;
  /** The sub-option as virt-xml reads it (after its own unquoting). */
  text: string;
}

export interface OptionStringSplit {
  subs: SubOption[];
  /** What makes Python's shlex fail ("No closing quotation", "No escaped character"), and where. */
  problem?: { message: string; span: Span };
}

interface Token {
  chars: string[];
  offsets: number[];
}

function spanOf(offsets: readonly number[], from: number, to: number, fallback: number): Span {
  if (from >= to) return { start: offsets[from] ?? fallback, end: offsets[from] ?? fallback };
  return { start: offsets[from] ?? fallback, end: (offsets[to - 1] ?? fallback) + 1 };
}

function toSub(t: Token, fallback: number): SubOption {
  const text = t.chars.join('');
  const eq = text.indexOf('=');
  const span = spanOf(t.offsets, 0, t.chars.length, fallback);
  if (eq < 0)
    return { name: text, value: null, span, nameSpan: span, valueSpan: { start: span.end, end: span.end }, text };
  return {
    name: text.slice(0, eq),
    value: text.slice(eq + 1),
    span,
    nameSpan: spanOf(t.offsets, 0, eq, fallback),
    valueSpan: spanOf(t.offsets, eq + 1, t.chars.length, span.end),
    text,
  };
}

/**
 * Splits an option string (`hyperv_relaxed=on,xpath1.set=...`) as virtinst does: Python's shlex in
 * POSIX mode with ',' as the only separator, so quotes group and a backslash escapes
 * (cli.py parse_optstr_tuples). Each piece is then split at its first '='. Never throws.
 */
export function splitOptionString(word: ShellWord): OptionStringSplit {
  const subs: SubOption[] = [];
  const s = word.value;
  const at = (j: number) => word.offsets[j] ?? word.span.end;
  const cur: { token: Token | null } = { token: null };
  const push = (c: string, j: number) => {
    cur.token ??= { chars: [], offsets: [] };
    cur.token.chars.push(c);
    cur.token.offsets.push(at(j));
  };
  for (let j = 0; j < s.length; j++) {
    const c = s[j]!;
    if (c === ',') {
      if (cur.token) subs.push(toSub(cur.token, at(j)));
      cur.token = null;
    } else if (c === '\\') {
      if (j + 1 >= s.length)
        return { subs, problem: { message: 'No escaped character', span: { start: at(j), end: at(j) + 1 } } };
      push(s[++j]!, j);
    } else if (c === "'" || c === '"') {
      cur.token ??= { chars: [], offsets: [] };
      let k = j + 1;
      for (; k < s.length && s[k] !== c; k++) {
        if (c === '"' && s[k] === '\\' && (s[k + 1] === '"' || s[k + 1] === '\\')) k++;
        push(s[k]!, k);
      }
      if (k >= s.length)
        return { subs, problem: { message: 'No closing quotation', span: { start: at(j), end: at(j) + 1 } } };
      j = k;
    } else push(c, j);
  }
  if (cur.token) subs.push(toSub(cur.token, word.span.end));
  return { subs };
}
