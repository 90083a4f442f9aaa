import type { Span } from '../../diagnostics/index.js';

/** Where a word holds an expansion (`$X`, `${X[*]}`, `$(...)`, a backquote): value[from, to) is its text as written. */
export interface WordExpansion {
  from: number;
  to: number;
  /** True inside double quotes: the result is not split into fields. */
  quoted: boolean;
}

/** A shell word with, for each of its characters, the offset in the source it came from. */
export interface ShellWord {
  value: string;
  span: Span;
  /** offsets[i] is the source offset of value[i]; offsets[value.length] is span.end. */
  offsets: number[];
  /** True when an unescaped newline stands between this word and the previous one (or it is the first). */
  newLine?: boolean;
  /** The expansions in the value, in order; absent when it has none. */
  expansions?: WordExpansion[];
  /**
   * The value indices where an empty quoted string ('' or "") stands: it makes a field even where
   * the rest expands to nothing. Absent when there is none.
   */
  emptyQuotes?: number[];
  /**
   * The value indices of its unquoted `;`, `&`, `|`, `<`, `>`, `(` and `)`, in order: bash ends a
   * word at one (a separator, a pipe, a redirection, a subshell), where this lexer does not.
   * Absent when it has none.
   */
  operators?: number[];
}

export interface ShellSplit {
  words: ShellWord[];
  /** Offset of an unterminated quote (or `$(`, `${`, backquote), if any. */
  unterminatedQuote?: number;
}

/** How to name what was left open at `at`: a quote, `$(`, `${` or a backquote. */
export function openedAt(text: string, at: number): string {
  const c = text[at];
  return c === '$'
    ? `the ${text.slice(at, at + 2)} opened here is never closed`
    : `the quote ${c} opened here is never closed`;
}

/** Blanks between words: a CR counts only before a LF (CRLF files); a lone CR is part of a word, as for the shell. */
function isBlank(text: string, i: number): boolean {
  const c = text[i];
  return c === ' ' || c === '\t' || c === '\n' || (c === '\r' && text[i + 1] === '\n');
}

/** The characters that end a run of plain characters inside a word: quotes, expansions, escapes. */
const WORD_SPECIAL = `'"$\`\\`;

const SIMPLE_PARAMETER = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/;

/** The characters that end a word for bash outside quotes: separators, pipes, redirections, subshells. */
const OPERATOR_CHARS = ';&|<>()';

/**
 * The end (exclusive) of the expansion starting at `i` (a `$` or a backquote), or -1 when it is
 * not closed; `i` itself when the `$` starts none (`$` before a blank). bash's ANSI-C quoting,
 * `$'...'`, is one too (expand.ts reads its escapes), ending at the first `'` no backslash escapes;
 * inside double quotes (`inDouble`) it is plain text, as for bash. `$(...)` and `${...}` end at
 * their closing bracket, found as bash finds it (checked against bash 5.2): quoted text, escapes,
 * backquotes and the expansions nested inside them are skipped, inside `${...}` too (`${a:-'}'}`
 * is one expansion), and a bare `{` there opens nothing (`${a:-{}` is one); bare parentheses inside
 * `$(...)` are counted. What is open is kept on a stack, not by recursion: however deep the nesting,
 * each character is looked at once.
 */
