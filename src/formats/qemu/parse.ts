import { makeDiagnostic } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/index.js';
import { emptySet, unsetFeature } from '../../model/index.js';
import type { ConfigContext, ParsedConfig } from '../types.js';
import type { CpuParse } from './parse-cpu.js';
import { parseCpuValue } from './parse-cpu.js';
import { isQemuCpuModel } from './models.js';
import { qemuCommands } from './commands.js';
import { splitShell, wordSpan } from '../../syntax/shell/split.js';
import type { ShellWord } from '../../syntax/shell/split.js';

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
  cpuExpansion?: { span: Span; text: string };
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
    else if (!single && (c === '$' || c === '`')) m = /^(\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\$.|`[^`]*`?)/.exec(rest);
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
  return { ...rest, ...(model !== null && modelSpan ? { modelSpan } : {}), model, set, origins, diagnostics: cpu.diagnostics.filter((d) => !hit(d.span)) };
}

/**
 * True when the text holds a QEMU command: a command that runs QEMU, or options alone
 * (`-machine q35 -cpu host`). A `-cpu` in a heredoc, a code fence, an echo or a sentence is not one.
 */
export function looksLikeQemuCommandLine(text: string): boolean {
  const words = splitShell(text).words;
  return qemuCommands(text, words).length > 0;
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

/** Parses a bare -cpu value (`host,hv_relaxed`) or a whole QEMU command line. Never throws. */
export function parseQemu(text: string): QemuParsed {
  if (looksLikeQemuCommandLine(text)) return parseCommandLine(text);
  const trimmedStart = text.length - text.trimStart().length;
  const value = text.trim();
  const cpu = parseCpuValue(value, (from, to) => ({ start: trimmedStart + from, end: trimmedStart + to }));
  return build(text, cpu, {}, false, []);
}

function parseCommandLine(text: string): QemuParsed {
  const split = splitShell(text);
  if (split.unterminatedQuote !== undefined) {
    const at = split.unterminatedQuote;
    const d = makeDiagnostic('UNTERMINATED_QUOTE', `the quote ${text[at]} opened here is never closed`, {
      span: { start: at, end: at + 1 },
      notes: ['close the quote, or quote the whole -cpu value with single quotes'],
    });
    return { ...build(text, null, {}, true, [d]) };
  }
  let cpuWord: ShellWord | undefined;
  let machine: string | undefined;
  const commands = qemuCommands(text, split.words);
  const withCpu = commands.filter((c) => c.some((w) => CPU_OPTIONS.has(w.value)));
  // QEMU takes the last -cpu of its command line; of several QEMU commands, the last one is read.
  const words = withCpu.at(-1) ?? commands.at(-1) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.value;
    if (CPU_OPTIONS.has(w) && words[i + 1]) cpuWord = words[++i];
    else if (MACHINE_OPTIONS.has(w) && words[i + 1]) machine = machineType(words[++i]!.value);
  }
  const context: ConfigContext = machine ? { machine } : {};
  const several: ParsedConfig['diagnostics'] = [];
  if (withCpu.length > 1) {
    several.push(
      makeDiagnostic('SEVERAL_COMMANDS', `this text holds ${withCpu.length} QEMU commands with a -cpu; only the last one is read`, {
        span: withCpu.at(-1)![0]!.span,
        notes: [`the others start at ${withCpu.slice(0, -1).map((c) => `offset ${c[0]!.span.start}`).join(', ')}; check each command on its own (one per file), and enlighten will not edit this text`],
      }),
    );
  }
  if (!cpuWord) {
    const d = makeDiagnostic('NO_CPU_ARGUMENT', 'this QEMU command line has no -cpu argument, so no Hyper-V enlightenment is set', {
      notes: ['add -cpu MODEL,hv-relaxed=on,... (see `enlighten recommend --to qemu`)'],
    });
    return build(text, null, context, true, [d]);
  }
  const word = cpuWord;
  const cpu = parseCpuValue(word.value, (from, to): Span => wordSpan(word, from, to));
  const expansions = findExpansions(text, word.span);
  const expansion = expansions[0];
  if (!expansion) return { ...build(text, cpu, context, true, several), cpuWord: word.span, commandCount: withCpu.length };
  const d = makeDiagnostic('SHELL_EXPANSION', `the -cpu value is built by the shell (${expansions.map((e) => e.text).join(', ')}): only its literal parts are read`, {
    span: expansion.span,
    notes: ['what the shell puts there is not known here, so those items are not checked; run `enlighten check` on the command the script really runs (its `set -x` trace, or `ps -o args`)'],
  });
  return { ...build(text, withoutExpanded(cpu, expansions), context, true, [...several, d]), cpuWord: word.span, cpuExpansion: expansion, commandCount: withCpu.length };
}

/** The machine type from a -machine value: `pc-q35-7.2,accel=kvm` or `type=pc-q35-7.2,...`. */
function machineType(value: string): string | undefined {
  for (const part of value.split(',')) {
    if (part.startsWith('type=')) return part.slice(5);
  }
  const first = value.split(',')[0];
  return first && !first.includes('=') ? first : undefined;
}

function build(source: string, cpu: CpuParse | null, context: ConfigContext, commandLine: boolean, extra: ParsedConfig['diagnostics']): QemuParsed {
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
