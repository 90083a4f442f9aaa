/** Line and indentation helpers on the original text, all bounded by the local run they inspect. */

function isBlankChar(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isBreakChar(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/**
 * The spaces and tabs between the start of the line and `offset` when nothing
 * else stands there (the node starts its line); otherwise undefined.
 */
export function getIndentBefore(text: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && isBlankChar(text.charCodeAt(i - 1))) i--;
  if (i > 0 && !isBreakChar(text.charCodeAt(i - 1))) return undefined;
  return text.slice(i, offset);
}

/** Offset of the first spaces/tabs run that ends at `offset`. */
export function skipBlanksBack(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isBlankChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset after the spaces/tabs run starting at `offset`. */
export function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}

/** Offset of the start of the line holding `offset`. */
export function getLineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isBreakChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The leading spaces and tabs of the line holding `offset`. */
export function getLineIndent(text: string, offset: number): string {
  const start = getLineStart(text, offset);
  return text.slice(start, skipBlanks(text, start));
}

/** Length of the line break at `offset`: 2 for CRLF, 1 for LF or CR, 0 otherwise. */
export function getBreakLength(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  if (c === 0x0d) return text.charCodeAt(offset + 1) === 0x0a ? 2 : 1;
  return c === 0x0a ? 1 : 0;
}

/** Length of the line break that ends just before `offset` (0 when none). */
export function getBreakLengthBefore(text: string, offset: number): number {
  const c = text.charCodeAt(offset - 1);
  if (c === 0x0a) return text.charCodeAt(offset - 2) === 0x0d ? 2 : 1;
  return c === 0x0d ? 1 : 0;
}

/** True when only spaces/tabs follow `offset` up to a line break or the end of the text. */
export function endsLine(text: string, offset: number): boolean {
  const i = skipBlanks(text, offset);
  return i === text.length || isBreakChar(text.charCodeAt(i));
}

/** Splits on LF, CRLF and CR. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const n = getBreakLength(text, i);
    if (n === 0) continue;
    lines.push(text.slice(last, i));
    i += n - 1;
    last = i + 1;
  }
  lines.push(text.slice(last));
  return lines;
}
