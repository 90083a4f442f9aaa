import { LineIndex, makeDiagnostic, readResult } from '../../diagnostics/index.js';
import type { ParseResult, Span } from '../../diagnostics/index.js';
import { emptySet, unsetFeature } from '../../model/index.js';
import type { ConfigContext, ParsedConfig } from '../types.js';
import type { CpuParse } from '../../syntax/qemu-cpu/parse.js';
import { parseCpuValue } from '../../syntax/qemu-cpu/parse.js';
import { isQemuCpuModel } from './models.js';
import { qemuCommands, scriptWords } from './commands.js';
import { openedAt, wordSpan } from '../../syntax/shell/split.js';
import type { ExpandedWord, VariableUse } from '../../syntax/shell/expand.js';

export interface QemuParsed extends ParsedConfig {
  format: 'qemu';
  cpu: CpuParse | null;
  /** True when the input was a whole command line rather than a bare -cpu value. */
  commandLine: boolean;
  /** Where the -cpu value's word sits in the source (command lines only). */
  cpuWord?: Span;
  /** How many QEMU commands with a -cpu the text holds (the last one is read). */
  commandCount?: number;
  /** The first shell expansion (`$CPU`, `${X[*]}`, `$(...)`, a backquote) in the -cpu word, if any. */
  cpuExpansion?: { span: Span; text: string; resolved?: boolean };
}

const CPU_OPTIONS = new Set(['-cpu', '--cpu']);
const MACHINE_OPTIONS = new Set(['-machine', '--machine', '-M']);

/**
 * Everything the shell would expand in source[start, end): `$...` and backquotes outside single
 * quotes, and, outside any quotes, brace expansions (`{a,b}`, `{1..3}`) and globs (`*`, `?`, `[`).
 */
