import { describeChar, isNameChar, isNameStartChar, isWhitespace } from './chars.js';
import { createError, formatPosition, offsetToLineColumn, type XmlCode, type XmlDiagnostic } from './diagnostics.js';

/** Thrown inside the parser to stop at a fatal diagnostic; `parseXml` catches only this. */
export class ParseAbort {
  constructor(readonly diagnostic: XmlDiagnostic) {}
}

/** After this many non-fatal diagnostics the parse stops, so time and output stay bounded. */
const MAX_REPORTED = 100;

/** A cursor over the input, shared by the parser's pieces. */
export class Scanner {
  pos = 0;
  readonly diagnostics: XmlDiagnostic[] = [];
  readonly report = (d: XmlDiagnostic): void => {
    if (this.diagnostics.length + 1 >= MAX_REPORTED) throw new ParseAbort(d);
    this.diagnostics.push(d);
  };

  constructor(readonly text: string) {}

  code(offset: number = this.pos): number {
    return this.text.charCodeAt(offset);
  }

  at(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Skips whitespace; returns how many characters were skipped. */
  skipWhitespace(): number {
    const from = this.pos;
    while (isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos - from;
  }

  /** Reads an XML Name at the cursor; returns '' (cursor unmoved) when there is none. */
  readName(): string {
    const text = this.text;
    const from = this.pos;
    if (!isNameStartChar(text.charCodeAt(from))) return '';
    let i = from + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    this.pos = i;
    return text.slice(from, i);
  }

  /** What stands at the cursor, for messages: `'x'`, `U+0001` or "the end of the input". */
  describeHere(): string {
    return describeChar(this.text, this.pos);
  }

  position(offset: number): string {
    return formatPosition(this.text, offset);
  }

  line(offset: number): number {
    return offsetToLineColumn(this.text, offset).line;
  }

  fail(code: XmlCode, message: string, start: number = this.pos, end: number = start + 1): never {
    const span = { start, end: Math.min(Math.max(end, start), this.text.length) };
    throw new ParseAbort(createError(code, message, span));
  }
}
