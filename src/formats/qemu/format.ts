import type { ConfigPiece, FormatEntry } from '../types.js';
import { MAX_PIECES } from '../types.js';
import { heredocPieces } from '../pieces.js';
import { blankInside } from '../../util/blank.js';
import { CATALOG, featureByQemuName } from '../../catalog/index.js';
import { qemuCommands, scriptWords } from './commands.js';
import { hasCpuArgument } from './parse.js';
import type { QemuParsed } from './parse.js';
import { looksLikeCpuValue, looksLikeQemuCommandLine, parseQemu } from './parse.js';
import { printQemuCpu, spellQemuChange } from '../../syntax/qemu-cpu/print.js';
import { editQemu } from './edit.js';
import type { QemuStyle } from '../../syntax/qemu-cpu/parse.js';
import { qemuExample, spellQemu } from './spell.js';

function styleOf(parsed: unknown): QemuStyle {
  return (parsed as Partial<QemuParsed>).cpu?.style ?? 'modern';
}

export const qemuFormat: FormatEntry<'qemu'> = {
  id: 'qemu',
  describes: 'a QEMU -cpu value or command line',
  readBy: 'qemu',
  versions: {
    program: 'QEMU',
    releases: '7.2',
    measured: 'x86_cpu_parse_featurestr and the real qemu-system-x86_64 (test/support/qemu.ts)',
  },
  // Command lines saved to a file (`virsh domxml-to-native` output, enlighten's examples) and launch scripts.
  extensions: ['.args', '.sh'],
  detect(text) {
    if (looksLikeQemuCommandLine(text)) return 3; // the same text parse reads: its words are read once
    return looksLikeCpuValue(text.trim()) ? 2 : 0;
  },
  parse: parseQemu,
  cpuFlags: { host: '-cpu host' },
  hostRefusal(feature, noHyperv) {
    if (noHyperv)
      return 'with KVM_CAP_HYPERV at 0, QEMU drops Hyper-V flags without a word, and refuses to start when one needs an MSR (QEMU 7.2, measured: VP_INDEX, the reference TSC page)';
    const desc = CATALOG[feature].qemu.desc;
    return desc ? `QEMU refuses it: "Hyper-V ${desc} is not supported by kernel"` : 'QEMU drops it or refuses to start';
  },
  spell: spellQemu,
  spellChange: (parsed) => (feature, value) => spellQemuChange(feature, value, styleOf(parsed)),
  featureNamed: featureByQemuName,
  example: { label: 'QEMU', write: qemuExample, none: 'no spelling' },
  print(set, opts) {
    const input = opts.input?.format === 'qemu' ? (opts.input as QemuParsed) : undefined;
    const style = (opts.style as QemuStyle | undefined) ?? 'modern';
    // A -cpu input keeps its own items; any other input says what it needs in its context.
    const ctx = opts.input?.context;
    const extras = input?.cpu
      ? input.cpu.items.filter((i) => !i.feature && !/^(x[-_])?hv[-_]/.test(i.key)).map((i) => i.raw)
      : [
          ...(ctx?.cpuFlags ?? []).map((f) => `+${f}`),
          ...(ctx?.tscFrequency ? [`tsc-frequency=${ctx.tscFrequency}`] : []),
        ];
    const model = ctx?.cpuModel;
    return printQemuCpu(set, { style, model: model ?? null, extras });
  },
  split(text) {
    const embedded = heredocPieces(text);
    const commands = qemuCommands(text, scriptWords(text).words).filter((c) => hasCpuArgument(c.argv));
    if (commands.length < 2 && !embedded.length) return undefined;
    const spans = commands.map((c) => ({ start: c.words[0]!.span.start, end: c.words.at(-1)!.span.end }));
    const shown = spans.slice(0, MAX_PIECES + 1);
    const own: ConfigPiece[] =
      commands.length < 2
        ? [{ text: () => text, span: { start: 0, end: text.length }, kind: 'QEMU command' }]
        : shown.map((span, i) => ({
            text: () =>
              blankInside(
                text,
                spans.filter((_, k) => k !== i),
              ),
            span,
            kind: 'QEMU command',
          }));
    return [...own, ...embedded].slice(0, MAX_PIECES + 1);
  },
  edit: (parsed, set, opts) => editQemu(parsed as QemuParsed, set, opts.style as QemuStyle | undefined),
};
