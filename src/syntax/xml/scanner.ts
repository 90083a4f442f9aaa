import { ASCII_NAME, NAME_START, describeChar, isNameChar, isNameStartChar } from './chars.js';
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
    const text = this.text;
    const from = this.pos;
    let i = from;
    // XML's S (space, LF, tab, CR) compared in place: a call per character is slow until the JIT has the scanner.
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = text.charCodeAt(++i));
    this.pos = i;
    return i - from;
  }

  /** Reads an XML Name at the cursor; returns '' (cursor unmoved) when there is none. */
  readName(): string {
    const text = this.text;
    const from = this.pos;
    const first = text.charCodeAt(from);
    if (first < 0x80 ? ASCII_NAME[first] !== NAME_START : !isNameStartChar(first)) return '';
    let i = from + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80 ? ASCII_NAME[c] === 0 : !isNameChar(c)) break;
    }
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
