/**
 * `convert --to proxmox` and `recommend --to proxmox`: the configuration lines that make
 * qemu-server build the set (`ostype`, `cpu`, `machine` where it matters), or `qm set` with
 * `--style qm`. What Proxmox cannot say without `args:` is said, with that line.
 */
import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { emptySet, getValue } from '../../model/index.js';
import { parseCpuValue } from '../../syntax/qemu-cpu/parse.js';
import { printQemuCpu } from '../../syntax/qemu-cpu/print.js';
import { quoteShell } from '../../syntax/shell/split.js';
import type { PrintOptions, PrintResult } from '../types.js';
import { buildCpu } from './cfg2cpu.js';
import { entryOf } from './conf.js';
import { CPU_KEYS, PVE_VENDOR_ID, VENDOR_KEY, VM_HV_FLAGS } from './express.js';
import type { Version } from './machine.js';
import { highestRevision, NEWEST_QEMU, parseVersion } from './machine.js';
import { ostypeFor } from './ostypes.js';
import type { ProxmoxParsed } from './parse.js';
import { partOf } from './property-string.js';

const CANDIDATES = ['win11', 'win10', 'win8', 'win7', 'w2k8', 'wxp', 'l26'];
const ADJUSTABLE = new Set<FeatureId>([
  ...(Object.keys(VM_HV_FLAGS) as FeatureId[]),
  ...(Object.keys(CPU_KEYS) as FeatureId[]),
]);

/** The set qemu-server builds for an ostype, machine and model. */
function derived(
  ostype: string,
  machine: string | undefined,
  model: string,
  vendor: string,
  qemu: Version,
): EnlightenmentSet {
  const span = { start: 0, end: 0 };
  const built = buildCpu(
    {
      ostype: { value: ostype, span },
      cpu: { span, cputype: model, cputypeSpan: span },
      ...(machine ? { machine: { value: machine, span } } : {}),
    },
    { hostVendor: vendor, qemu },
  );
  return built.value ? parseCpuValue(built.value, () => span).set : emptySet();
}

function mismatches(target: EnlightenmentSet, got: EnlightenmentSet): FeatureId[] {
  return (Object.keys(CATALOG) as FeatureId[]).filter(
    (f) => !ADJUSTABLE.has(f) && getValue(target, f) !== getValue(got, f),
  );
}

