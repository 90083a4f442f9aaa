import { CATALOG } from '../catalog/index.js';
import type { HostProbe } from '../host/index.js';
import { probeHost } from '../host/probe.js';
import { findingLines, writeJson } from './common.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';

interface ProbeFlags {
  json?: boolean;
  libvirt?: boolean;
  tools?: boolean;
}

export async function runProbe(flags: ProbeFlags, io: Io): Promise<number> {
  const probe = probeHost({ libvirtEmbedded: flags.libvirt !== false, skipTools: flags.tools === false, env: io.env });
  if (flags.json) writeJson(io, probe);
  else io.stdout(renderProbe(probe));
  return probe.findings.some((f) => f.severity === 'error') ? EXIT.FINDINGS : EXIT.OK;
}

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? 'unknown' : v ? yes : no);

export function renderProbe(p: HostProbe): string {
  const caps = Object.entries(p.hyperv.capabilities);
  const notRead = p.kvm.present
    ? p.kvm.usable
      ? 'not read'
      : 'not read: /dev/kvm is not usable'
    : 'not read: no /dev/kvm';
  const capLine =
    caps.length === 0
      ? notRead
      : caps.every(([, v]) => v === 0)
        ? `all ${caps.length} KVM_CAP_HYPERV* capabilities are 0`
        : caps.map(([k, v]) => `${k.replace('KVM_CAP_', '')}=${v}`).join(' ');
  const rows: [string, string][] = [
    [
      'KVM',
      p.kvm.present
        ? `/dev/kvm present, ${p.kvm.usable ? `usable (API ${p.kvm.apiVersion})` : `not usable: ${p.kvm.error}`}${p.kvm.module ? `, module ${p.kvm.module}` : ''}`
        : 'no /dev/kvm',
    ],
    ['Hyper-V', `${yesNo(p.hyperv.supported, 'supported', 'not supported')}: ${p.hyperv.reason}`],
    ['', capLine],
    [
      '',
      `KVM_GET_SUPPORTED_HV_CPUID: ${p.hyperv.cpuid.available ? `read (${p.hyperv.cpuid.via} ioctl)` : p.hyperv.cpuid.error ? `unavailable (${p.hyperv.cpuid.error})` : notRead}`,
    ],
    ['', `features this KVM offers: ${p.hyperv.features.map((id) => CATALOG[id].qemu.name).join(', ') || 'none'}`],
    [
      'Kernel',
      `${p.kernel.release ?? 'unknown'}${p.kernel.kvmHypervConfig ? `, CONFIG_KVM_HYPERV=${p.kernel.kvmHypervConfig} (${p.kernel.configSource})` : ''}`,
    ],
    [
      'CPU',
      `${p.cpu.model ?? 'unknown'} (${p.cpu.vendorId ?? 'unknown vendor'})${p.cpu.hypervisor.present ? `; this host is itself a guest${p.cpu.hypervisor.signature ? ` of ${p.cpu.hypervisor.signature}` : ''}` : ''}`,
    ],
    [
      'Nested',
      p.cpu.nested.source
        ? `${yesNo(p.cpu.nested.enabled, 'on', 'off')} (${p.cpu.nested.source})`
        : `unknown: ${p.cpu.nested.module ?? 'no KVM module'} has no nested parameter`,
    ],
    [
      'APICv/AVIC',
      p.cpu.apicv.source
        ? `${p.cpu.apicv.kind} ${yesNo(p.cpu.apicv.enabled, 'on', 'off')} (${p.cpu.apicv.source})`
        : `unknown: ${p.cpu.nested.module ?? 'no KVM module'} has no APICv/AVIC parameter`,
    ],
    [
      'SMT',
      `${p.cpu.smt.control ?? 'unknown'}${p.cpu.smt.active === null ? '' : p.cpu.smt.active ? ' (active)' : ' (inactive)'}`,
    ],
    [
      'TSC',
      [p.cpu.tsc.constant && 'constant', p.cpu.tsc.nonstop && 'nonstop', p.cpu.tsc.knownFreq && 'known frequency']
        .filter(Boolean)
        .join(', ') || 'no invariant TSC flags',
    ],
    [
      'Clocksource',
      `${p.clocksource.current ?? 'unknown'} (available: ${p.clocksource.available.join(' ') || 'unknown'})`,
    ],
    [
      'QEMU',
      p.qemu.available
        ? `${p.qemu.version} (${p.qemu.binary})`
        : `not found${p.qemu.error && p.qemu.error !== 'not asked' ? '' : ' (not asked)'}`,
    ],
    [
      'libvirt',
      p.libvirt.available
        ? `${p.libvirt.version}; Hyper-V in domcapabilities: ${p.libvirt.hyperv ? `${p.libvirt.hyperv.supported ? '' : 'unsupported, '}${p.libvirt.hyperv.features.join(', ') || 'no features'}` : `not read (${p.libvirt.error})`}`
        : (p.libvirt.error ?? 'not found'),
    ],
    ['Native helper', p.native.available ? (p.native.path ?? '') : `unavailable: ${p.native.error}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const out = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  out.push(
    '',
    p.findings.length
      ? 'What this means:'
      : 'What this means: nothing stands in the way of the enlightenments this KVM offers.',
  );
  out.push(...findingLines(p.findings));
  return `${out.join('\n')}\n`;
}

export const probeCommand: CommandSpec = {
  name: 'probe',
  summary:
    'what this host can give a guest: KVM and its Hyper-V support, CPU, nesting, APICv/AVIC, SMT, clocksource, QEMU, libvirt',
  options: [
    jsonOption('print the probe as JSON (what recommend --host and check --host-file read)'),
    {
      flags: '--no-libvirt',
      description: "skip libvirt's embedded driver when no libvirt daemon runs (saves about 4 s)",
    },
    { flags: '--no-tools', description: 'skip QEMU and libvirt entirely' },
  ],
  examples: ['enlighten probe', 'enlighten probe --json > host.json', 'enlighten recommend --host host.json'],
  notes: `Reads /proc, /sys and, through a small helper built with the package (dist/kvm-hv-probe), the KVM
ioctls KVM_CHECK_EXTENSION and KVM_GET_SUPPORTED_HV_CPUID. Changes nothing.
Exit status: 0 fine, 1 a finding of severity error (no KVM, or KVM without Hyper-V), 2 bad usage.`,
  run: (_args, flags, io) => runProbe(flags as ProbeFlags, io),
};