function expansionEnd(text: string, i: number, inDouble = false): number {
  const n = text.length;
  if (text[i] === '$' && text[i + 1] === "'") return inDouble ? i : ansiCEnd(text, i);
  if (text[i] === '`') return backquoteEnd(text, i);
  // bash joins a backslash-newline before it reads the name: `$\<newline>A` is $A. Such an
  // expansion is kept whole, continuations included, and expand.ts leaves it unread.
  let at = i + 1;
  while (text[at] === '\\' && text[at + 1] === '\n') at += 2;
  const next = text[at];
  if (next === '[') return arithmeticEnd(text, at);
  if (next !== '(' && next !== '{') {
    const m = SIMPLE_PARAMETER.exec(`$${text.slice(at, at + 256)}`);
    if (!m) return i;
    let end = at + m[0].length - 1;
    if (/^[A-Za-z_]/.test(m[1]!))
      while (text[end] === '\\' && text[end + 1] === '\n' && /[A-Za-z0-9_]/.test(text[end + 2] ?? '')) {
        end += 2;
        while (/[A-Za-z0-9_]/.test(text[end] ?? '')) end++;
      }
    return end;
  }
  // What is open, innermost last: `)` or `}` for an expansion (with the bare `(` open inside a
  // `$(...)`, and the `case` commands whose patterns end with a bare `)`), `"` for a
  // double-quoted string inside one.
  const open: { close: ')' | '}' | '"'; parens: number; cases: number }[] = [
    { close: next === '(' ? ')' : '}', parens: 0, cases: 0 },
  ];
  for (let k = at + 1; k < n; k++) {
    const c = text[k];
    const top = open[open.length - 1]!;
    let end = -2; // the end of a quote or expansion met here, or -2 when none starts here
    if (top.close === ')' && (c === 'c' || c === 'e') && /[\s;&|(]/.test(text[k - 1]!)) {
      if (/^case[\s]/.test(text.slice(k, k + 5))) top.cases++;
      else if (/^esac(?:[\s;&|)]|$)/.test(text.slice(k, k + 5)) && top.cases > 0) top.cases--;
    }
    if (c === '\\') k++;
    else if (c === '`') end = backquoteEnd(text, k);
    else if (c === '$' && (text[k + 1] === '(' || text[k + 1] === '{')) {
      open.push({ close: text[k + 1] === '(' ? ')' : '}', parens: 0, cases: 0 });
      k++;
    } else if (top.close === '"') {
      if (c === '"') open.pop();
    } else if (c === '$' && text[k + 1] === "'") end = ansiCEnd(text, k);
    else if (c === "'") end = text.indexOf("'", k + 1) + 1 || -1;
    else if (c === '"') open.push({ close: '"', parens: 0, cases: 0 });
    else if (top.close === ')' && c === '(') top.parens++;
    else if (c === ')' && top.close === ')' && top.parens === 0 && top.cases > 0) {
      // the end of a case pattern, `a)`
    } else if (c === top.close && !(c === ')' && top.parens-- > 0)) {
      open.pop();
      if (!open.length) return k + 1;
    }
    if (end === -1) return -1;
    if (end >= 0) k = end - 1;
  }
  return -1;
}

/** The end (exclusive) of bash's old arithmetic `$[...]` whose `[` is at `i`, or -1 when it is not closed. */
function arithmeticEnd(text: string, i: number): number {
  let depth = 0;
  for (let k = i; k < text.length; k++) {
    if (text[k] === '[') depth++;
    else if (text[k] === ']' && --depth === 0) return k + 1;
  }
  return -1;
}

/** The end (exclusive) of the `$'...'` at `i`, or -1 when it is not closed. */
function ansiCEnd(text: string, i: number): number {
  for (let k = i + 2; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === "'") return k + 1;
  }
  return -1;
}

/** The end (exclusive) of the backquoted command at `i`, or -1 when it is not closed. */
function backquoteEnd(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '`') return k + 1;
  }
  return -1;
}