function findExpansions(source: string, span: Span): { span: Span; text: string }[] {
  const out: { span: Span; text: string }[] = [];
  let single = false;
  let double = false;
  for (let i = span.start; i < span.end; i++) {
    const c = source[i];
    const rest = source.slice(i, span.end);
    let m: RegExpExecArray | null = null;
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (!single && c === '\\') i++;
    else if (!single && (c === '$' || c === '`'))
      m = /^(\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\$.|`[^`]*`?)/.exec(rest);
    else if (!single && !double && c === '{') m = /^\{[^{}\s]*(,|\.\.)[^{}\s]*\}/.exec(rest);
    else if (!single && !double && (c === '*' || c === '?')) m = /^./.exec(rest);
    else if (!single && !double && c === '[') m = /^\[[^\]\s]+\]/.exec(rest);
    if (m) {
      out.push({ span: { start: i, end: i + m[0].length }, text: m[0] });
      i += m[0].length - 1;
    }
  }
  return out;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * A -cpu word the shell builds: items that hold an expansion have no value enlighten can know, so
 * they set no feature and get no value finding; the rest is read as written.
 */
function withoutExpanded(cpu: CpuParse, expansions: readonly { span: Span }[]): CpuParse {
  const hit = (span: Span | undefined) => span !== undefined && expansions.some((e) => overlaps(e.span, span));
  let set = cpu.set;
  const origins = { ...cpu.origins };
  for (const item of cpu.items) {
    if (item.feature && hit(item.span) && cpu.origins[item.feature] && hit(cpu.origins[item.feature])) {
      set = unsetFeature(set, item.feature);
      delete origins[item.feature];
    }
  }
  const model = hit(cpu.modelSpan) ? null : cpu.model;
  const { modelSpan, ...rest } = cpu;
  return {
    ...rest,
    ...(model !== null && modelSpan ? { modelSpan } : {}),
    model,
    set,
    origins,
    diagnostics: cpu.diagnostics.filter((d) => !hit(d.span)),
  };
}

/**
 * True when the text holds a QEMU command: a command that runs QEMU, or options alone
 * (`-machine q35 -cpu host`). A `-cpu` in a heredoc, a code fence, an echo or a sentence is not one.
 */
export function looksLikeQemuCommandLine(text: string): boolean {
  const split = scriptWords(text);
  // An unterminated quote is still a command line, reported as such.
  return qemuCommands(text, split.words).length > 0;
}

/**
 * True when trimmed text is a bare -cpu value: one line, whose first item is a QEMU CPU model or
 * which carries a Hyper-V item (a model and Hyper-V items, or Hyper-V items alone). Anything else
 * (a script, a README, YAML) is not read as one.
 */
export function looksLikeCpuValue(text: string): boolean {
  if (text === '' || /[\n\r\0]/.test(text)) return false;
  const items = text.split(',');
  if (/\s/.test(items[0]!)) return false; // `echo qemu -cpu host,hv_relaxed` is a sentence, not a value
  return isQemuCpuModel(items[0]!.trim()) || items.some((i) => /^[+-]?(x[-_])?hv[-_][a-z0-9_-]*(=|$)/i.test(i.trim()));
}

/**
 * Parses a bare -cpu value (`host,hv_relaxed`) or a whole QEMU command line; `ok: false` for a
 * command line with an unterminated quote. Never throws.
 */
export function parseQemu(text: string): ParseResult<QemuParsed> {
  return readResult(readQemu(text));
}

function readQemu(text: string): QemuParsed {
  if (looksLikeQemuCommandLine(text)) return parseCommandLine(text);
  const trimmedStart = text.length - text.trimStart().length;
  const value = text.trim();
  // Lines that hold no QEMU command (a script whose QEMU command is in a heredoc, a README) are no
  // -cpu value either: read as one, their commas would make items of shell text and drop what the
  // shell expands. Only `--from qemu` brings such text here; detection never does.
  if (/[\n\r]/.test(value))
    return build(text, null, {}, false, [
      makeDiagnostic('NO_CONFIGURATION', 'no QEMU command and no -cpu value in this text', {
        notes: [
          'a QEMU command in a heredoc, a code fence or an echo is text, not a command: check the script it writes or feeds (run it, then enlighten check that file)',
          'give the QEMU command line, or the -cpu value alone',
        ],
      }),
    ]);
  const cpu = parseCpuValue(value, (from, to) => ({ start: trimmedStart + from, end: trimmedStart + to }));
  // A bare value is often pasted from a script: `$EXTRA` or a backquote in it is what a shell would
  // have replaced (single quotes keep it as written), not a CPU property, and it was passed over in
  // silence, as a property enlighten does not judge.
  const expansions = findExpansions(text, { start: trimmedStart, end: trimmedStart + value.length }).filter(
    (e) => e.text.startsWith('$') || e.text.startsWith('`'),
  );
  if (!expansions.length) return build(text, cpu, {}, false, []);
  const d = makeDiagnostic(
    'SHELL_EXPANSION',
    `the -cpu value holds what a shell would replace (${expansions.map((e) => e.text).join(', ')}): only its literal parts are read`,
    {
      span: expansions[0]!.span,
      notes: [
        'a shell passes it on as written only inside single quotes; what it stands for is not known here, so those items are not checked',
        "give the value QEMU really gets: the script's `set -x` trace, or `ps -o args` of the running QEMU",
      ],
    },
  );
  return {
    ...build(text, withoutExpanded(cpu, expansions), {}, false, [d]),
    cpuExpansion: { span: expansions[0]!.span, text: expansions.map((e) => e.text).join(', ') },
  };
}

/** The -cpu values of a command, in order, with the option word before each. */
function cpuArguments(argv: readonly ExpandedWord[]): { option: ExpandedWord; value: ExpandedWord }[] {
  const out: { option: ExpandedWord; value: ExpandedWord }[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (CPU_OPTIONS.has(argv[i]!.value) && argv[i + 1]) out.push({ option: argv[i]!, value: argv[++i]! });
  }
  return out;
}

/** True when the expanded command has a -cpu with a value. */
export function hasCpuArgument(argv: readonly ExpandedWord[]): boolean {
  return cpuArguments(argv).length > 0;
}

