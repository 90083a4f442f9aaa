import { makeDiagnostic } from '../../diagnostics/index.js';
import type { Span } from '../../diagnostics/index.js';
import { emptySet } from '../../model/index.js';
import type { ConfigContext, ParsedConfig } from '../types.js';
import type { CpuParse } from './parse-cpu.js';
import { parseCpuValue } from './parse-cpu.js';
import { splitShell, wordSpan } from './shell.js';
import type { ShellWord } from './shell.js';

export interface QemuParsed extends ParsedConfig {
  format: 'qemu';
  cpu: CpuParse | null;
  /** True when the input was a whole command line rather than a bare -cpu value. */
  commandLine: boolean;
  /** Where the -cpu value's word sits in the source (command lines only). */
  cpuWord?: Span;
}

const CPU_OPTIONS = new Set(['-cpu', '--cpu']);
const MACHINE_OPTIONS = new Set(['-machine', '--machine', '-M']);

/** True when the text looks like a QEMU command line (it has a -cpu or -machine option, or starts with qemu). */
export function looksLikeQemuCommandLine(text: string): boolean {
  const words = splitShell(text).words.map((w) => w.value);
  return words.some((w) => CPU_OPTIONS.has(w) || MACHINE_OPTIONS.has(w)) || /(^|\/)qemu(-system-\w+|-kvm)?$/.test(words[0] ?? '');
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
  const words = split.words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.value;
    if (CPU_OPTIONS.has(w) && words[i + 1]) cpuWord = words[++i];
    else if (MACHINE_OPTIONS.has(w) && words[i + 1]) machine = machineType(words[++i]!.value);
  }
  const context: ConfigContext = machine ? { machine } : {};
  if (!cpuWord) {
    const d = makeDiagnostic('NO_CPU_ARGUMENT', 'this QEMU command line has no -cpu argument, so no Hyper-V enlightenment is set', {
      notes: ['add -cpu MODEL,hv-relaxed=on,... (see `enlighten recommend --to qemu`)'],
    });
    return build(text, null, context, true, [d]);
  }
  const word = cpuWord;
  const cpu = parseCpuValue(word.value, (from, to): Span => wordSpan(word, from, to));
  return { ...build(text, cpu, context, true, []), cpuWord: word.span };
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
    if (item.key === 'kvm' && (item.value === 'off' || item.value === 'false' || item.value === 'no')) ctx.kvmHidden = true;
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
