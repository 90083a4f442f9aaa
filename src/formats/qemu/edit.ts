import { PRINT_ORDER } from '../../catalog/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { PrintResult } from '../types.js';
import type { QemuParsed } from './parse.js';
import type { CpuItem, QemuStyle } from './parse-cpu.js';
import { printQemuItem } from './print.js';
import { quoteShell } from './shell.js';

/**
 * The -cpu value with the set applied item by item: items whose feature keeps its value stay
 * exactly as written, changed ones are rewritten in the input's style, unset ones dropped, and
 * new ones appended in print order.
 */
function editCpuValue(parsed: QemuParsed, set: EnlightenmentSet, style: QemuStyle): string {
  const cpu = parsed.cpu;
  const items: CpuItem[] = cpu?.items ?? [];
  const out: string[] = cpu?.model ? [cpu.model] : [];
  const written = new Set<string>();
  // The last item for a feature is the one in effect; earlier ones are kept only if unchanged.
  for (const item of items) {
    if (!item.feature) {
      out.push(item.raw);
      continue;
    }
    const now = getValue(set, item.feature);
    const was = getValue(parsed.set, item.feature);
    if (now === undefined) continue;
    if (now === was) out.push(item.raw);
    else if (!written.has(item.feature) && items.filter((i) => i.feature === item.feature).at(-1) === item) out.push(printQemuItem(item.feature, now, style));
    else continue;
    written.add(item.feature);
  }
  for (const id of PRINT_ORDER) {
    const v = getValue(set, id);
    if (v !== undefined && !written.has(id)) out.push(printQemuItem(id, v, style));
  }
  return out.join(',');
}

/** Applies the set to the original text, touching only the -cpu value. */
export function editQemu(parsed: QemuParsed, set: EnlightenmentSet, styleOverride?: QemuStyle): PrintResult {
  const style = styleOverride ?? parsed.cpu?.style ?? 'modern';
  const value = editCpuValue(parsed, set, style);
  const src = parsed.source;
  if (!parsed.commandLine) {
    const start = src.length - src.trimStart().length;
    const end = src.trimEnd().length;
    return { text: src.slice(0, start) + value + src.slice(end), diagnostics: [] };
  }
  const word = parsed.cpuWord;
  if (!word) {
    // No -cpu yet: QEMU's default model is qemu64; add the option after the program name.
    const first = /^\s*\S+/.exec(src);
    const at = first ? first[0].length : 0;
    return { text: `${src.slice(0, at)} -cpu ${quoteShell(`qemu64,${value}`)}${src.slice(at)}`, diagnostics: [] };
  }
  const original = src.slice(word.start, word.end);
  const quoted = original.startsWith("'") && !value.includes("'") ? `'${value}'` : quoteShell(value);
  return { text: src.slice(0, word.start) + quoted + src.slice(word.end), diagnostics: [] };
}