/**
 * Splits a command line as a POSIX shell would for plain words: single and double quotes,
 * backslash escapes, and backslash-newline continuations (as in libvirt's .args files; a
 * continuation inside a word, even inside single quotes, joins the two halves with nothing between). `#` comments at
 * the start of a word are skipped to the end of the line. Expansions (`$X`, `${...}`, `$(...)`,
 * backquotes, `$'...'`) are kept as written, whole even when they hold blanks, and listed on the
 * word; none is performed (see expand.ts).
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
    const expansions: WordExpansion[] = [];
    let emptyQuotes: number[] | undefined;
    let operators: number[] | undefined; // made at the first one: most words have none
    /**
     * Appends text[from, to) to the value as one slice: a string made a character at a time was
     * most of what reading a launch script allocated (53 bytes a character).
     */
    const copy = (from: number, to: number) => {
      if (to <= from) return;
      value += to === from + 1 ? text[from]! : text.slice(from, to);
      for (let k = from; k < to; k++) offsets.push(k);
    };
    /** Copies an expansion text[at, end) into the value as written; false when it is not closed. */
    const expansion = (at: number, quoted: boolean): number => {
      const end = expansionEnd(text, at, quoted);
      if (end < 0) return -1;
      if (end === at) return at;
      // $'...' is quoted text: never split into fields.
      const ansiC = text[at + 1] === "'";
      expansions.push({ from: value.length, to: value.length + (end - at), quoted: quoted || ansiC });
      copy(at, end);
      return end;
    };
    while (i < n && !isBlank(text, i)) {
      const c = text[i]!;
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) return { words, unterminatedQuote: i };
        if (close === i + 1) (emptyQuotes ??= []).push(value.length);
        let from = i + 1;
        for (let k = i + 1; k < close; k++) {
          // libvirt's older .args files wrap long quoted values mid-word with backslash-newline.
          if (text[k] === '\\' && text[k + 1] === '\n') {
            copy(from, k);
            k++;
            from = k + 1;
          }
        }
        copy(from, close);
        i = close + 1;
      } else if (c === '"') {
        let k = i + 1;
        for (; k < n && text[k] !== '"'; k++) {
          if (text[k] === '$' || text[k] === '`') {
            const end = expansion(k, true);
            if (end < 0) return { words, unterminatedQuote: k };
            if (end > k) {
              k = end - 1;
              continue;
            }
          }
          if (text[k] === '\\' && k + 1 < n && '$`"\\\n'.includes(text[k + 1]!)) {
            k++;
            if (text[k] === '\n') continue;
          }
          value += text[k];
          offsets.push(k);
        }
        if (k >= n) return { words, unterminatedQuote: i };
        if (k === i + 1) (emptyQuotes ??= []).push(value.length);
        i = k + 1;
      } else if (c === '$' && text[i + 1] === '"') {
        i++; // bash's $"...": a double-quoted string translated by the locale's catalog, which has none here
      } else if (c === '$' || c === '`') {
        const end = expansion(i, false);
        if (end < 0) return { words, unterminatedQuote: i };
        if (end > i) {
          i = end;
        } else {
          value += c;
          offsets.push(i);
          i++;
        }
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
          // a backslash that ends the text is kept, as bash keeps it
          value += c;
          offsets.push(i);
          i++;
        }
      } else {
        // One pass over the run finds its end and its operators.
        let j = i;
        do {
          if (OPERATOR_CHARS.includes(text[j]!)) (operators ??= []).push(value.length + (j - i));
          j++;
        } while (j < n && !isBlank(text, j) && !WORD_SPECIAL.includes(text[j]!));
        copy(i, j);
        i = j;
      }
    }
    offsets.push(i);
    const word: ShellWord = { value, span: { start, end: i }, offsets };
    if (startsLine) word.newLine = true;
    if (expansions.length) word.expansions = expansions;
    if (emptyQuotes) word.emptyQuotes = emptyQuotes;
    if (operators) word.operators = operators;
    words.push(word);
  }
  return { words };
}

/**
 * The words of a script as bash ends them at command separators: a word holding an unquoted `;`,
 * `&` or `|` (`CPU=x;fi`, `A=1|cat`, `x&&y`) is cut there into the words before, the separator
 * (`;`, `;;`, `&`, `&&`, `|`, `||`, `|&`) and the words after. A `&` or `|` that is part of a
 * redirection (`2>&1`, `&>log`, `>|f`) stays. splitShell alone does not cut them: inside
 * `${A:-a;b}` and in Proxmox's `args:` a `;` is text.
 */
export function splitScript(text: string): ShellSplit {
  const split = splitShell(text);
  if (!split.words.some((w) => w.operators?.some((o) => isSeparatorAt(w.value, o)))) return split;
  const words: ShellWord[] = [];
  let comment = false; // a `#` met after a cut (`A=0;# note`): the rest of the line is a comment
  for (const w of split.words) {
    if (comment && !w.newLine) continue;
    comment = false;
    const cuts = (w.operators ?? []).filter((o) => isSeparatorAt(w.value, o));
    if (!cuts.length) {
      words.push(w);
      continue;
    }
    let from = 0;
    let k = 0;
    while (k <= cuts.length && !comment) {
      const at = k < cuts.length ? cuts[k]! : w.value.length;
      let to = at;
      if (k < cuts.length) while (cuts[k + 1] === to + 1 && to + 1 - at < 2) to = cuts[++k]!; // ;; && || |&
      comment = from > 0 && w.value[from] === '#' && isBareAfterCut(text, w, from);
      if (comment) break;
      pushPiece(text, words, w, from, at, false);
      if (k < cuts.length) pushPiece(text, words, w, at, to + 1, true);
      from = to + 1;
      k++;
    }
  }
  return split.unterminatedQuote === undefined ? { words } : { words, unterminatedQuote: split.unterminatedQuote };
}

