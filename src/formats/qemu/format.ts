import type { FormatEntry } from '../types.js';
import { featureByQemuName } from '../../catalog/index.js';
import type { QemuParsed } from './parse.js';
import { looksLikeCpuValue, looksLikeQemuCommandLine, parseQemu } from './parse.js';
import { printQemuCpu, spellQemuChange } from './print.js';
import { editQemu } from './edit.js';
import type { QemuStyle } from './parse-cpu.js';
import { qemuExample, spellQemu } from './spell.js';

function styleOf(parsed: unknown): QemuStyle {
  return (parsed as Partial<QemuParsed>).cpu?.style ?? 'modern';
}

export const qemuFormat: FormatEntry<'qemu'> = {
  id: 'qemu',
  describes: 'a QEMU -cpu value or command line',
  readBy: 'qemu',
  versions: { program: 'QEMU', releases: '7.2', measured: "x86_cpu_parse_featurestr and the real qemu-system-x86_64 (test/support/qemu.ts)" },
  detect(text) {
    const t = text.trim();
    if (looksLikeQemuCommandLine(t)) return 3;
    return looksLikeCpuValue(t) ? 2 : 0;
  },
  parse: parseQemu,
  spell: spellQemu,
  spellChange: (parsed) => (feature, value) => spellQemuChange(feature, value, styleOf(parsed)),
  featureNamed: featureByQemuName,
  example: { label: 'QEMU', write: qemuExample, none: 'no spelling' },
  print(set, opts) {
    const input = opts.input?.format === 'qemu' ? (opts.input as QemuParsed) : undefined;
    const style = (opts.style as QemuStyle | undefined) ?? 'modern';
    const extras = input?.cpu?.items.filter((i) => !i.feature && !/^(x[-_])?hv[-_]/.test(i.key)).map((i) => i.raw) ?? [];
    const model = input ? input.context.cpuModel : undefined;
    return printQemuCpu(set, { style, model: model ?? null, extras });
  },
  edit: (parsed, set, opts) => editQemu(parsed as QemuParsed, set, opts.style as QemuStyle | undefined),
};
