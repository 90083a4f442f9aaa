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
import { splitShell } from './split.js';
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
const IFS_JOIN = new RegExp(
  `^\\$\\(\\s*IFS=(?:'([^']*)'|"([^"]*)"|([^\\s;'"]*))\\s*;\\s*echo\\s+"?\\$\\{(${NAME})\\[[*@]\\]\\}"?\\s*\\)$`,
);
const ARRAY_ASSIGNMENT = new RegExp(`^${NAME}\\+?=\\(`);
const WHOLE_NAME = new RegExp(`^${NAME}$`);
const DECLARERS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{', '(']);
const BRANCHES = new Set(['then', 'do', 'else', 'elif']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}', ')']);
const SEPARATORS = /^(;|;;|&&|\|\||\||&)$/;
const DEFAULT_IFS = ' \t\n';

/** The word's value without a trailing unquoted `;`, `;;` or `&` (`fi;`, `CPU=x;`). */
function bare(word: ShellWord): { value: string; ends: boolean; branch: boolean } {
  const m = /(;;|;|&)$/.exec(word.value);
  if (!m || word.value.length === m[0].length) return { value: word.value, ends: false, branch: false };
  const last = word.offsets[word.value.length - 1];
  if (last !== word.span.end - 1) return { value: word.value, ends: false, branch: false }; // quoted or escaped
  return { value: word.value.slice(0, -m[0].length), ends: true, branch: m[0] === ';;' };
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

/** Splits text on IFS the way the shell splits an unquoted expansion. */
function fieldSplit(t: ShellText, ifs: string): ShellText[] {
  const out: ShellText[] = [];
  let cur: ShellText = { value: '', offsets: [] };
  let has = false;
  for (let i = 0; i < t.value.length; i++) {
    const c = t.value[i]!;
    if (ifs.includes(c)) {
      const white = c === ' ' || c === '\t' || c === '\n';
      if (has || !white) out.push(cur);
      cur = { value: '', offsets: [] };
      has = false;
      continue;
    }
    cur.value += c;
    cur.offsets.push(t.offsets[i]!);
    has = true;
  }
  if (has) out.push(cur);
  return out;
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
  let sourced: { name: string; line: number } | undefined;
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
      return fail(
        `$${name} is not assigned in this file${sourced ? ` (it may come from ${sourced.name}, sourced at line ${sourced.line})` : ' (it comes from the environment or the caller)'}`,
      );
    }
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
    return { ifs: r.binding.items.map((i) => i.value).join(' ') };
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
        const sep = got.join === 'ifs' ? ifs.ifs.slice(0, 1) : ' ';
        const joined: ShellText = { value: '', offsets: [] };
        got.items.forEach((item, i) => {
          if (i > 0 && sep) {
            joined.value += sep;
            joined.offsets.push(item.offsets[0] ?? span.start);
          }
          joined.value += item.value;
          appendAll(joined.offsets, item.offsets);
        });
        got.items = [joined];
        got.join = 'fields';
      }
      // `"${a[@]}"` gives one field per item; unquoted, every item is split on IFS too.
      got.items.forEach((item, i) => {
        const parts = split && !e.quoted ? fieldSplit(item, ifs.ifs) : [item];
        if (i > 0) breakField();
        parts.forEach((p, k) => {
          if (k > 0) breakField();
          append(p);
        });
        if (split && !e.quoted && parts.length && ifs.ifs.includes(item.value.at(-1) ?? '')) breakField();
      });
    }
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
      const joined: ShellText = { value: '', offsets: [] };
      r.binding.items.forEach((item, i) => {
        if (i > 0 && sep) {
          joined.value += sep;
          joined.offsets.push(item.offsets[0] ?? span.start);
        }
        joined.value += item.value;
        appendAll(joined.offsets, item.offsets);
      });
      return {
        items: [joined],
        join: 'fields',
        uses: [{ name: m[4]!, assignment: r.binding.at }, ...(r.binding.assumes ?? [])],
      };
    }
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
    if (vars.has(name) || sourced) {
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
    if (nesting >= 16) return fail(`${raw} nests more operators than enlighten follows (16)`);
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
    const conditional = after;
    while (i < words.length) {
      const w = words[i]!;
      if (command.length && w.newLine && !inArray) {
        after = undefined;
        break;
      }
      i++;
      if (SEPARATORS.test(w.value) && w.offsets[0] === w.span.start) {
        if (w.value === ';;') branchAfter = true;
        if (!command.length && after === undefined && (w.value === ';' || w.value === ';;')) continue;
        after = w.value === '&&' || w.value === '||' || w.value === '|' ? w.value : undefined;
        if (command.length) break;
        continue;
      }
      command.push(w);
      const b = bare(w);
      if (!inArray && ARRAY_ASSIGNMENT.test(w.value) && !closesParen(w, bare(w).value)) inArray = true;
      else if (inArray && closesParen(w, bare(w).value)) inArray = false;
      if (b.ends && !inArray) {
        branchAfter = b.branch;
        after = undefined;
        break;
      }
    }
    if (start === i) i++;
    // Keywords open, branch and close blocks; what follows a keyword is a command of its own.
    let k = 0;
    while (k < command.length) {
      const v = bare(command[k]!).value;
      if (OPENERS.has(v)) {
        path.push(nextId++);
        kinds.push(v);
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
      if (BRANCHES.has(v)) {
        path.pop();
        path.push(nextId++);
        k++;
        continue;
      }
      if (CLOSERS.has(v)) {
        path.pop();
        kinds.pop();
        k++;
        continue;
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
    const targetIndex = rest[0] ? targetAt.get(rest[0]) : command[0] ? targetAt.get(command[0]) : undefined;
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
    readAssignments(rest, conditional);
    if (branchAfter) {
      path.pop();
      path.push(nextId++);
    }
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
        if (!raw.includes('=')) continue;
        for (const m of raw.matchAll(ASSIGNING_OPERATOR)) {
          const name = m[1]!;
          const at: Span = { start: w.offsets[e.from]!, end: w.offsets[e.to - 1]! + 1 };
          assign(
            name,
            false,
            [],
            false,
            at,
            undefined,
            `$${name} may be assigned by ${raw} at line ${lineOf(at.start)}, so its value depends on the run`,
          );
        }
      }
  }

  /** Applies a command made of assignments alone (`A=1 B=2`, `export A=1`); `A=1 cmd` sets A for cmd only. */
  function readAssignments(command: readonly ShellWord[], conditional: string | undefined): void {
    let j = 0;
    const declarer = command[0] && DECLARERS.has(command[0].value);
    if (declarer) {
      j = 1;
      while (j < command.length && command[j]!.value.startsWith('-')) j++;
    }
    const first = command[0]?.value;
    if (first === 'unset') {
      // Unset, not empty: ${NAME-x} gives x, and an unset array has no items.
      for (const w of command.slice(1)) {
        const name = bare(w).value;
        if (WHOLE_NAME.test(name))
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
    if (first === 'read' || first === 'mapfile' || first === 'readarray') {
      for (const w of command.slice(1)) {
        const v = bare(w).value;
        if (WHOLE_NAME.test(v))
          assign(v, false, [], false, w.span, undefined, `$${v} is read from input when the script runs`);
      }
      return;
    }
    if ((first === 'source' || first === '.') && command[1]) {
      sourced = { name: command[1].value, line: lineOf(command[1].span.start) };
      return;
    }
    const assignments: { word: ShellWord; items: ShellWord[] }[] = [];
    while (j < command.length) {
      const w = command[j]!;
      if (!ASSIGNMENT.test(w.value) || w.offsets[0] !== w.span.start) {
        if (!declarer) return; // a command with prefix assignments: they are its environment only
        j++;
        continue;
      }
      const items: ShellWord[] = [];
      if (ARRAY_ASSIGNMENT.test(w.value) && !closesParen(w, bare(w).value)) {
        j++;
        while (j < command.length) {
          const item = command[j]!;
          items.push(item);
          j++;
          if (closesParen(item, bare(item).value)) break;
        }
      } else {
        j++;
      }
      assignments.push({ word: w, items });
    }
    for (const { word, items } of assignments) {
      if (conditional) {
        const name = ASSIGNMENT.exec(word.value)![1]!;
        const why = `$${name} is assigned at line ${lineOf(word.span.start)} after ${conditional === '|' ? 'a pipe (in a subshell)' : conditional}, so its value depends on the run`;
        assign(name, false, [], false, word.span, undefined, why);
      } else readAssignment(word, items);
    }
  }

  function readAssignment(word: ShellWord, more: readonly ShellWord[]): void {
    const m = ASSIGNMENT.exec(word.value)!;
    const name = m[1]!;
    const append = m[2] === '+';
    const eq = m[0].length;
    const end = bare(word).value.length;
    const at: Span = { start: word.span.start, end: (more.at(-1) ?? word).span.end };
    if (word.value[eq] === '(' && word.offsets[eq] === word.span.start + eq) {
      // An array: the rest of this word and the next ones, up to the closing `)`.
      const cut = (w: ShellWord, from: number, to: number): ShellWord => ({
        value: w.value.slice(from, to),
        offsets: [...w.offsets.slice(from, to), w.offsets[to] ?? w.span.end],
        span: w.span,
        ...(w.expansions
          ? {
              expansions: w.expansions
                .filter((e) => e.from >= from && e.to <= to)
                .map((e) => ({ ...e, from: e.from - from, to: e.to - from })),
            }
          : {}),
      });
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
    const part: ShellWord = {
      value: word.value.slice(eq, end),
      offsets: [...word.offsets.slice(eq, end), word.span.end],
      span: word.span,
      ...(word.expansions
        ? {
            expansions: word.expansions
              .filter((e) => e.from >= eq)
              .map((e) => ({ ...e, from: e.from - eq, to: e.to - eq })),
          }
        : {}),
    };
    const r = expandWord(part, 0, false);
    if (r.unresolved.length) {
      assign(name, append, [], false, at, undefined, r.unresolved[0]!.why);
      return;
    }
    const literal =
      !append && !part.expansions?.length && end === word.value.length
        ? { start: word.offsets[eq] === undefined ? word.span.end : word.span.start + eq, end: word.span.end }
        : undefined;
    assign(name, append, [joinFields(r.fields, word.span.end)], false, at, literal, undefined, environmentUses(r.uses));
  }
}

/**
 * The fields of an assignment's value as one value: they are several only where "${a[@]}" gave
 * them, and an assignment joins those with a space, as bash does (G="x${F[@]}y" of F=(a b) is
 * "xa by"). A space takes the place of the next field's first character, `end` when it has none.
 */
function joinFields(fields: readonly ShellText[], end: number): ShellText {
  const out: ShellText = { value: '', offsets: [] };
  fields.forEach((f, i) => {
    if (i > 0) {
      out.value += ' ';
      out.offsets.push(f.offsets[0] ?? end);
    }
    out.value += f.value;
    appendAll(out.offsets, f.offsets);
  });
  return out;
}

/** The uses that read a default of the environment's, which a variable built from them carries on. */
function environmentUses(uses: readonly VariableUse[]): VariableUse[] {
  return uses.filter((u) => u.environment);
}