export function printProxmox(set: EnlightenmentSet, opts: PrintOptions): PrintResult {
  // A configuration this folder read (recommend hands a bare set labelled with the target's id).
  const input = opts.input && 'built' in opts.input ? (opts.input as ProxmoxParsed) : undefined;
  const diagnostics: Diagnostic[] = [];
  const vendor = input?.assumptions.hostVendor ?? 'GenuineIntel';
  const qemu = parseVersion(input?.assumptions.qemu ?? NEWEST_QEMU)!;
  const inputCpu = input?.cpuParts ? partOf(input.cpuParts, 'cputype')?.value : undefined;
  const ctxModel = opts.input?.context.cpuModel;
  const model = inputCpu ?? (ctxModel && /^[A-Za-z0-9_.-]+$/.test(ctxModel) ? ctxModel : undefined);
  const evalModel = model ?? 'kvm64';
  const written = input ? entryOf(input.conf.current, 'machine')?.value : undefined;
  const preferred = input
    ? entryOf(input.conf.current, 'ostype')?.value
    : opts.os
      ? ostypeFor(opts.os)
      : opts.input?.context.guestOs?.id
        ? ostypeFor(opts.input.context.guestOs.id)
        : undefined;
  const rev = highestRevision(qemu.major, qemu.minor);
  const latest = `pc-q35-${qemu.major}.${qemu.minor}${rev ? `+pve${rev}` : ''}`;
  const machines = input ? [written] : [undefined, latest];
  let best: { ostype: string; machine: string | undefined; got: EnlightenmentSet; miss: FeatureId[] } | undefined;
  for (const machine of machines)
    for (const ostype of [...(preferred ? [preferred] : []), ...CANDIDATES]) {
      const got = derived(ostype, machine, evalModel, vendor, qemu);
      const miss = mismatches(set, got);
      if (!best || miss.length < best.miss.length) best = { ostype, machine, got, miss };
    }
  const choice = best!;
  const cpuParts: string[] = [];
  const flags: string[] = [];
  for (const f of Object.keys(VM_HV_FLAGS) as FeatureId[]) {
    const want = getValue(set, f);
    const has = getValue(choice.got, f);
    if (want === has) continue;
    if (want === true) flags.push(`+${VM_HV_FLAGS[f]}`);
    else flags.push(`-${VM_HV_FLAGS[f]}`);
  }
  const args: FeatureId[] = [...choice.miss];
  const vendorId = getValue(set, 'vendor-id');
  if (typeof vendorId === 'string') {
    if (PVE_VENDOR_ID.test(vendorId)) cpuParts.push(`${VENDOR_KEY}=${vendorId}`);
    else args.push('vendor-id');
  }
  if (getValue(set, 'kvm-hidden') === true) cpuParts.push('hidden=1');
  if (flags.length) cpuParts.unshift(`flags=${flags.join(';')}`);
  const lines: [string, string][] = [];
  let ostype = choice.ostype;
  if (args.length && !preferred) {
    // args: carries the set; ostype still gives the Windows defaults outside -cpu (timers, the clock).
    ostype = (Object.keys(set.features) as FeatureId[]).some((f) => getValue(set, f) === true)
      ? 'win11'
      : choice.ostype;
    diagnostics.push(
      makeDiagnostic('DERIVED_SETTING', `ostype ${ostype}: assumed for a Windows guest; write the guest's own ostype`, {
        notes: [
          'args: -cpu decides the enlightenments; ostype decides the other Windows defaults (the RTC in local time, no HPET)',
        ],
      }),
    );
  }
  if (args.length) {
    const cpu = printQemuCpu(set, { style: 'legacy', model: model ?? 'host' });
    diagnostics.push(...cpu.diagnostics);
    lines.push(['args', `-cpu ${cpu.text}`]);
    diagnostics.push(
      makeDiagnostic(
        'NOT_EXPRESSIBLE',
        `Proxmox cannot express this set through ostype and cpu: (the closest, ostype ${choice.ostype}, ${describeMisses(args, set, choice.got)}), so it is written as args: -cpu, which replaces the whole -cpu qemu-server builds`,
        {
          severity: 'warning',
          notes: [
            'qemu-server appends args: to its command line and QEMU uses the last -cpu; keep ostype for the other Windows defaults (timers, the clock)',
          ],
        },
      ),
    );
  } else if (cpuParts.length || (model && !inputCpu) || inputCpu) {
    lines.push(['cpu', [model ?? 'kvm64', ...cpuParts].join(',')]);
  }
  const needsMachine = !input && choice.machine !== undefined;
  if (needsMachine) lines.push(['machine', choice.machine!]);
  lines.push(['ostype', ostype]);
  if (needsMachine)
    diagnostics.push(
      makeDiagnostic(
        'DERIVED_SETTING',
        `machine ${choice.machine}: the set needs a machine version a Windows VM is not pinned to by default`,
        {
          notes: [
            `qemu-server pins a Windows VM without a machine version to 5.1 (or its creating QEMU's version); change it with the VM shut down`,
          ],
        },
      ),
    );
  if (opts.style === 'qm') {
    const words = lines.map(([k, v]) => `--${k} ${quoteShell(v)}`);
    return { text: `qm set $VMID ${words.join(' ')}`, diagnostics };
  }
  return { text: lines.map(([k, v]) => `${k}: ${v}`).join('\n'), diagnostics };
}

/** `lacks hv-frequencies and adds hv-reset, which the set leaves out`. */
function describeMisses(misses: readonly FeatureId[], want: EnlightenmentSet, got: EnlightenmentSet): string {
  const name = (f: FeatureId) => CATALOG[f].qemu.name;
  const extra = misses.filter((f) => getValue(got, f) !== undefined && getValue(want, f) === undefined);
  const other = misses.filter((f) => !extra.includes(f));
  return [
    ...(other.length
      ? [`lacks ${other.map((f) => `${name(f)}${getValue(want, f) === false ? '=off' : ''}`).join(', ')}`]
      : []),
    ...(extra.length ? [`adds ${extra.map(name).join(', ')}, which the set leaves out`] : []),
  ].join(' and ');
}