/** `$CPU (line 3) and $FLAGS (line 4)`. */
function describeUses(lineAt: (offset: number) => number, uses: readonly VariableUse[]): string {
  const seen = new Set<string>();
  const parts = uses
    .filter((u) => {
      const key = `${u.environment ? '=' : ''}${u.name}`;
      return !seen.has(key) && seen.add(key);
    })
    .map((u) =>
      u.environment
        ? `the default given for $${u.name} at line ${lineAt(u.assignment.start)} (the environment may set another)`
        : `$${u.name} (line ${lineAt(u.assignment.start)})`,
    );
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}

function parseCommandLine(text: string): QemuParsed {
  const split = scriptWords(text);
  if (split.unterminatedQuote !== undefined) {
    const at = split.unterminatedQuote;
    const d = makeDiagnostic('UNTERMINATED_QUOTE', openedAt(text, at), {
      span: { start: at, end: at + 1 },
      notes: ['close the quote, or quote the whole -cpu value with single quotes'],
    });
    return { ...build(text, null, {}, true, [d]) };
  }
  let machine: string | undefined;
  let lines: LineIndex | undefined; // made when a message first needs a line number
  const lineAt = (offset: number) => (lines ??= new LineIndex(text)).at(offset).line;
  const commands = qemuCommands(text, split.words);
  const withCpu = commands.filter((c) => cpuArguments(c.argv).length > 0);
  // QEMU takes the last -cpu of its command line; of several QEMU commands, the last one is read.
  const command = withCpu.at(-1) ?? commands.at(-1);
  const argv = command?.argv ?? [];
  for (let i = 0; i < argv.length; i++) {
    if (MACHINE_OPTIONS.has(argv[i]!.value) && argv[i + 1]) machine = machineType(argv[++i]!.value);
  }
  const context: ConfigContext = machine ? { machine } : {};
  const extra: ParsedConfig['diagnostics'] = [];
  if (withCpu.length > 1) {
    extra.push(
      makeDiagnostic(
        'SEVERAL_COMMANDS',
        `this text holds ${withCpu.length} QEMU commands with a -cpu; only the last one is read`,
        {
          span: withCpu.at(-1)!.words[0]!.span,
          notes: [
            `the others start at line ${withCpu
              .slice(0, 5)
              .map((c) => lineAt(c.words[0]!.span.start))
              .join(
                ', line ',
              )}${withCpu.length > 6 ? ', ...' : ''}; check each command on its own (one per file), and enlighten will not edit this text`,
          ],
        },
      ),
    );
  }
  const cpus = cpuArguments(argv);
  const last = cpus.at(-1);
  if (!last) {
    const d = makeDiagnostic(
      'NO_CPU_ARGUMENT',
      'this QEMU command line has no -cpu argument, so no Hyper-V enlightenment is set',
      {
        notes: ['add -cpu MODEL,hv-relaxed=on,... (see `enlighten recommend --to qemu`)'],
      },
    );
    return build(text, null, context, true, [d]);
  }
  for (const earlier of cpus.slice(0, -1)) {
    extra.push(
      makeDiagnostic(
        'CPU_OVERRIDDEN',
        `this -cpu ${earlier.value.value} is replaced by a later -cpu of the same command (line ${lineAt(last.value.span.start)}): QEMU uses the last one, so nothing in this one takes effect`,
        {
          span: { start: earlier.option.span.start, end: earlier.value.span.end },
          notes: ['remove this -cpu, or move what it sets into the last one; enlighten reads the last one'],
        },
      ),
    );
  }
  const word = last.value;
  const cpu = parseCpuValue(word.value, (from, to): Span => wordSpan(word, from, to));
  // Brace expansions and globs in the written word; `$` expansions the script fixes were expanded.
  const unresolved = [
    ...word.unresolved.map((u) => ({ span: u.span, text: u.text, why: u.why })),
    ...findExpansions(text, word.from.span)
      .filter((e) => !/^[$`]/.test(e.text))
      .map((e) => ({ ...e, why: `${e.text} is expanded by the shell` })),
    ...endsEarly(word.from),
  ];
  const uses = word.uses;
  const literal =
    uses.length === 1 &&
    uses[0]!.literal &&
    LONE_EXPANSION.test(word.from.value) &&
    !word.from.expansions?.some((e) => !e.quoted)
      ? uses[0]!.literal
      : undefined;
  const written = { cpuWord: literal ?? word.from.span, commandCount: withCpu.length };
  if (!unresolved.length) {
    if (uses.length) {
      extra.push(
        makeDiagnostic(
          'SHELL_VALUE_RESOLVED',
          `the -cpu value is built from ${describeUses(lineAt, uses)}: read as ${word.value}`,
          {
            span: word.from.span,
            notes: [
              literal
                ? `\`enlighten set\` and \`fix\` change the assignment at line ${lineAt(literal.start)}`
                : uses.some((u) => u.environment)
                  ? 'enlighten reads it but does not edit it: change the default (or the assignments) by hand; a caller that sets the variable replaces the default'
                  : 'enlighten reads it but does not edit it: change the assignments by hand',
            ],
          },
        ),
      );
    }
    const cpuExpansion =
      uses.length && !literal
        ? { cpuExpansion: { span: word.from.span, text: describeUses(lineAt, uses), resolved: true } }
        : {};
    return { ...build(text, cpu, context, true, extra), ...written, ...cpuExpansion };
  }
  const first = unresolved[0]!;
  const d = makeDiagnostic(
    'SHELL_EXPANSION',
    `the -cpu value is built by the shell (${unresolved.map((e) => e.text).join(', ')}): only its literal parts are read`,
    {
      span: first.span,
      notes: [
        ...unresolved.slice(0, 3).map((u) => `${u.why}`),
        'what the shell puts there is not known here, so those items are not checked; run `enlighten check` on the command the script really runs (its `set -x` trace, or `ps -o args`)',
      ],
    },
  );
  return {
    ...build(text, withoutExpanded(cpu, unresolved), context, true, [...extra, d]),
    ...written,
    cpuExpansion: { span: first.span, text: unresolved.map((e) => e.text).join(', ') },
  };
}

