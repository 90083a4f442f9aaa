/**
 * A static reading of the variables of a shell script: what `"$CPU"`, `"$CPU,$FLAGS"`,
 * `"${cpu_args[*]}"` with `IFS=,`, `$(IFS=,; echo "${a[*]}")` or an unquoted `$OPTS` hold where a
 * command uses them, when every part is a literal in the file. Nothing is run. A value the file
 * does not fix (an argument, the environment, a command's output, an assignment inside an `if`,
 * a loop, a `case` or a function that the use is not inside) stays unresolved, with the reason.
 */
import { readAnsiC } from './ansi-c.js';
import type { Span } from '../../diagnostics/index.js';
import type { ShellWord, WordExpansion } from './split.js';
import { isSeparatorWord, sliceWord, splitShell } from './split.js';
import { LineIndex } from '../../diagnostics/index.js';
import { appendAll } from '../../util/append.js';

/** Text with, for each character, the source offset it came from. */
export interface ShellText {
  value: string;
  offsets: number[];
}

/** An expansion whose value the file does not fix. */
export interface Unresolved {
  span: Span;
  /** The expansion as written (`$GPU`, `$(cat id)`). */
  text: string;
  why: string;
}

/** A variable a word was built from, and the assignment that gave it its value. */
export interface VariableUse {
  name: string;
  /** The assignment; for a use from the environment, the `${NAME:-default}` that names the default. */
  assignment: Span;
  /**
   * The file does not set the variable: the value read is the default of `${NAME:-default}` (or
   * `${NAME-default}`), which is what the shell uses when the environment does not set NAME.
   */
  environment?: true;
  /**
   * Where the value sits in the source when it is one literal word (`CPU="host,hv_relaxed"`) that
   * the script uses once and assigns once: changing it there changes this use alone.
   */
  literal?: Span;
}

/** A word after expansion: a field, with the word it came from. */
export interface ExpandedWord extends ShellWord {
  /** The word as written. */
  from: ShellWord;
  uses: VariableUse[];
  unresolved: Unresolved[];
}