const SEPARATOR = /^(;|;;|&&|\|\||\||\|&|&)$/;

/** A word that is a command separator written bare (`;`, `;;`, `&`, `&&`, `|`, `||`, `|&`), as splitScript makes them. */
export function isSeparatorWord(w: ShellWord): boolean {
  return SEPARATOR.test(w.value) && w.operators?.length === w.value.length;
}

/** True when the source between the separator before value[from] and value[from] holds only line continuations. */
function isBareAfterCut(text: string, w: ShellWord, from: number): boolean {
  return /^(?:\\\r?\n)*$/.test(text.slice(w.offsets[from - 1]! + 1, w.offsets[from]!));
}

/** True when value[at] (an unquoted operator character) separates commands, not part of a redirection. */
function isSeparatorAt(value: string, at: number): boolean {
  const c = value[at];
  if (c === ';') return true;
  if (c !== '&' && c !== '|') return false;
  const before = value[at - 1];
  return before !== '>' && before !== '<' && !(c === '&' && value[at + 1] === '>');
}

/** Adds w's value[from, to) as a word of its own, when it is one in the source (a separator, or the text around one). */
function pushPiece(text: string, out: ShellWord[], w: ShellWord, from: number, to: number, separator: boolean): void {
  // A separator is written bare, so its source offsets are exact, and so are the bounds next to it;
  // a piece after one starts at its first character when only continuations stand between (`;\<newline>CPU=b`).
  const start = separator
    ? w.offsets[from]!
    : from === 0
      ? w.span.start
      : from < w.value.length && isBareAfterCut(text, w, from)
        ? w.offsets[from]!
        : w.offsets[from - 1]! + 1;
  const end = separator ? w.offsets[to - 1]! + 1 : to >= w.value.length ? w.span.end : w.offsets[to]!;
  if (end <= start) return;
  const piece = sliceWord(w, from, to, { start, end }, end);
  if (from === 0 && w.newLine) piece.newLine = true;
  // An empty quote written just before a separator (x"";) is the text's before it.
  if (separator) delete piece.emptyQuotes;
  out.push(piece);
}

/**
 * w's value[from, to) as a word of its own: the expansions, empty quotes and operators in that
 * range, re-based. `span` is its place in the source and `end` the offset after its last character.
 */
export function sliceWord(w: ShellWord, from: number, to: number, span: Span, end: number): ShellWord {
  const piece: ShellWord = { value: w.value.slice(from, to), span, offsets: [...w.offsets.slice(from, to), end] };
  const expansions = w.expansions
    ?.filter((e) => e.from >= from && e.to <= to)
    .map((e) => ({ ...e, from: e.from - from, to: e.to - from }));
  if (expansions?.length) piece.expansions = expansions;
  const empty = w.emptyQuotes?.filter((i) => i >= from && i <= to).map((i) => i - from);
  if (empty?.length) piece.emptyQuotes = empty;
  const operators = w.operators?.filter((i) => i >= from && i < to).map((i) => i - from);
  if (operators?.length) piece.operators = operators;
  return piece;
}

/** Maps a range inside a word's value back to a source span. */
export function wordSpan(word: Pick<ShellWord, 'offsets' | 'span'>, from: number, to: number): Span {
  const start = word.offsets[from] ?? word.span.end;
  const last = to > from ? (word.offsets[to - 1] ?? word.span.end - 1) + 1 : start;
  return { start, end: Math.max(start, last) };
}

/** Quotes a word for a POSIX shell when it needs quoting. */
export function quoteShell(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