const LONE_EXPANSION = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * An unquoted `;`, `&`, `|`, `<`, `>`, `(` or `)` in the -cpu word as written: bash ends the word
 * there (`-cpu host,hv_time>log` gives QEMU `host,hv_time` and sends its output to log), so the
 * rest is not part of the value.
 */
function endsEarly(word: ExpandedWord['from']): { span: Span; text: string; why: string }[] {
  const at = word.operators?.[0];
  if (at === undefined) return [];
  const rest = word.value.slice(at);
  return [
    {
      span: wordSpan(word, at, word.value.length),
      text: rest,
      why: `bash ends the word at the unquoted ${rest[0]}: ${rest} is not part of the -cpu value (quote it if it is)`,
    },
  ];
}

/** The machine type from a -machine value: `pc-q35-7.2,accel=kvm` or `type=pc-q35-7.2,...`. */
function machineType(value: string): string | undefined {
  for (const part of value.split(',')) {
    if (part.startsWith('type=')) return part.slice(5);
  }
  const first = value.split(',')[0];
  return first && !first.includes('=') ? first : undefined;
}

function build(
  source: string,
  cpu: CpuParse | null,
  context: ConfigContext,
  commandLine: boolean,
  extra: ParsedConfig['diagnostics'],
): QemuParsed {
  const ctx: ConfigContext = { ...context };
  if (cpu?.model) {
    ctx.cpuModel = cpu.model;
    if (cpu.modelSpan) ctx.cpuModelSpan = cpu.modelSpan;
  }
  for (const item of cpu?.items ?? []) {
    if (item.key === 'tsc-frequency' || item.key === 'tsc_frequency' || item.key === 'tsc-freq') {
      const hz = Number(item.value);
      if (Number.isFinite(hz) && hz > 0) ctx.tscFrequency = hz;
    }
  }
  return {
    format: 'qemu',
    source,
    set: cpu?.set ?? emptySet(),
    origins: cpu?.origins ?? {},
    context: ctx,
    diagnostics: [...extra, ...(cpu?.diagnostics ?? [])],
    cpu,
    commandLine,
  };
}
