import { CATALOG } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import type { GuestDecode } from '../guest/decode.js';
import { decodeGuest } from '../guest/decode.js';
import { compareWithGuest } from '../guest/expect.js';
import { hex32 } from '../guest/leaves.js';
import { hostLeavesOf } from '../host/index.js';
import { diagnosticToJson, findingLines, parseOrReport, writeJson } from './common.js';
import { readHostFile } from './host-file.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { fromOption, jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { fileArgument } from './spec.js';
import { printable } from '../util/printable.js';
import type { InputLimitFlags } from './max-bytes.js';
import { inputLimit, MAX_BYTES_OPTION } from './max-bytes.js';

interface DecodeFlags extends InputLimitFlags {
  expect?: string;
  from?: string;
  machine?: string;
  host?: string;
  json?: boolean;
}

const name = (id: keyof typeof CATALOG) => CATALOG[id].qemu.name;

export async function runDecode(arg: string, flags: DecodeFlags, io: Io): Promise<number> {
  const input = await readInput(arg, io, inputLimit(flags));
  const guest = decodeGuest(input.text);
  let expectDiags: Diagnostic[] | null = null;
  if (flags.expect) {
    const config = await readInput(flags.expect, io, inputLimit(flags));
    const read = parseOrReport(config, flags.from, flags.json, io, inputLimit(flags));
    if ('exit' in read) return read.exit;
    const { parsed } = read;
    const host = flags.host ? readHostFile(flags.host, io, inputLimit(flags)) : undefined;
    const hostLeaves = host ? hostLeavesOf(host) : undefined;
    const machine = flags.machine ?? parsed.context.machine;
    expectDiags = compareWithGuest(parsed.set, guest, {
      ...(machine ? { machine } : {}),
      ...(hostLeaves ? { hostLeaves } : {}),
    });
  }
  const all = [...guest.diagnostics, ...(expectDiags ?? [])];
  if (flags.json) writeJson(io, decodeToJson(guest, expectDiags));
  else io.stdout(renderDecode(guest, input.name, expectDiags));
  if (guest.evidence === 'none') return EXIT.USAGE;
  return hasErrors(all) ? EXIT.FINDINGS : EXIT.OK;
}

const diagJson = (d: Diagnostic) => diagnosticToJson(d, '');

export function decodeToJson(g: GuestDecode, expect: Diagnostic[] | null) {
  return {
    source: g.source,
    evidence: g.evidence,
    identification: g.identification,
    summary: g.summary,
    vendor: g.vendor,
    kvmBase: g.kvmBase === null ? null : hex32(g.kvmBase),
    linuxDetected: g.linuxDetected,
    features: g.features,
    values: g.values,
    ambiguous: g.ambiguous.map((a) => ({
      leaf: hex32(a.leaf),
      reg: a.reg,
      mask: hex32(a.mask),
      names: a.names,
      candidates: a.candidates,
    })),
    unknown: g.unknown,
    invisible: g.invisible,
    clock: g.clock,
    ...(Object.keys(g.meta).length ? { meta: g.meta } : {}),
    diagnostics: g.diagnostics.map(diagJson),
    ...(expect ? { expect: expect.map(diagJson) } : {}),
  };
}

export function renderDecode(g: GuestDecode, source: string, expect: Diagnostic[] | null): string {
  const out = [`${source}: ${g.source}`, `Guest: ${g.summary}`];
  if (g.linuxDetected) out.push(`Linux detected: ${g.linuxDetected}`);
  if (g.identification === 'hyperv') {
    out.push(`Active: ${g.features.map(name).join(', ') || 'none'}`);
    const values = Object.entries(g.values).map(
      ([id, v]) =>
        `${name(id as keyof typeof CATALOG)}=${typeof v === 'number' ? `${v} (0x${(v >>> 0).toString(16)})` : JSON.stringify(v)}`,
    );
    if (values.length) out.push(`Values: ${values.join(', ')}`);
  }
  for (const a of g.ambiguous)
    out.push(
      `Ambiguous: ${hex32(a.leaf)}.${a.reg.toUpperCase()} ${a.names.join(', ')} belongs to ${a.candidates.map(name).join(' or ')}, none of them complete`,
    );
  if (g.unknown.length) {
    out.push('', 'Not shown by this evidence:');
    const byReason = new Map<string, string[]>();
    for (const u of g.unknown) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), name(u.feature)]);
    for (const [reason, ids] of byReason) out.push(`  ${ids.join(', ')}: ${reason}`);
  }
  out.push('', 'Never visible from inside a guest:', ...g.invisible.map((x) => `  ${name(x.feature)}: ${x.reason}`));
  if (g.clock.note)
    out.push(
      '',
      `Clock: ${g.clock.note}${g.clock.available?.length ? ` (available: ${g.clock.available.join(' ')})` : ''}`,
    );
  const diags = [...g.diagnostics, ...(expect ?? [])];
  if (expect)
    out.push(
      '',
      expect.some((d) => d.severity !== 'info')
        ? 'Against the configuration:'
        : 'Against the configuration: it matches (as far as this evidence shows)',
    );
  else if (diags.length) out.push('');
  for (const line of findingLines(diags)) out.push(line);
  return `${out.map((line) => printable(line)).join('\n')}\n`;
}

export const decodeCommand: CommandSpec = {
  name: 'decode',
  summary: 'which enlightenments a guest really has, from its boot log, a CPUID dump or a guest-script report',
  arguments: [
    fileArgument(
      'input',
      'a file or `-` for stdin: dmesg/journal text, `cpuid -r` output, a table of leaves, or guest-script output',
    ),
  ],
  options: [
    MAX_BYTES_OPTION,
    {
      flags: '--expect <config>',
      description: 'compare with this configuration (a file or the text itself, any syntax)',
      file: true,
    },
    fromOption('the syntax of --expect, when detection is not enough'),
    { flags: '--machine <type>', description: 'the machine type of --expect, when it does not say' },
    { flags: '--host <file>', description: 'a probe file of the host, for --expect in passthrough mode', file: true },
    jsonOption('print {"features": [...], ...} as JSON'),
  ],
  examples: [
    'enlighten guest-script linux > g.sh   # run g.sh in the guest, save its output as report.txt',
    'enlighten decode report.txt',
    'dmesg | enlighten decode -',
    'cpuid -r | enlighten decode --expect vm.xml -',
  ],
  notes: `Exit status: 0 fine, 1 the guest lacks configured enlightenments (or values differ),
2 bad usage or nothing recognisable in the input.`,
  run: (args, flags, io) => runDecode(args[0]!, flags as DecodeFlags, io),
};
