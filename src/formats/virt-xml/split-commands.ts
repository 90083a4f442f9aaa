import type { Span } from '../../diagnostics/index.js';
import type { ShellWord } from '../../syntax/shell/split.js';
import { splitShell } from '../../syntax/shell/split.js';

export interface CommandWords {
  /** The words of one simple command, spans into the whole text. */
  words: ShellWord[];
  span: Span;
  /** Offset of a quote that is never closed, if any. */
  unterminatedQuote?: number;
}

const SEPARATORS = new Set([';', '&', '|', '\n']);
const BLANK = new Set([' ', '\t', '\r', '\n']);

/** Where a quoted string that starts at `i` ends (just after its closing quote, or the text's end). */
function skipQuoted(text: string, i: number): number {
  const quote = text[i];
  let k = i + 1;
  while (k < text.length && text[k] !== quote) k += quote === '"' && text[k] === '\\' ? 2 : 1;
  return Math.min(k + 1, text.length);
}

/**
 * Splits a script into simple commands at unquoted `;`, `&&`, `||`, `|`, `&` and line breaks
 * (a backslash before the line break continues the line). `#` comments end at the line break.
 */
function splitSegments(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === "'" || c === '"') i = skipQuoted(text, i);
    else if (c === '#' && (i === 0 || BLANK.has(text[i - 1]!) || SEPARATORS.has(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (SEPARATORS.has(c)) {
      out.push({ start, end: i });
      while (i < text.length && SEPARATORS.has(text[i]!)) i++;
      start = i;
    } else i++;
  }
  out.push({ start, end: text.length });
  return out;
}

function shift(word: ShellWord, by: number): ShellWord {
  return {
    value: word.value,
    span: { start: word.span.start + by, end: word.span.end + by },
    offsets: word.offsets.map((o) => o + by),
  };
}

/** The simple commands of a script, each as shell words with spans into `text`. Never throws. */
export function splitCommands(text: string): CommandWords[] {
  const out: CommandWords[] = [];
  for (const seg of splitSegments(text)) {
    const split = splitShell(text.slice(seg.start, seg.end));
    const words = split.words.map((w) => shift(w, seg.start));
    if (!words.length && split.unterminatedQuote === undefined) continue;
    const span = { start: words[0]?.span.start ?? seg.start, end: words.at(-1)?.span.end ?? seg.end };
    out.push({
      words,
      span,
      ...(split.unterminatedQuote !== undefined ? { unterminatedQuote: split.unterminatedQuote + seg.start } : {}),
    });
  }
  return out;
}
