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
