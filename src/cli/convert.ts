import { hasErrors } from '../diagnostics/index.js';
import {
  diagnosticsToJson,
  exitFor,
  formatById,
  parseInputs,
  printDiagnostics,
  printUnreadable,
  writeJson,
} from './common.js';
import { printable } from '../util/printable.js';
import { convertToTarget, targetOptions } from './convert-target.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import { fromOption, INPUT_ARGUMENT, jsonOption, kindFor, kindOption, styleOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { printableSyntaxIds } from './values.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';
import type { ParseFlags } from './parse-options.js';
import { companionOption, parseOptionsFrom, QEMU_VERSION_OPTION, VENDOR_OPTION } from './parse-options.js';

interface ConvertFlags extends ParseFlags {
  to?: string;
  from?: string;
  style?: string;
  kind?: string;
  json?: boolean;
  into?: string;
  libvirtVersion?: string;
  capabilities?: string;
}

export async function runConvert(arg: string, flags: ConvertFlags, io: Io): Promise<number> {
  if (!flags.to) throw new UsageError('convert needs --to', 'for example: enlighten convert --to qemu vm.xml');
  const target = formatById(flags.to, '--to', 'print');
  const kind = kindFor(target, flags.kind);
  const input = await readInput(arg, io, inputLimit(flags));
  const { configs, noun } = parseInputs(input, flags.from, inputLimit(flags), parseOptionsFrom(flags, io));
  const outs: { text: string; failed: boolean }[] = [];
  for (const { read, label, format } of configs) {
    if (configs.length > 1) io.stderr(`== ${printable(input.name)}: ${label}\n`);
    if (!read.ok) {
      if (flags.json) writeJson(io, { diagnostics: diagnosticsToJson(read.diagnostics, input.text) });
      else printUnreadable(io, read.diagnostics, input.text, input.name);
      return exitFor(read.diagnostics);
    }
    const parsed = read.value;
    if (parsed.diagnostics.some((d) => d.severity === 'error')) {
      if (flags.json) writeJson(io, { diagnostics: diagnosticsToJson(parsed.diagnostics, parsed.source) });
      else printDiagnostics(io, parsed.diagnostics, parsed, format, input.name);
      return exitFor(parsed.diagnostics);
    }
    const opts = {
      input: parsed,
      ...(flags.style ? { style: flags.style } : {}),
      ...(kind ? { kind } : {}),
      ...targetOptions(flags, io, format, target),
    };
    const out = convertToTarget(flags, io, parsed, format, target, opts);
    const notes = [...parsed.diagnostics, ...out.diagnostics];
    if (notes.length) printDiagnostics(io, notes, parsed, format, input.name);
    outs.push({ text: out.text, failed: hasErrors(out.diagnostics) });
  }
  // The two domains of virt-install --print-xml usually give the same result: print it once.
  const same = outs.every((o) => o.text === outs[0]!.text);
  if (configs.length > 1)
    io.stderr(
      same
        ? `the ${configs.length} ${noun} give the same ${target.id} output: printed once\n`
        : `printed the ${configs.length} ${noun}' ${target.id} outputs in order\n`,
    );
  for (const o of same ? outs.slice(0, 1) : outs) io.stdout(`${o.text}\n`);
  return outs.some((o) => o.failed) ? EXIT.FINDINGS : EXIT.OK;
}

export const convertCommand: CommandSpec = {
  name: 'convert',
  summary: 'translate a configuration into another syntax',
  arguments: [INPUT_ARGUMENT],
  options: [
    MAX_BYTES_OPTION,
    {
      flags: '--to <syntax>',
      description: 'the output syntax (qemu, json, ...)',
      required: true,
      values: printableSyntaxIds,
      closed: true,
    },
    fromOption(),
    styleOption(
      'qemu: modern (hv-relaxed=on) or legacy (hv_relaxed); virt-xml: modern (hyperv.relaxed.state=on) or legacy (hyperv_relaxed=on)',
    ),
    kindOption(),
    jsonOption('print input errors as JSON'),
    {
      flags: '--into <file>',
      description: 'merge into this configuration of the --to syntax and print it whole (the file is untouched)',
      file: true,
    },
    {
      flags: '--libvirt-version <x.y>',
      description: 'the libvirt release to follow (default: the installed one, else the newest enlighten knows)',
    },
    {
      flags: '--capabilities <file>',
      description: 'domain capabilities (virsh domcapabilities) for host-model CPUs and Hyper-V modes',
      file: true,
    },
    VENDOR_OPTION,
    QEMU_VERSION_OPTION,
    companionOption(),
  ],
  examples: [
    "enlighten convert --to qemu 'host,hv_relaxed,hv_spinlocks=0x1fff'",
    "enlighten convert --to qemu --style legacy '-cpu host,hv-relaxed=on'",
    "enlighten convert --to json 'host,hv_relaxed,hv_vendor_id=KVM Hv'",
    'enlighten convert --to qemu vm.xml',
    "enlighten convert --to libvirt --libvirt-version 9.0 'host,hv-relaxed=on,hv-time=on'",
    "enlighten convert --to libvirt --into vm.xml '-cpu host,hv_stimer,hv_synic,hv_vpindex,hv_time'",
    "enlighten convert --to virt-xml --style legacy '-cpu host,hv_relaxed,hv_vapic,hv_time'",
  ],
  notes: `--to qemu prints the -cpu value alone, on one line. --to virt-xml prints virt-xml commands, one
change option each; from a libvirt domain, the commands that build its set on another domain ($VM).`,
  run: (args, flags, io) => runConvert(args[0]!, flags as ConvertFlags, io),
};
