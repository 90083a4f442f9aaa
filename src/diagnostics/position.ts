import { work } from '../util/work.js';

/** 1-based line and column (in UTF-16 units) of an offset. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Where every line of a text starts, found in one pass; offsets then map to lines by binary
 * search, so a thousand diagnostics on a long input cost a thousand lookups, not a thousand scans.
 */
export class LineIndex {
  /** starts[i] is the offset of line i + 1. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    work.steps += text.length;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where the 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Offset where the 1-based line ends, before its `\n` and a `\r` just before that. */
  lineEnd(line: number): number {
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  at(offset: number): LineColumn {
    const end = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      work.steps++;
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= end) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: end - this.starts[lo]! + 1 };
  }
}

let cached: LineIndex | undefined;

/** The index of `text`, reused while the same text is asked about again and again. */
export function lineIndexOf(text: string): LineIndex {
  if (cached?.text !== text) cached = new LineIndex(text);
  return cached;
}

export function lineColumnAt(text: string, offset: number): LineColumn {
  return lineIndexOf(text).at(offset);
}

/** The text of the 1-based line, without its line break. */
export function lineText(text: string, line: number): string {
  const index = lineIndexOf(text);
  if (line > index.lineCount) return '';
  return text.slice(index.lineStart(line), index.lineEnd(line));
}
