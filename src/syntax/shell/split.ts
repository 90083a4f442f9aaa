import type { Span } from '../../diagnostics/index.js';

/** A shell word with, for each of its characters, the offset in the source it came from. */
export interface ShellWord {
  value: string;
  span: Span;
  /** offsets[i] is the source offset of value[i]; offsets[value.length] is span.end. */
  offsets: number[];
  /** True when an unescaped newline stands between this word and the previous one (or it is the first). */
  newLine?: boolean;
}

export interface ShellSplit {
  words: ShellWord[];
  /** Offset of an unterminated quote, if any. */
  unterminatedQuote?: number;
}

/** Blanks between words: a CR counts only before a LF (CRLF files); a lone CR is part of a word, as for the shell. */
function isBlank(text: string, i: number): boolean {
  const c = text[i];
  return c === ' ' || c === '\t' || c === '\n' || (c === '\r' && text[i + 1] === '\n');
}

/**
 * Splits a command line as a POSIX shell would for plain words: single and double quotes,
 * backslash escapes, and backslash-newline continuations (as in libvirt's .args files; a
 * continuation inside a word, even inside single quotes, joins the two halves with nothing between). `#` comments at
 * the start of a word are skipped to the end of the line. No expansion is performed.
 */
export function splitShell(text: string): ShellSplit {
  const words: ShellWord[] = [];
  let i = 0;
  const n = text.length;
  let newLine = true;
  while (i < n) {
    const ch = text[i]!;
    if (isBlank(text, i)) {
      if (ch === '\n') newLine = true;
      i++;
      continue;
    }
    if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const startsLine = newLine;
    newLine = false;
    const start = i;
    let value = '';
    const offsets: number[] = [];
    while (i < n && !isBlank(text, i)) {
      const c = text[i]!;
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) return { words, unterminatedQuote: i };
        for (let k = i + 1; k < close; k++) {
          // libvirt's older .args files wrap long quoted values mid-word with backslash-newline.
          if (text[k] === '\\' && text[k + 1] === '\n') {
            k++;
            continue;
          }
          value += text[k];
          offsets.push(k);
        }
        i = close + 1;
      } else if (c === '"') {
        let k = i + 1;
        for (; k < n && text[k] !== '"'; k++) {
          if (text[k] === '\\' && k + 1 < n && '$`"\\\n'.includes(text[k + 1]!)) {
            k++;
            if (text[k] === '\n') continue;
          }
          value += text[k];
          offsets.push(k);
        }
        if (k >= n) return { words, unterminatedQuote: i };
        i = k + 1;
      } else if (c === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
        } else if (text[i + 1] === '\r' && text[i + 2] === '\n') {
          i += 3;
        } else if (i + 1 < n) {
          value += text[i + 1];
          offsets.push(i + 1);
          i += 2;
        } else {
          i++;
        }
      } else {
        value += c;
        offsets.push(i);
        i++;
      }
    }
    offsets.push(i);
    words.push({ value, span: { start, end: i }, offsets, ...(startsLine ? { newLine: true } : {}) });
  }
  return { words };
}

/** Maps a range inside a word's value back to a source span. */
export function wordSpan(word: ShellWord, from: number, to: number): Span {
  const start = word.offsets[from] ?? word.span.end;
  const last = to > from ? (word.offsets[to - 1] ?? word.span.end - 1) + 1 : start;
  return { start, end: Math.max(start, last) };
}

/** Quotes a word for a POSIX shell when it needs quoting. */
export function quoteShell(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
