import type { Span } from '../../diagnostics/index.js';

/** One heredoc of a script: `cat > x <<EOF` ... `EOF`. */
export interface Heredoc {
  /** The line that opens it (`cat > win.xml <<'EOF'`). */
  opener: Span;
  /** Its body: the lines between the opener and the delimiter line, without the last line break. */
  body: Span;
  delimiter: string;
  /** True when the delimiter is quoted (`<<'EOF'`, `<<"EOF"`): the shell expands nothing in the body. */
  quoted: boolean;
  /** True when the delimiter line was found; false when the body runs to the end of the text. */
  closed: boolean;
}

export interface SourceLine {
  start: number;
  end: number;
  /** The line without its line break (and a CR before it). */
  text: string;
}

/** The lines of a text with their offsets. */
export function sourceLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  for (let start = 0; start <= source.length; ) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 ? source.length : nl;
    lines.push({ start, end, text: source.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

const OPENER = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

/**
 * The heredoc that line `i` opens, with the index of its delimiter line, or undefined. One per line
 * (the first `<<WORD`; `<<<` here-strings are not heredocs). `<<-` strips leading tabs from the
 * delimiter line, as the shell does.
 */
export function heredocAt(lines: readonly SourceLine[], i: number): { heredoc: Heredoc; last: number } | undefined {
  const line = lines[i]!;
  const m = OPENER.exec(line.text.replace(/<<</g, '   '));
  if (!m) return undefined;
  const tabs = m[1] === '-';
  const word = m[3]!;
  let j = i + 1;
  while (j < lines.length && (tabs ? lines[j]!.text.replace(/^\t+/, '') : lines[j]!.text) !== word) j++;
  const closed = j < lines.length;
  const first = lines[i + 1];
  const lastBody = lines[Math.min(j, lines.length) - 1]!;
  const body = first && j > i + 1 ? { start: first.start, end: lastBody.end } : { start: line.end, end: line.end };
  return {
    heredoc: { opener: { start: line.start, end: line.end }, body, delimiter: word, quoted: m[2] !== '', closed },
    last: j,
  };
}

/** Every heredoc of a script, in order. */
export function heredocs(source: string): Heredoc[] {
  const lines = sourceLines(source);
  const out: Heredoc[] = [];
  for (let i = 0; i < lines.length; i++) {
    const found = heredocAt(lines, i);
    if (!found) continue;
    out.push(found.heredoc);
    i = found.last;
  }
  return out;
}

/** A shell expansion in a heredoc's body: `$NAME`, `${...}`, `$(...)`, `$((...))` or a backquoted command. */
export interface BodyExpansion {
  span: Span;
  text: string;
}

/**
 * The expansions the shell makes in a heredoc's body before the text is used: none when the
 * delimiter is quoted (`<<'EOF'`); else parameter expansion, command substitution and arithmetic
 * expansion, with a backslash keeping `$`, a backquote or a backslash literal (POSIX, 2.7.4 Here-
 * Document). Quotes inside the body are plain characters, so `'$X'` expands too. One pass.
 */
export function heredocExpansions(source: string, h: Heredoc): BodyExpansion[] {
  if (h.quoted) return [];
  const out: BodyExpansion[] = [];
  const end = h.body.end;
  /** The end of a `$(`/`${` group opened at `from` (the offset after the opening bracket), nested ones included. */
  const close = (from: number, open: string, shut: string): number => {
    let depth = 1;
    for (let i = from; i < end; i++) {
      const c = source[i];
      if (c === '\\') i++;
      else if (c === open) depth++;
      else if (c === shut && --depth === 0) return i + 1;
    }
    return end;
  };
  for (let i = h.body.start; i < end; i++) {
    const c = source[i];
    if (c === '\\') {
      i++; // \$, \`, \\ and a line continuation stay literal; before other characters the backslash is literal too
      continue;
    }
    let to = -1;
    if (c === '`') {
      to = i + 1;
      while (to < end && source[to] !== '`') to += source[to] === '\\' ? 2 : 1;
      to = Math.min(end, to + 1);
    } else if (c === '$') {
      const n = source[i + 1] ?? '';
      if (n === '{') to = close(i + 2, '{', '}');
      else if (n === '(') to = close(i + 2, '(', ')');
      else if (/[A-Za-z_]/.test(n)) {
        to = i + 2;
        while (to < end && /[A-Za-z0-9_]/.test(source[to]!)) to++;
      } else if (/[0-9@*#?$!-]/.test(n)) to = i + 2;
    }
    if (to < 0) continue;
    out.push({ span: { start: i, end: to }, text: source.slice(i, to) });
    i = to - 1;
  }
  return out;
}
