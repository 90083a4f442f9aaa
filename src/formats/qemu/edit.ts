import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { PrintResult } from '../types.js';
import type { QemuParsed } from './parse.js';
import { looksLikeCpuValue } from './parse.js';
import type { CpuItem, QemuStyle } from '../../syntax/qemu-cpu/parse.js';
import { printQemuItem, unprintableQemuValue } from '../../syntax/qemu-cpu/print.js';
import { quoteShell } from '../../syntax/shell/split.js';

/**
 * The -cpu value with the set applied item by item: items whose feature keeps its value stay
 * exactly as written, changed ones are rewritten in the input's style, unset ones dropped, and
 * new ones appended in print order. An item whose value could not be read (a spinlock count that is no number)
 * is kept as written unless the set gives its feature a value. A value QEMU could not take back
 * (a comma in a string) is not written: the old item stays and `problems` says why.
 */
function editCpuValue(parsed: QemuParsed, set: EnlightenmentSet, style: QemuStyle, problems: Diagnostic[]): string {
  const cpu = parsed.cpu;
  const items: CpuItem[] = cpu?.items ?? [];
  const out: string[] = cpu?.model ? [cpu.model] : [];
  const written = new Set<string>();
  const last = new Map<FeatureId, CpuItem>();
  for (const item of items) if (item.feature) last.set(item.feature, item);
  const printable = (id: FeatureId, value: FeatureValue): boolean => {
    const problem = unprintableQemuValue(id, value);
    if (problem) problems.push(problem);
    return problem === null;
  };
  // The last item for a feature is the one in effect; earlier ones are kept only if unchanged.
  for (const item of items) {
    if (!item.feature) {
      out.push(item.raw);
      continue;
    }
    const now = getValue(set, item.feature);
    const was = getValue(parsed.set, item.feature);
    if (now === undefined && was === undefined)
      out.push(item.raw); // unreadable, and nobody asked to change it
    else if (now === undefined) continue;
    else if (now === was) out.push(item.raw);
    else if (!written.has(item.feature) && last.get(item.feature) === item)
      out.push(printable(item.feature, now) ? printQemuItem(item.feature, now, style) : item.raw);
    else continue;
    written.add(item.feature);
  }
  for (const id of PRINT_ORDER) {
    const v = getValue(set, id);
    if (v !== undefined && !written.has(id) && printable(id, v)) out.push(printQemuItem(id, v, style));
  }
  return out.join(',');
}

/**
 * Why the -cpu value cannot be edited without changing what it means, or null: a command line
 * with no -cpu (where to put one is a choice for its author), or a -cpu word the shell expands
 * (`"$CPU,hv-relaxed"`): rewriting it would drop or freeze the expansion.
 */
function refuseEdit(parsed: QemuParsed): Diagnostic | null {
  if (parsed.commandLine && !parsed.cpuWord) {
    return makeDiagnostic(
      'NOT_EDITABLE',
      'this QEMU command line has no -cpu argument, and enlighten does not choose where one goes',
      {
        severity: 'error',
        notes: ['add `-cpu host` (or your CPU model) to the QEMU command by hand, then run the command again'],
      },
    );
  }
  if (!parsed.commandLine && !looksLikeCpuValue(parsed.source.trim())) {
    return makeDiagnostic(
      'NOT_EDITABLE',
      'this text is not a -cpu value (one line naming a CPU model or carrying hv-* items) nor a QEMU command line',
      {
        severity: 'error',
        notes: ['give the QEMU command line, or the -cpu value alone'],
      },
    );
  }
  if ((parsed.commandCount ?? 0) > 1) {
    return makeDiagnostic(
      'NOT_EDITABLE',
      `this text holds ${parsed.commandCount} QEMU commands with a -cpu, and enlighten does not guess which to change`,
      {
        severity: 'error',
        notes: ['put each QEMU command in its own file, or change the -cpu values by hand'],
      },
    );
  }
  if (parsed.cpuExpansion?.resolved) {
    const { span, text } = parsed.cpuExpansion;
    return makeDiagnostic(
      'NOT_EDITABLE',
      `the -cpu value is built from ${text}: enlighten reads it, but changing it means changing those assignments, and enlighten changes one only when it is a literal the script uses once`,
      {
        severity: 'error',
        span,
        notes: [
          'change the assignments by hand (`enlighten check` shows what is missing), or write the whole -cpu value into one variable used only there',
        ],
      },
    );
  }
  if (parsed.cpuExpansion) {
    const { span, text } = parsed.cpuExpansion;
    return makeDiagnostic(
      'NOT_EDITABLE',
      `the -cpu value is built by the shell (${text}): enlighten reads its literal parts but cannot change it without changing what the shell makes of it`,
      {
        severity: 'error',
        span,
        notes: [
          'change the -cpu value, or the variables it is built from, by hand; `enlighten check` shows what is missing',
        ],
      },
    );
  }
  return null;
}

/** Applies the set to the original text, touching only the -cpu value. */
export function editQemu(parsed: QemuParsed, set: EnlightenmentSet, styleOverride?: QemuStyle): PrintResult {
  const style = styleOverride ?? parsed.cpu?.style ?? 'modern';
  const src = parsed.source;
  const refusal = refuseEdit(parsed);
  if (refusal) return { text: src, diagnostics: [refusal] };
  const problems: Diagnostic[] = [];
  const value = editCpuValue(parsed, set, style, problems);
  if (!parsed.commandLine) {
    const start = src.length - src.trimStart().length;
    const end = src.trimEnd().length;
    return { text: src.slice(0, start) + value + src.slice(end), diagnostics: problems };
  }
  const word = parsed.cpuWord!;
  const original = src.slice(word.start, word.end);
  const quoted =
    original.startsWith("'") && !value.includes("'")
      ? `'${value}'`
      : original.startsWith('"') && !/["$`\\!]/.test(value)
        ? `"${value}"`
        : quoteShell(value);
  return { text: src.slice(0, word.start) + quoted + src.slice(word.end), diagnostics: problems };
}
