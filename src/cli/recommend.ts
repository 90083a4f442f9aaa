import { formatCitation } from '../catalog/index.js';
import { toJsonSet } from '../model/index.js';
import { compareWithPeer } from '../recommend/compare.js';
import { PEERS, findPeer } from '../recommend/peers.js';
import { PRESETS, findPreset } from '../recommend/presets.js';
import { printRecommendation } from '../recommend/print.js';
import { recommend } from '../recommend/recommend.js';
import { formatById, unknownName, writeJson } from './common.js';
import type { TargetFlags } from './host-options.js';
import { readTargetOptions, targetOptions } from './host-options.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './io.js';
import { compareText, explainRecommendation } from './recommend-text.js';
import { jsonOption, kindFor, kindOption, styleOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { peerIds, presetNames, printableSyntaxIds } from './values.js';
import { printable } from '../util/printable.js';
import { resolveLibvirtVersion } from './virsh.js';

interface RecommendFlags extends TargetFlags {
  to?: string;
  style?: string;
  kind?: string;
  preset?: string;
  tscFrequency?: string;
  json?: boolean;
  explain?: boolean;
  compare?: string;
}

function checkNames(flags: RecommendFlags): void {
  if (flags.preset && !findPreset(flags.preset)) {
    throw unknownName(
      `--preset ${flags.preset}: unknown preset`,
      flags.preset,
      PRESETS.map((p) => p.name),
    );
  }
  if (flags.compare && !findPeer(flags.compare)) {
    throw unknownName(
      `--compare ${flags.compare}: unknown tool`,
      flags.compare,
      PEERS.map((p) => p.id),
    );
  }
}

export async function runRecommend(flags: RecommendFlags, io: Io): Promise<number> {
  checkNames(flags);
  const format = formatById(flags.to ?? 'qemu', '--to', 'print');
  const kind = kindFor(format, flags.kind);
  const options = readTargetOptions(flags, io);
  if (format.readBy === 'libvirt' && !options.libvirtVersion) options.libvirtVersion = resolveLibvirtVersion();
  let tscFrequency: number | undefined;
  if (flags.tscFrequency !== undefined) {
    tscFrequency = Number(flags.tscFrequency);
    if (!Number.isInteger(tscFrequency) || tscFrequency <= 0)
      throw new UsageError(
        `--tsc-frequency ${flags.tscFrequency}: expected a frequency in Hz`,
        'for example --tsc-frequency 2400000000',
      );
  }
  const result = recommend({
    ...options,
    target: format.id,
    ...(flags.preset ? { preset: flags.preset } : {}),
    ...(tscFrequency ? { tscFrequency } : {}),
  });
  const printed = printRecommendation(result, format, {
    ...(flags.style ? { style: flags.style } : {}),
    ...(kind ? { kind } : {}),
    ...(options.libvirtVersion ? { libvirtVersion: options.libvirtVersion } : {}),
    ...(options.os ? { os: options.os } : {}),
  });
  if (flags.compare) {
    const vendor = options.cpuVendor ?? options.host?.vendor;
    const cmp = compareWithPeer(result, findPeer(flags.compare)!, vendor);
    if (flags.json) writeJson(io, { ...toJsonSet(result.set), comparison: cmp });
    else io.stdout(compareText(result, cmp));
    return EXIT.OK;
  }
  if (flags.json) {
    writeJson(io, {
      ...toJsonSet(result.set),
      preset: result.preset,
      overlays: result.overlays,
      ...(result.os ? { os: result.os } : {}),
      reasons: result.choices.map((c) => ({
        feature: c.feature,
        value: c.value,
        stage: c.stage,
        reason: c.reason,
        source: formatCitation(c.source),
      })),
      extras: result.extras.windowsClock
        ? {
            ...result.extras,
            windowsClock: {
              reason: result.extras.windowsClock.reason,
              source: formatCitation(result.extras.windowsClock.source),
            },
          }
        : result.extras,
      notes: result.notes,
      ...(format.printsSetJson ? {} : { [format.id]: printed.text }),
    });
    return EXIT.OK;
  }
  io.stdout(`${printed.text}\n`);
  if (flags.explain) io.stdout(`\n${explainRecommendation({ ...result, notes: printed.notes }, format.id)}`);
  else for (const n of printed.notes) io.stderr(`note: ${n}\n`);
  for (const d of printed.diagnostics) io.stderr(`${d.severity}[${d.code}]: ${printable(d.message)}\n`);
  return EXIT.OK;
}

export const recommendCommand: CommandSpec = {
  name: 'recommend',
  summary: 'the enlightenments to use for a guest, host, workload and target, each with its reason',
  options: [
    ...targetOptions(),
    {
      flags: '--to <syntax>',
      description: 'the output syntax: qemu (default), libvirt, virt-xml or json',
      values: printableSyntaxIds,
      closed: true,
    },
    styleOption('qemu: modern (hv-relaxed=on) or legacy (hv_relaxed)'),
    kindOption(),
    {
      flags: '--preset <name>',
      description: `start from a preset instead of the guest's: ${presetNames().join(', ')}`,
      values: presetNames,
      closed: true,
    },
    { flags: '--tsc-frequency <hz>', description: 'a fixed TSC frequency, which keeps reenlightenment migratable' },
    { flags: '--explain', description: 'print every feature chosen or left out, with its reason and source' },
    {
      flags: '--compare <tool>',
      description: `show what ${peerIds().join(', ')} would enable for the same guest, and why enlighten differs`,
      values: peerIds,
      closed: true,
    },
    jsonOption('print {"mode", "features"} as convert --to json does, plus the reasons'),
  ],
  examples: [
    'enlighten recommend --os win11 --cpu-vendor intel',
    'enlighten recommend --os win2k22 --to libvirt --migratable --explain',
    'enlighten recommend --os win10 --nested-hyperv --cpu-vendor amd --to json',
    'enlighten recommend --os win11 --compare proxmox',
    'enlighten recommend --host auto --os win10 --overcommitted',
  ],
  notes: 'The output always passes `enlighten check` with the same options.',
  run: (_args, flags, io) => runRecommend(flags as RecommendFlags, io),
};