interface Value {
  kind: 'value';
  items: ShellText[];
  array: boolean;
  at: Span;
  path: readonly number[];
  /** The value's span when it is one literal word assigned with `=` (not `+=`, not an array). */
  literal?: Span;
  /** How many assignments the variable has had. */
  count: number;
  /** Set by `unset` (or an array of no items): ${NAME-x} gives x, not the empty string. */
  unset?: true;
  /** The environment defaults its value was built from (see VariableUse.environment). */
  assumes?: VariableUse[];
}
interface Unknown {
  kind: 'unknown';
  /** True when it was assigned as an array: a later NAME=x sets its first item only, so it stays unknown. */
  array?: boolean;
  at: Span;
  why: string;
  path: readonly number[];
  count: number;
}
type Binding = Value | Unknown;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const ASSIGNMENT = new RegExp(`^(${NAME})(\\+?)=`);
// Made once here, not at each use: each `new RegExp` is compiled anew.
const REFERENCE = new RegExp(`^\\$\\{?(${NAME})`);
const PARAMETER = new RegExp(`^\\$(?:(${NAME})|\\{(${NAME})(?:\\[([*@])\\])?\\})$`);
// ${NAME-word}, ${NAME:-word}, ${NAME+word}, ${NAME:+word}: the operators that choose between the value and a word.
const ASSIGNING_OPERATOR = new RegExp(`\\$\\{(${NAME}):?=`, 'g');
const OPERATOR = new RegExp(`^\\$\\{(${NAME})(:?)([-+])([\\s\\S]*)\\}$`);
// echo of "${a[*]}" only: "${a[@]}" gives echo one argument per item, which it joins with spaces,
// and an unquoted one is split first. An IFS with an expansion or an escape is not read here.
const IFS_JOIN = new RegExp(
  `^\\$\\(\\s*IFS=(?:'([^']*)'|"([^"$\`\\\\]*)"|([^\\s;'"$\`\\\\]*))\\s*;\\s*echo\\s+"\\$\\{(${NAME})\\[\\*\\]\\}"\\s*\\)$`,
);
// a[1]=x, a[i]+=x: one item of an array
const ITEM_ASSIGNMENT = new RegExp(`^(${NAME})\\[[^\\]]*\\]\\+?=`);
// A redirection: [n]>file, >>, <, <>, >&n, <&n, &>file, >|; the file may be the next word.
const REDIRECTION = /^(?:[0-9]+|&|\{[A-Za-z_][A-Za-z0-9_]*\})?(?:>>?|<<?|<>|>&|<&|&>>?|>\|)/;
// Names a `let` or `((...))` assigns: x=, x+=, x++, --x...
const ARITHMETIC_ASSIGNMENT = new RegExp(
  `(${NAME})\\s*(?:\\*\\*|<<|>>|[-+*/%&|^])?=(?!=)|(${NAME})\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*(${NAME})`,
  'g',
);
/** Variables an assignment does not simply set: bash gives them values of its own, or refuses. */
const OWN_VALUE = new Set(
  'LINENO PPID RANDOM SRANDOM SECONDS UID EUID GROUPS SHELLOPTS BASHOPTS BASHPID EPOCHSECONDS EPOCHREALTIME HISTCMD FUNCNAME PIPESTATUS DIRSTACK'.split(
    ' ',
  ),
);
/** Variables bash sets itself (those and more): a script that does not assign one does not get it from its caller. */
const SET_BY_BASH = new Set([
  ...OWN_VALUE,
  ...'IFS PATH PWD OLDPWD OPTIND OPTARG OPTERR HOSTNAME HOSTTYPE MACHTYPE OSTYPE SHLVL BASH PS4 COLUMNS LINES'.split(
    ' ',
  ),
]);
/** They run the command after them in this shell: `command eval`, `builtin read`, `time A=1`. */
const WRAPPERS = new Set(['command', 'builtin', 'time']);
/** The commands readAssignments reads for what they assign, also after assignments and wrappers. */
const HANDLED = new Set(
  'unset read mapfile readarray getopts printf let source . eval export local declare typeset readonly'.split(' '),
);
/** A redirection operator whose file is the next word (`2>`, `>`, `<<<`). */
const OPERATOR_ONLY = /^(?:[0-9]+|&|\{[A-Za-z_][A-Za-z0-9_]*\})?[<>&|]+$/;
const setByBash = (name: string) => SET_BY_BASH.has(name) || name.startsWith('BASH_') || name.startsWith('COMP_');
const WHOLE_NAME = new RegExp(`^${NAME}$`);
const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{', '(']);
const BRANCHES = new Set(['then', 'do', 'else', 'elif']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}', ')']);
const DEFAULT_IFS = ' \t\n';
/** The nesting of if/while/case/{ ... } blocks that assignments are tracked through. */
const MAX_BLOCKS = 64;

/**
 * The word's value without a trailing unquoted separator (`fi;`, `CPU=x;`, `A=2&`, `x|`), and
 * that separator; one quoted or escaped (`x\\;`) is part of the value.
 */
function bare(word: ShellWord): { value: string; ends: boolean; branch: boolean; sep?: string } {
  const m = /(;;|&&|\|\||\|&|;|&|\|)$/.exec(word.value);
  const plain = { value: word.value, ends: false, branch: false };
  if (!m || word.value.length === m[0].length) return plain;
  const at = word.value.length - m[0].length;
  const ops = word.operators;
  if (!ops?.includes(at) || (m[0].length === 2 && !ops.includes(at + 1))) return plain;
  return { value: word.value.slice(0, at), ends: true, branch: m[0] === ';;', sep: m[0] };
}

/** NAME= or NAME+= at the start of the word with the name and `=` written bare (no quote, no backslash). */
function assignmentOf(w: ShellWord): RegExpExecArray | undefined {
  const m = ASSIGNMENT.exec(w.value);
  if (!m) return undefined;
  for (let j = 0; j < m[0].length; j++) if (w.offsets[j] !== w.span.start + j) return undefined;
  return m;
}

/** NAME=( or NAME+=( with the `(` bare: an array's items follow. */
function arrayAssignment(w: ShellWord): boolean {
  const m = assignmentOf(w);
  return m !== undefined && w.value[m[0].length] === '(' && w.offsets[m[0].length] === w.span.start + m[0].length;
}

/** True when `value` (the word's value, or a prefix of it) ends with a `)` written bare in the source. */
function closesParen(w: ShellWord, value: string): boolean {
  if (!value.endsWith(')') || (w.expansions ?? []).some((e) => e.to === value.length)) return false;
  return w.offsets[value.length - 1] === w.span.end - 1 - (w.value.length - value.length);
}

function text(word: ShellWord, from = 0, to = word.value.length): ShellText {
  return { value: word.value.slice(from, to), offsets: word.offsets.slice(from, to) };
}

const isPrefix = (a: readonly number[], b: readonly number[]) => a.length <= b.length && a.every((x, i) => b[i] === x);

/**
 * Splits text on IFS the way the shell splits an unquoted expansion (POSIX, 2.6.5 Field
 * Splitting): IFS white space (the space, tab and newline in IFS) is dropped at the start and the
 * end and is part of the delimiter it stands next to; every other IFS character ends a field, an
 * empty one too, but one at the end makes no empty field after it. `leading` is true when the
 * text starts with IFS white space, which ends the field before the expansion.
 */
function fieldSplit(t: ShellText, ifs: string): { fields: ShellText[]; leading: boolean } {
  const white = (c: string | undefined) => (c === ' ' || c === '\t' || c === '\n') && ifs.includes(c);
  const v = t.value;
  const fields: ShellText[] = [];
  let i = 0;
  while (i < v.length && white(v[i])) i++;
  const leading = i > 0;
  while (i < v.length) {
    const from = i;
    while (i < v.length && !ifs.includes(v[i]!)) i++;
    fields.push({ value: v.slice(from, i), offsets: t.offsets.slice(from, i) });
    while (i < v.length && white(v[i])) i++;
    if (i < v.length && ifs.includes(v[i]!)) {
      i++; // a delimiter that is not white space, with the white space after it
      while (i < v.length && white(v[i])) i++;
    }
  }
  return { fields, leading };
}

/**
 * Reads the script's assignments in order and expands the words of the given commands (each a
 * run of `words`, which are the script's words in order, heredoc bodies left out) as the shell
 * would at that point. `budget` caps the characters the expansions may produce, so that a
 * script doubling a variable on every line costs no more than its size.
 */
export function expandCommands(
  source: string,
  words: readonly ShellWord[],
  targets: readonly (readonly ShellWord[])[],
): ExpandedWord[][] {
  let lines: LineIndex | undefined; // made when a message first needs a line number
  const lineOf = (offset: number) => (lines ??= new LineIndex(source)).at(offset).line;
  const vars = new Map<string, Binding>();
  const path: number[] = [];
  const kinds: string[] = [];
  let nextId = 1;
  // A file sourced, or an eval: what may have set a variable the script does not assign.
  // Every variable assigned before `offset` may have been changed by it.
  let sourced: { what: string; line: number; offset: number } | undefined;
  // declare -i/-l/-u/-c/-n/-A: the attribute stays, and bash changes what is assigned later too.
  const attributes = new Map<string, string>();
  const readonly = new Set<string>();
  let budget = source.length + 65536;
  const results: ExpandedWord[][] = targets.map(() => []);
  const targetAt = new Map<ShellWord, number>();
  targets.forEach((t, i) => {
    if (t[0]) targetAt.set(t[0], i);
  });
  const references = new Map<string, number>();
  for (const w of words) {
    for (const e of w.expansions ?? []) {
      const m = REFERENCE.exec(w.value.slice(e.from, e.to));
      if (m) references.set(m[1]!, (references.get(m[1]!) ?? 0) + 1);
    }
  }

  const lookup = (name: string, raw: string, span: Span): { binding: Value } | { unresolved: Unresolved } => {
    const b = vars.get(name);
    const fail = (why: string) => ({ unresolved: { span, text: raw, why } });
    if (/^[0-9@*#]$/.test(name))
      return fail(`${raw} is an argument (of the script, or of the function it is in), not known before it runs`);
    if (!b) {
      if (setByBash(name)) return fail(`$${name} is set by bash itself when the script runs`);
      return fail(
        `$${name} is not assigned in this file${sourced ? ` (it may come from ${sourced.what} at line ${sourced.line})` : ' (it comes from the environment or the caller)'}`,
      );
    }
    if (sourced && b.at.start < sourced.offset)
      return fail(`$${name} may be changed by ${sourced.what} at line ${sourced.line}`);
    if (!isPrefix(b.path, path)) {
      return fail(
        `$${name} is assigned at line ${lineOf(b.at.start)} inside an if, a loop, a case or a function that this command is not in, so its value depends on the run`,
      );
    }
    if (b.kind === 'unknown') return fail(b.why);
    return { binding: b };
  };

  const ifsOf = (span: Span, raw: string): { ifs: string } | { unresolved: Unresolved } => {
    const b = vars.get('IFS');
    if (!b) return { ifs: DEFAULT_IFS };
    const r = lookup('IFS', raw, span);
    if ('unresolved' in r) return r;
    if (r.binding.unset) return { ifs: DEFAULT_IFS }; // unset IFS splits as the default does
    return { ifs: r.binding.items[0]?.value ?? '' }; // of an array, $IFS is its first item
  };

  /** Expands one word into fields; `split` is false in assignments (no field splitting). */
  const expandWord = (
    word: ShellWord,
    from: number,
    split: boolean,
  ): { fields: ShellText[]; uses: VariableUse[]; unresolved: Unresolved[] } => {
    const uses: VariableUse[] = [];
    const unresolved: Unresolved[] = [];
    const exps = (word.expansions ?? []).filter((e) => e.from >= from);
    if (!exps.length) return { fields: [text(word, from)], uses, unresolved };
    const fields: ShellText[] = [];
    let cur: ShellText = { value: '', offsets: [] };
    let started = false;
    let written = false; // a literal or quoted part: the word gives a field even when empty
    // An empty quoted string ('' or "") leaves no character but makes the field it stands in.
    const quotes = word.emptyQuotes ?? [];
    let q = 0;
    const quotesUpTo = (index: number) => {
      for (; q < quotes.length && quotes[q]! <= index; q++)
        if (quotes[q]! >= from) {
          started = true;
          written = true;
        }
    };
    const append = (t: ShellText) => {
      cur.value += t.value;
      appendAll(cur.offsets, t.offsets);
      started = true;
    };
    const breakField = () => {
      if (started) fields.push(cur);
      cur = { value: '', offsets: [] };
      started = false;
    };
    let at = from;
    for (const e of exps) {
      quotesUpTo(e.from);
      if (e.from > at) {
        append(text(word, at, e.from));
        written = true;
      }
      at = e.to;
      const raw = word.value.slice(e.from, e.to);
      const span: Span = { start: word.offsets[e.from]!, end: word.offsets[e.to - 1]! + 1 };
      const keep = (u: Unresolved) => {
        unresolved.push(u);
        written = true;
        append(text(word, e.from, e.to));
      };
      if (raw.startsWith("$'")) {
        // ANSI-C quoting: quoted text with its escapes read, whatever IFS says.
        const read = readAnsiC(raw, word.offsets.slice(e.from, e.to));
        if ('unresolved' in read) keep({ span, text: raw, why: read.unresolved });
        else {
          append(read);
          written = true;
        }
        continue;
      }
      const got = expansionValue(raw, span, e, split);
      if ('unresolved' in got) {
        keep(got.unresolved);
        continue;
      }
      const size = got.items.reduce((n, i) => n + i.value.length, 0);
      budget -= size;
      if (budget < 0) {
        keep({
          span,
          text: raw,
          why: `${raw} grows past what enlighten follows (${source.length + 65536} characters of expansions for this file)`,
        });
        continue;
      }
      appendAll(uses, got.uses);
      if (got.join === 'ifs' && !e.quoted && split && got.items.length !== 1) got.join = 'space'; // unquoted ${a[*]}: a word per item, then split
      if (e.quoted && (got.items.length > 0 || !raw.includes('[@]'))) written = true; // "${a[@]}" of no items is no word
      if (got.quoted) written = true;
      const ifs = split || got.join === 'ifs' ? ifsOf(span, raw) : { ifs: ' ' };
      if ('unresolved' in ifs) {
        keep(ifs.unresolved);
        continue;
      }
      if (got.join === 'ifs' || (got.join === 'space' && !split) || (got.join === 'space' && e.quoted)) {
        got.items = [joinTexts(got.items, got.join === 'ifs' ? ifs.ifs.slice(0, 1) : ' ', span.start)];
        got.join = 'fields';
      }
      // `"${a[@]}"` gives one field per item; unquoted, every item is split on IFS too.
      got.items.forEach((item, i) => {
        const { fields: parts, leading } =
          split && !e.quoted ? fieldSplit(item, ifs.ifs) : { fields: [item], leading: false };
        if (i > 0 || leading) breakField();
        parts.forEach((p, k) => {
          if (k > 0) breakField();
          append(p);
        });
        if (split && !e.quoted && parts.length && ifs.ifs.includes(item.value.at(-1) ?? '')) breakField();
      });
    }
    quotesUpTo(word.value.length);
    if (at < word.value.length) append(text(word, at));
    if (started || (fields.length === 0 && (written || at < word.value.length))) fields.push(cur);
    return { fields, uses, unresolved };
  };

  /** What an expansion holds: items and how to join them, or why it is not known. */
  const expansionValue = (
    raw: string,
    span: Span,
    e: WordExpansion,
    split: boolean,
  ):
    | { items: ShellText[]; join: 'fields' | 'space' | 'ifs'; uses: VariableUse[]; quoted?: true }
    | { unresolved: Unresolved } => {
    const fromBinding = (name: string, index: string | undefined) => {
      const r = lookup(name, raw, span);
      if ('unresolved' in r) return r;
      const b = r.binding;
      const literal = b.literal && b.count === 1 && references.get(name) === 1 ? { literal: b.literal } : {};
      const use: VariableUse = { name, assignment: b.at, ...(index === undefined ? literal : {}) };
      const uses = [use, ...(b.assumes ?? [])];
      if (index === undefined) return { items: b.items.slice(0, 1), join: 'fields' as const, uses };
      return {
        items: b.items,
        join: index === '*' ? ('ifs' as const) : e.quoted ? ('fields' as const) : ('space' as const),
        uses,
      };
    };
    let m = PARAMETER.exec(raw);
    if (m) return fromBinding(m[1] ?? m[2]!, m[3]);
    m = /^\$\{?([0-9@*#])\}?$/.exec(raw);
    if (m) return lookup(m[1]!, raw, span) as { unresolved: Unresolved };
    // $(IFS=,; echo "${a[*]}"): the array joined with the first character of that IFS.
    m = IFS_JOIN.exec(raw);
    if (m) {
      const r = lookup(m[4]!, raw, span);
      if ('unresolved' in r) return r;
      const sep = (m[1] ?? m[2] ?? m[3] ?? '').slice(0, 1);
      const all = r.binding.items.map((x) => x.value).join(sep);
      if (all.startsWith('-') || all.endsWith('\n'))
        return {
          unresolved: {
            span,
            text: raw,
            why: `${raw} starts with -, which echo may read as an option, or ends with a line break, which $(...) drops`,
          },
        };
      return {
        items: [joinTexts(r.binding.items, sep, span.start)],
        join: 'fields',
        uses: [{ name: m[4]!, assignment: r.binding.at }, ...(r.binding.assumes ?? [])],
      };
    }
    if (raw.includes('\\\n'))
      return {
        unresolved: {
          span,
          text: raw,
          why: `${raw} is continued over a line inside its name, which enlighten does not read`,
        },
      };
    if (raw.startsWith('$['))
      return { unresolved: { span, text: raw, why: `${raw} is arithmetic, done when the script runs` } };
    m = OPERATOR.exec(raw);
    if (m) return withOperator(raw, span, e, split, m[1]!, m[2] === ':', m[3] as '-' | '+', m[4]!);
    if (raw.startsWith('${'))
      return {
        unresolved: {
          span,
          text: raw,
          why: `${raw} uses a parameter operator; enlighten reads only $NAME, \${NAME}, \${NAME[*]}, \${NAME[@]}, \${NAME:-default} and \${NAME:+word}`,
        },
      };
    if (raw.startsWith('$(') || raw.startsWith('`'))
      return {
        unresolved: { span, text: raw, why: `${raw} runs a command; its output is known only when the script runs` },
      };
    return { unresolved: { span, text: raw, why: `${raw} is set by the shell when the script runs` } };
  };

  let nesting = 0; // operators whose word holds another one, being read: capped, so the stack is too

  /**
   * ${NAME-word}, ${NAME:-word}, ${NAME+word} and ${NAME:+word} (with the colon an empty value
   * counts as unset): the variable's value or the word, as the shell chooses. A variable this file
   * does not set comes from the environment: ${NAME:-default} is then read as its default, with a
   * use that says so (VariableUse.environment); ${NAME:+word} stays unknown. The word is read when
   * it is one shell word with no field splitting to do (`split` is false in assignments); it may hold quotes, escapes and the
   * expansions read here. Inside double quotes a word with ' or \ is not read: bash and dash keep
   * different characters of it.
   */
  const withOperator = (
    raw: string,
    span: Span,
    e: WordExpansion,
    split: boolean,
    name: string,
    colon: boolean,
    op: '-' | '+',
    word: string,
  ): { items: ShellText[]; join: 'fields'; uses: VariableUse[]; quoted?: true } | { unresolved: Unresolved } => {
    const fail = (why: string) => ({ unresolved: { span, text: raw, why } });
    // bash's extquote: inside double quotes it reads a $'...' here before it finds the closing brace,
    // so "${A:-$'\x7d'}" ends at the brace that $'\x7d' gives; dash reads it as text.
    if (e.quoted && word.includes("$'"))
      return fail(
        `${raw} is inside double quotes and holds $'...', which bash reads before it finds where ${raw.slice(0, 2)} ends`,
      );
    let uses: VariableUse[];
    if (vars.has(name) || sourced || setByBash(name)) {
      const r = lookup(name, raw, span);
      if ('unresolved' in r) return r;
      const b = r.binding;
      const given = !b.unset && b.items.length > 0 && !(colon && b.items[0]!.value === '');
      uses = [{ name, assignment: b.at }, ...(b.assumes ?? [])];
      if (op === '-' && given) return { items: b.items.slice(0, 1), join: 'fields', uses };
      if (op === '+' && !given) return { items: [{ value: '', offsets: [] }], join: 'fields', uses };
    } else {
      if (op === '+')
        return fail(
          `$${name} is not assigned in this file (it comes from the environment or the caller), so whether ${raw} gives its word is not known`,
        );
      uses = [{ name, assignment: span, environment: true }];
    }
    if (word === '') return { items: [{ value: '', offsets: [] }], join: 'fields', uses };
    if (e.quoted && /['\\]/.test(word))
      return fail(`${raw} is inside double quotes and its word holds ' or \\, which bash and dash read differently`);
    if (/^[~#]/.test(word)) return fail(`the word of ${raw} starts with ${word[0]}, which enlighten does not read`);
    if (nesting >= 8) return fail(`${raw} nests more operators than enlighten follows (8)`);
    const words = splitShell(word);
    const w = words.words[0];
    if (
      words.unterminatedQuote !== undefined ||
      words.words.length !== 1 ||
      w!.span.start !== 0 ||
      w!.span.end !== word.length
    )
      return fail(`the word of ${raw} holds blanks or a comment: enlighten reads a word that is one shell word`);
    // raw is the source text as written, from span.start: the word's characters are where they were.
    const at = span.start + raw.length - 1 - word.length;
    nesting++;
    const r = expandWord(
      { ...w!, offsets: w!.offsets.map((o) => at + o), span: { start: at, end: at + word.length } },
      0,
      false,
    );
    nesting--;
    if (r.unresolved.length) return { unresolved: r.unresolved[0]! };
    const value = r.fields[0] ?? { value: '', offsets: [] };
    if (split && !e.quoted) {
      const ifs = ifsOf(span, raw);
      if ('unresolved' in ifs) return ifs;
      if ([...value.value].some((c) => ifs.ifs.includes(c)))
        return fail(
          `${raw} is not in double quotes and its word holds characters of IFS: enlighten does not split it into fields`,
        );
    }
    // A word with quotes in it gives a field even when it comes out empty (${A:-""}), as "" does.
    const quoted = value.value === '' && /['"]/.test(word) ? { quoted: true as const } : {};
    return { items: [value], join: 'fields', uses: [...uses, ...r.uses], ...quoted };
  };

  // Blocks nested deeper than MAX_BLOCKS are counted, not tracked: every assignment in them is
  // unknown, so that each assignment copies, and each lookup compares, at most MAX_BLOCKS ids.
  let beyond = 0;
  function openBlock(kind: string): void {
    kinds.push(kind);
    if (path.length >= MAX_BLOCKS) beyond++;
    else path.push(nextId++);
  }
  function branchBlock(): void {
    if (beyond) return;
    path.pop();
    path.push(nextId++);
  }
  function closeBlock(): void {
    kinds.pop();
    if (beyond) beyond--;
    else path.pop();
  }

  const assign = (
    name: string,
    append: boolean,
    items: ShellText[],
    array: boolean,
    at: Span,
    literal: Span | undefined,
    why?: string,
    assumes: VariableUse[] = [],
  ) => {
    const prev = vars.get(name);
    const count = (prev?.count ?? 0) + 1;
    const assumed = (more: readonly VariableUse[] = []) =>
      assumes.length || more.length ? { assumes: [...more, ...assumes] } : {};
    if (beyond && why === undefined)
      why = `$${name} is assigned inside more than ${MAX_BLOCKS} nested blocks, which enlighten does not follow`;
    // Appending copies what the variable holds: that copy is charged to the budget too, so a
    // script of thousands of A+=x lines costs its size, not its size squared.
    if (why === undefined && prev?.kind === 'value' && (append || (prev.array && !array))) {
      budget -=
        append && !array
          ? (prev.items[0]?.value.length ?? 0) + (items[0]?.value.length ?? 0)
          : prev.items.length + items.length;
      if (budget < 0)
        why = `$${name} grows past what enlighten follows (${source.length + 65536} characters of expansions for this file)`;
    }
    if (why !== undefined) {
      vars.set(name, {
        kind: 'unknown',
        at,
        why,
        path: [...path],
        count,
        ...(array || (prev?.kind === 'unknown' && prev.array) ? { array: true } : {}),
      });
      return;
    }
    if (!array && !append && prev?.kind === 'unknown' && prev.array) {
      vars.set(name, { ...prev, count });
      return;
    }
    if (append && prev) {
      if (prev.kind === 'unknown') {
        vars.set(name, { ...prev, count });
        return;
      }
      if (!isPrefix(prev.path, path)) {
        const line = lineOf(prev.at.start);
        vars.set(name, {
          kind: 'unknown',
          at,
          why: `$${name} is assigned at line ${line} inside a block this line is not in, so its value depends on the run`,
          path: [...path],
          count,
        });
        return;
      }
      const joined = array
        ? [...prev.items, ...items]
        : [
            {
              value: (prev.items[0]?.value ?? '') + (items[0]?.value ?? ''),
              offsets: [...(prev.items[0]?.offsets ?? []), ...(items[0]?.offsets ?? [])],
            },
            ...prev.items.slice(1),
          ];
      vars.set(name, {
        kind: 'value',
        items: joined,
        array: prev.array || array,
        at,
        path: [...path],
        count,
        ...assumed(prev.assumes),
      });
      return;
    }
    if (!array && prev?.kind === 'value' && prev.array) {
      // NAME=x on an array sets its first item only.
      if (!isPrefix(prev.path, path)) {
        vars.set(name, {
          kind: 'unknown',
          at,
          why: `$${name} is an array assigned at line ${lineOf(prev.at.start)} inside a block this line is not in, so its value depends on the run`,
          path: [...path],
          count,
        });
      } else
        vars.set(name, {
          kind: 'value',
          items: [...items.slice(0, 1), ...prev.items.slice(1)],
          array: true,
          at,
          path: [...path],
          count,
          ...assumed(prev.assumes),
        });
      return;
    }
    vars.set(name, {
      kind: 'value',
      items,
      array,
      at,
      path: [...path],
      count,
      ...(literal ? { literal } : {}),
      ...assumed(),
    });
  };

  // One command at a time: a run of words up to a newline or a separator; an array assignment
  // `A=(` runs to its closing `)` across lines.
  let i = 0;
  let after: string | undefined;
  while (i < words.length) {
    const start = i;
    const command: ShellWord[] = [];
    let inArray = false;
    let branchAfter = false;
    let terminator: string | undefined; // the separator that ended the command
    const conditional = after;
    while (i < words.length) {
      const w = words[i]!;
      if (command.length && w.newLine && !inArray) {
        after = undefined;
        break;
      }
      i++;
      if (isSeparatorWord(w)) {
        if (w.value === ';;') branchAfter = true;
        if (!command.length && after === undefined && (w.value === ';' || w.value === ';;')) continue;
        after = w.value === '&&' || w.value === '||' ? w.value : w.value.startsWith('|') ? '|' : undefined;
        terminator = w.value;
        if (command.length) break;
        continue;
      }
      command.push(w);
      const b = bare(w);
      if (!inArray && arrayAssignment(w) && !closesParen(w, b.value)) inArray = true;
      else if (inArray && closesParen(w, b.value)) inArray = false;
      if (b.ends && !inArray) {
        branchAfter = b.branch;
        after = b.sep === '&&' || b.sep === '||' ? b.sep : b.sep?.startsWith('|') ? '|' : undefined;
        terminator = b.sep;
        break;
      }
    }
    if (start === i) i++;
    // Keywords open, branch and close blocks; what follows a keyword is a command of its own.
    let k = 0;
    while (k < command.length) {
      const w = command[k]!;
      const v = bare(w).value;
      if (v === 'in' && kinds.at(-1) === 'case') {
        k++; // `case x` with its `in` on the next line
        continue;
      }
      if (v === 'case') {
        // `case WORD in` is its header; patterns and commands follow, on this line or the next ones
        openBlock(v);
        while (k < command.length && bare(command[k]!).value !== 'in') k++;
        k++;
        continue;
      }
      if (
        v.startsWith('(') &&
        !v.startsWith('((') &&
        v !== '(' &&
        w.offsets[0] === w.span.start &&
        kinds.at(-1) !== 'case'
      ) {
        // a subshell `(cd /; A=2)`: what it assigns stays in it; its first command is not read
        openBlock('(');
        k = command.length;
        break;
      }
      if (OPENERS.has(v)) {
        openBlock(v);
        if (v === 'for' || v === 'select') {
          const loopVar = command[k + 1] ? bare(command[k + 1]!).value : '';
          if (WHOLE_NAME.test(loopVar))
            assign(loopVar, false, [], false, command[k + 1]!.span, undefined, `$${loopVar} is a loop variable`);
        }
        k++;
        if (v !== '{' && v !== '(') break; // the rest is a condition or a header
        continue;
      }
      if (v === 'function' || /^[A-Za-z_][A-Za-z0-9_:.-]*\(\)$/.test(v)) {
        k += v === 'function' ? 2 : 1; // its body is the `{ ... }` that follows
        continue;
      }
      if (/^[A-Za-z_][A-Za-z0-9_:.-]*$/.test(v) && command[k + 1] && bare(command[k + 1]!).value === '()') {
        k += 2; // `f () {`: a function written with a blank before its parentheses
        continue;
      }
      if (BRANCHES.has(v)) {
        branchBlock();
        k++;
        continue;
      }
      if (CLOSERS.has(v)) {
        closeBlock();
        k++;
        continue;
      }
      const glued = kinds.at(-1) === 'case' ? w.operators?.find((o) => v[o] === ')' && o < v.length - 1) : undefined;
      if (glued !== undefined) {
        // a pattern glued to its command (`x)B=1;;`): what it assigns is not followed, only marked
        const name = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/.exec(v.slice(glued + 1))?.[1];
        if (name)
          assign(
            name,
            false,
            [],
            false,
            w.span,
            undefined,
            `$${name} is assigned in a case branch at line ${lineOf(w.span.start)}`,
          );
        k = command.length;
        break;
      }
      if (
        v === '!' ||
        (kinds.at(-1) === 'case' && v.endsWith(')') && command[k]!.offsets[v.length - 1] === command[k]!.span.end - 1)
      ) {
        k++; // a negation, or a case pattern `a|b)`
        continue;
      }
      break;
    }
    const rest = command.slice(k);
    assignedByOperators(command);
    const targetIndex = (rest[0] && targetAt.get(rest[0])) ?? (command[0] ? targetAt.get(command[0]) : undefined);
    if (targetIndex !== undefined) {
      results[targetIndex] = targets[targetIndex]!.flatMap((w) => {
        const { fields, uses, unresolved } = expandWord(w, 0, true);
        return fields.map(
          (f): ExpandedWord => ({
            value: f.value,
            offsets: [...f.offsets, w.span.end],
            span: w.span,
            from: w,
            uses,
            unresolved,
            ...(w.newLine ? { newLine: true } : {}),
          }),
        );
      });
    }
    // A pipeline's commands and a command sent to the background run in subshells: what they assign is lost.
    if (terminator !== '|' && terminator !== '|&' && terminator !== '&') readAssignments(rest, conditional);
    const last = command.at(-1);
    if (last && kinds.at(-1) === '(' && !inArray && closesParen(last, bare(last).value)) closeBlock();
    if (branchAfter) branchBlock();
  }
  return results;

  /**
   * ${NAME:=word} and ${NAME=word} assign NAME wherever they are expanded: what NAME holds after
   * that depends on what it held, which may come from the environment, so it is unknown from there on.
   */
  function assignedByOperators(command: readonly ShellWord[]): void {
    for (const w of command)
      for (const e of w.expansions ?? []) {
        const raw = w.value.slice(e.from, e.to);
        if (!raw.includes('=') && !raw.includes('++') && !raw.includes('--')) continue;
        const at: Span = { start: w.offsets[e.from]!, end: w.offsets[e.to - 1]! + 1 };
        const unknown = (name: string, why: string) => assign(name, false, [], false, at, undefined, why);
        if (raw.includes('((') || raw.startsWith('$['))
          for (const m of raw.matchAll(ARITHMETIC_ASSIGNMENT)) {
            const name = (m[1] ?? m[2] ?? m[3])!;
            unknown(name, `$${name} may be assigned by the arithmetic ${raw} at line ${lineOf(at.start)}`);
          }
        for (const m of raw.matchAll(ASSIGNING_OPERATOR))
          unknown(
            m[1]!,
            `$${m[1]} may be assigned by ${raw} at line ${lineOf(at.start)}, so its value depends on the run`,
          );
      }
  }

  /** Applies a command made of assignments alone (`A=1 B=2`, `export A=1`); `A=1 cmd` sets A for cmd only. */
  function readAssignments(all: readonly ShellWord[], conditional: string | undefined): void {
    // `time` and `!` before a pipeline are reserved words: what follows is the command.
    let lead = 0;
    while (lead < all.length && (all[lead]!.value === 'time' || all[lead]!.value === '!')) {
      lead++;
      while (lead < all.length && all[lead]!.value.startsWith('-')) lead++;
    }
    const whole = lead ? all.slice(lead) : all;
    // The word that names the command comes after assignments and redirections (`IFS=, read`,
    // `2>/dev/null A=2`), and after `command`, `builtin` and `time`, which run it in this shell. A
    // builtin read below gets those assignments as its environment only.
    let c = 0;
    while (c < whole.length && (assignmentOf(whole[c]!) || isRedirection(whole[c]!)))
      c += isRedirection(whole[c]!) && OPERATOR_ONLY.test(whole[c]!.value) ? 2 : 1;
    let wrapped = c;
    while (wrapped < whole.length && WRAPPERS.has(whole[wrapped]!.value)) {
      wrapped++;
      while (wrapped < whole.length && whole[wrapped]!.value.startsWith('-')) wrapped++;
    }
    const named = wrapped > 0 && wrapped < whole.length && HANDLED.has(bare(whole[wrapped]!).value);
    const command = named ? whole.slice(wrapped) : whole;
    const first = command[0] ? bare(command[0]).value : undefined;
    const lineAt = (w: ShellWord) => lineOf(w.span.start);
    const unknown = (name: string, w: ShellWord, why: string) => assign(name, false, [], false, w.span, undefined, why);
    // The names among the words; one may have a redirection written against it (`read A<<<x`).
    const names = (from: number) =>
      command
        .slice(from)
        .map((w) => {
          const v = bare(w).value;
          const op = w.operators?.find((o) => v[o] === '<' || v[o] === '>');
          return op === undefined ? v : v.slice(0, op);
        })
        .filter((v) => WHOLE_NAME.test(v));
    if (first === 'unset') {
      // Unset, not empty: ${NAME-x} gives x, and an unset array has no items. `unset -f` unsets
      // functions; `unset -n` (through a name reference) and `unset a[0]` make the name unknown.
      if (command.some((w) => /^-[a-z]*f/.test(w.value))) return;
      const byReference = command.some((w) => /^-[a-z]*n/.test(w.value));
      for (const w of command.slice(1)) {
        const name = bare(w).value;
        const item = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(name);
        if (item) unknown(item[1]!, w, `an item of $${item[1]} is unset at line ${lineAt(w)}`);
        else if (WHOLE_NAME.test(name) && byReference)
          unknown(name, w, `$${name} is unset through a name reference at line ${lineAt(w)}`);
        else if (WHOLE_NAME.test(name))
          vars.set(name, {
            kind: 'value',
            items: [],
            array: false,
            at: w.span,
            path: [...path],
            count: (vars.get(name)?.count ?? 0) + 1,
            unset: true,
          });
      }
      return;
    }
    if (first === 'read' || first === 'mapfile' || first === 'readarray' || first === 'getopts') {
      for (const v of names(1)) unknown(v, command[0]!, `$${v} is read from input when the script runs`);
      return;
    }
    if (first === 'printf') {
      const v = command.findIndex((w) => w.value === '-v');
      const name = v > 0 && command[v + 1] ? bare(command[v + 1]!).value : '';
      if (WHOLE_NAME.test(name))
        unknown(name, command[0]!, `$${name} is set by printf -v at line ${lineAt(command[0]!)}`);
      return;
    }
    if (first === 'let' || first?.startsWith('((')) {
      const text = command.map((w) => w.value).join(' ');
      for (const m of text.matchAll(ARITHMETIC_ASSIGNMENT)) {
        const name = (m[1] ?? m[2] ?? m[3])!;
        unknown(
          name,
          command[0]!,
          `$${name} is set by arithmetic at line ${lineAt(command[0]!)}, done when the script runs`,
        );
      }
      return;
    }
    if (((first === 'source' || first === '.') && command[1]) || first === 'eval') {
      // What they run may assign any variable: those the script has assigned become unknown too.
      // Recorded once and read by lookup: marking every variable here cost each eval the script's size.
      const what = first === 'eval' ? 'an eval' : `${command[1]!.value}, sourced`;
      sourced = { what, line: lineAt(command[0]!), offset: command[0]!.span.start };
      return;
    }
    let j = 0;
    const declarer = command[0] && DECLARERS.has(command[0].value);
    let transformed: string | undefined; // a declare option that makes bash change the value
    let declaresReadonly = first === 'readonly';
    if (declarer) {
      j = 1;
      while (j < command.length && /^[-+]/.test(command[j]!.value)) {
        const option = /[ilucnA]/.exec(command[j]!.value.slice(1));
        if (option && command[j]!.value.startsWith('-')) transformed ??= option[0];
        if (command[j]!.value.startsWith('-') && command[j]!.value.includes('r')) declaresReadonly = true;
        j++;
      }
      // The attribute stays on the name: what is assigned to it later is changed too.
      if (transformed)
        for (const w of command.slice(j)) {
          const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(bare(w).value)?.[0];
          if (name) attributes.set(name, transformed);
        }
    }
    const assignments: { word: ShellWord; items: ShellWord[] }[] = [];
    while (j < command.length) {
      const w = command[j]!;
      if (isRedirection(w) && !assignments.length) {
        j += OPERATOR_ONLY.test(w.value) ? 2 : 1; // `2>/dev/null A=2` assigns A
        continue;
      }
      const item = ITEM_ASSIGNMENT.exec(w.value);
      if (item && w.offsets[0] === w.span.start) {
        unknown(item[1]!, w, `an item of $${item[1]} is assigned at line ${lineAt(w)}`);
        j++;
        continue;
      }
      if (!assignmentOf(w)) {
        if (declarer) {
          j++;
          continue;
        }
        // The assignments before a command are its environment only, unless the rest is
        // redirections alone (`A=2 2>/dev/null` assigns A) or may expand to no word at all.
        let k = j;
        while (k < command.length && isRedirection(command[k]!))
          k += /^(?:[0-9]+|&)?[<>&|]+$/.test(command[k]!.value) ? 2 : 1;
        if (k < command.length && !maybeNoWord(command[k]!)) return;
        if (k < command.length)
          for (const a of assignments) {
            const name = assignmentOf(a.word)![1]!;
            unknown(
              name,
              a.word,
              `$${name} is assigned at line ${lineAt(a.word)} before ${command[k]!.value}, which may be a command or nothing`,
            );
          }
        if (k < command.length) return;
        break;
      }
      const items: ShellWord[] = [];
      if (arrayAssignment(w) && !closesParen(w, bare(w).value)) {
        j++;
        while (j < command.length) {
          const part = command[j]!;
          items.push(part);
          j++;
          if (closesParen(part, bare(part).value)) break;
        }
      } else {
        j++;
      }
      assignments.push({ word: w, items });
    }
    for (const { word, items } of assignments) {
      const name = assignmentOf(word)![1]!;
      if (conditional) {
        const why = `$${name} is assigned at line ${lineAt(word)} after ${conditional === '|' ? 'a pipe (in a subshell)' : conditional}, so its value depends on the run`;
        unknown(name, word, why);
      } else if (transformed || attributes.has(name))
        unknown(
          name,
          word,
          `$${name} is declared with -${transformed ?? attributes.get(name)}, so bash changes what is assigned to it`,
        );
      else if (readonly.has(name))
        unknown(name, word, `$${name} is readonly, so bash refuses the assignment at line ${lineAt(word)}`);
      else if (OWN_VALUE.has(name)) unknown(name, word, `$${name} is a variable bash gives values of its own`);
      else readAssignment(word, items);
      if (declaresReadonly) readonly.add(name);
    }
    if (declaresReadonly) for (const v of names(1)) readonly.add(v);
  }

  /** A redirection word (`2>/dev/null`, `>`, `&>log`) whose operator is written bare. */
  function isRedirection(w: ShellWord): boolean {
    const m = REDIRECTION.exec(w.value);
    if (!m) return false;
    const op = m[0].search(/[<>&]/);
    return w.operators?.includes(op) === true;
  }

  /** A word of unquoted expansions alone (`$EMPTY`): it may expand to no word, and then there is no command. */
  function maybeNoWord(w: ShellWord): boolean {
    const exps = w.expansions ?? [];
    return (
      exps.length > 0 && exps.every((e) => !e.quoted) && exps.reduce((n, e) => n + e.to - e.from, 0) === w.value.length
    );
  }

  function readAssignment(word: ShellWord, more: readonly ShellWord[]): void {
    const m = assignmentOf(word)!;
    const name = m[1]!;
    const append = m[2] === '+';
    const eq = m[0].length;
    // A redirection written against the value (`A=1>/dev/null`) ends it, as bash ends the word there.
    const redirect = word.operators?.find((o) => o >= eq && (word.value[o] === '>' || word.value[o] === '<'));
    // `&>` and `>&` are one operator: `A=1&>/dev/null` assigns 1
    const before = redirect !== undefined && word.value[redirect - 1] === '&' && word.operators?.includes(redirect - 1);
    const end = redirect === undefined ? bare(word).value.length : before ? redirect - 1 : redirect;
    const at: Span = { start: word.span.start, end: (more.at(-1) ?? word).span.end };
    if (word.value[eq] === '(' && word.offsets[eq] === word.span.start + eq) {
      // An array: the rest of this word and the next ones, up to the closing `)`.
      const cut = (w: ShellWord, from: number, to: number) =>
        sliceWord(w, from, to, w.span, w.offsets[to] ?? w.span.end);
      // Each part with its source text (without the parentheses and a `;`): `""` is an empty item, a lone `)` none.
      const parts: { w: ShellWord; from: number; to: number }[] = [];
      const term = (w: ShellWord) => w.value.length - bare(w).value.length;
      const firstValue = word.value.slice(0, end);
      const firstCloses = closesParen(word, firstValue) && !more.length;
      parts.push({
        w: cut(word, eq + 1, firstCloses ? end - 1 : end),
        from: word.span.start + eq + 1,
        to: word.span.end - term(word) - (firstCloses ? 1 : 0),
      });
      more.forEach((w, idx) => {
        const v = bare(w).value;
        const closing = idx === more.length - 1 && closesParen(w, v);
        parts.push({
          w: cut(w, 0, closing ? v.length - 1 : v.length),
          from: w.span.start,
          to: w.span.end - term(w) - (closing ? 1 : 0),
        });
      });
      const items: ShellText[] = [];
      const assumes: VariableUse[] = [];
      for (const { w: p, from, to } of parts) {
        if (to <= from) continue;
        if (/^\[[^\]]*\]\+?=/.test(p.value) && p.offsets[0] === from) {
          assign(
            name,
            append,
            [],
            true,
            at,
            undefined,
            `$${name} is assigned items by index at line ${lineOf(at.start)}`,
          );
          return;
        }
        const r = expandWord(p, 0, true);
        if (r.unresolved.length) {
          assign(name, append, [], true, at, undefined, r.unresolved[0]!.why);
          return;
        }
        appendAll(items, r.fields);
        appendAll(assumes, environmentUses(r.uses));
      }
      assign(name, append, items, true, at, undefined, undefined, assumes);
      return;
    }
    const part = sliceWord(word, eq, end, word.span, word.span.end);
    const r = expandWord(part, 0, false);
    if (r.unresolved.length) {
      assign(name, append, [], false, at, undefined, r.unresolved[0]!.why);
      return;
    }
    const literal =
      !append && !part.expansions?.length && end === word.value.length
        ? { start: word.offsets[eq] === undefined ? word.span.end : word.span.start + eq, end: word.span.end }
        : undefined;
    assign(
      name,
      append,
      [joinTexts(r.fields, ' ', word.span.end)],
      false,
      at,
      literal,
      undefined,
      environmentUses(r.uses),
    );
  }
}

/**
 * Texts joined into one with `sep` between them (none when it is empty), as "${a[*]}" joins with
 * IFS and an assignment joins the fields of "${a[@]}" with a space (G="x${F[@]}y" of F=(a b) is
 * "xa by"). A separator takes the place of the next text's first character, `otherwise` when that
 * one is empty.
 */
function joinTexts(texts: readonly ShellText[], sep: string, otherwise: number): ShellText {
  const out: ShellText = { value: '', offsets: [] };
  texts.forEach((t, i) => {
    if (i > 0 && sep) {
      out.value += sep;
      out.offsets.push(t.offsets[0] ?? otherwise);
    }
    out.value += t.value;
    appendAll(out.offsets, t.offsets);
  });
  return out;
}

/** The uses that read a default of the environment's, which a variable built from them carries on. */
function environmentUses(uses: readonly VariableUse[]): VariableUse[] {
  return uses.filter((u) => u.environment);
}
