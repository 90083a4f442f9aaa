import { CATALOG } from '../catalog/index.js';
import { annotateCpuid } from '../guest/annotate.js';
import type { CpuidResult } from '../guest/cpuid.js';
import { computeCpuid } from '../guest/cpuid.js';
import { REGISTERS, hex32, leavesToJson, sortedLeaves } from '../guest/leaves.js';
import type { LinuxLogView } from '../guest/linux-log.js';
import { linuxBootLog } from '../guest/linux-log.js';
import { hostLeavesOf } from '../host/index.js';
import { parseOrReport, printDiagnostics, writeJson } from './common.js';
import { readHostFile } from './host-file.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { fromOption, INPUT_ARGUMENT, jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { printable } from '../util/printable.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';
import { renderTable } from './table.js';

interface CpuidFlags extends InputLimitFlags {
  from?: string;
  machine?: string;
  host?: string;
  linuxLog?: boolean;
  json?: boolean;
}

export async function runCpuid(arg: string, flags: CpuidFlags, io: Io): Promise<number> {
  const input = await readInput(arg, io, inputLimit(flags));
  const read = parseOrReport(input, flags.from, flags.json, io, inputLimit(flags));
  if ('exit' in read) return read.exit;
  const { parsed, format } = read;
  const host = flags.host ? readHostFile(flags.host, io, inputLimit(flags)) : undefined;
  const hostLeaves = host ? hostLeavesOf(host) : undefined;
  const machine = flags.machine ?? parsed.context.machine;
  const result = computeCpuid(parsed.set, {
    ...(machine ? { machine } : {}),
    ...(hostLeaves ? { hostLeaves } : {}),
  });
  const log = flags.linuxLog ? linuxBootLog(result.leaves) : null;
  if (flags.json) {
    writeJson(io, {
      format: format.id,
      ...(machine ? { machine } : {}),
      identification: result.identification,
      kvmBase: result.kvmBase === null ? null : hex32(result.kvmBase),
      needsHost: result.needsHost,
      leaves: leavesToJson(result.leaves),
      hostDependent: result.hostDependent.map((h) => ({ leaf: hex32(h.leaf), regs: h.regs, reason: h.reason })),
      annotations: annotateCpuid(result).map((a) => ({ leaf: hex32(a.leaf), title: a.title, notes: a.notes })),
      ...(log ? { linuxLog: log } : {}),
    });
    return EXIT.OK;
  }
  if (parsed.diagnostics.length) printDiagnostics(io, parsed.diagnostics, parsed, format, input.name);
  io.stdout(
    log
      ? renderLinuxLog(log)
      : renderCpuid(result, `${input.name} (${format.id}${machine ? `, machine ${machine}` : ''})`),
  );
  return EXIT.OK;
}

export function renderCpuid(result: CpuidResult, title: string): string {
  const out: string[] = [];
  const kvm = result.kvmBase === null ? "KVM's signature hidden" : `KVM's leaves at ${hex32(result.kvmBase)}`;
  out.push(`${printable(title)}: Hyper-V identification ${result.identification ? 'on' : 'off'}; ${kvm}`);
  if (result.needsHost) out.push('', `The Hyper-V leaves are not shown: ${result.needsHost}.`);
  const rows = sortedLeaves(result.leaves).map(([leaf, r]) => [
    hex32(leaf),
    ...REGISTERS.map((x) => (r[x] === undefined ? '(host)' : hex32(r[x]!))),
  ]);
  out.push('', renderTable(['leaf', ...REGISTERS], rows).trimEnd(), '');
  for (const a of annotateCpuid(result)) {
    out.push(`${hex32(a.leaf)}  ${a.title}`);
    const cells = a.notes.map((n) => [
      `  ${n.reg}`,
      n.where,
      n.what,
      n.feature ? CATALOG[n.feature].qemu.name : n.defaultOf ? `${CATALOG[n.defaultOf].qemu.name} default` : '',
    ]);
    if (cells.length) out.push(renderTable(['', '', '', ''], cells).split('\n').slice(1).join('\n').trimEnd());
  }
  for (const h of result.hostDependent)
    out.push('', `(host) ${hex32(h.leaf)} ${h.regs.map((r) => r.toUpperCase()).join(', ')}: ${h.reason}.`);
  return `${out.join('\n')}\n`;
}

export function renderLinuxLog(log: LinuxLogView): string {
  const out = [`Linux's hypervisor detection picks: ${log.detected ?? 'none'} (${log.why}).`];
  if (!log.eras.length) out.push('', "No Hyper-V line would be printed: these leaves are not Hyper-V's to Linux.");
  else
    out.push(
      '',
      log.hyperv
        ? 'A Linux guest prints, depending on its kernel:'
        : 'With KVM hidden (kvm=off) a Linux guest would print, depending on its kernel:',
    );
  for (const era of log.eras) out.push('', `  ${era.label}:`, ...era.lines.map((l) => `    ${l}`));
  if (log.notes.length) out.push('', ...log.notes.map((n) => `Note: ${n}.`));
  return `${out.join('\n')}\n`;
}

export const cpuidCommand: CommandSpec = {
  name: 'cpuid',
  summary: 'show the CPUID leaves the guest will see for a configuration, annotated bit by bit',
  arguments: [INPUT_ARGUMENT],
  options: [
    MAX_BYTES_OPTION,
    fromOption('the input syntax, when detection is not enough (qemu, json, ...)'),
    { flags: '--machine <type>', description: 'the machine type (pc-q35-6.1 and older report Hyper-V 6.1.7100)' },
    { flags: '--host <file>', description: 'a probe file (enlighten probe --json), for passthrough mode', file: true },
    { flags: '--linux-log', description: 'print the Hyper-V lines a Linux guest of each kernel era would log' },
    jsonOption('print {"leaves": {"0x40000003": {"eax": ...}}, ...} as JSON'),
  ],
  examples: [
    "enlighten cpuid 'host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex'",
    'enlighten cpuid --machine pc-q35-6.1 vm.args',
    'enlighten cpuid --linux-log vm.xml',
    `enlighten cpuid --json --host host.json '{"mode": "passthrough"}'`,
  ],
  notes: `Registers shown as (host) depend on the CPU model and the host.
Exit status: 0 fine, 1 the configuration has errors, 2 bad usage or unreadable input.`,
  run: (args, flags, io) => runCpuid(args[0]!, flags as CpuidFlags, io),
};
