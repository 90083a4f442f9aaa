/** The Windows presets: modern (10, 11, Server 2016-2025), legacy (Vista to 8.1, Server 2008-2012 R2), XP. */
import type { FeatureId } from '../catalog/index.js';
import { SRC, cite } from '../catalog/sources.js';
import type { Preset, PresetChoice } from './preset-types.js';
import type { Reason } from './types.js';

/** The default Windows sets of virt-install, Proxmox, KubeVirt and Nova. */
const PEERS = ['virtManagerDefaults', 'proxmoxCpu', 'kubevirtPreferences', 'novaDriver'] as const;

/** The set every Windows from Vista on benefits from; the reasons are the users' and the docs'. */
const windowsCore = {
  time: {
    value: true,
    reason:
      'exit-less timekeeping through the reference TSC page: about 17,600 cycles per clock_gettime without it, 430 with it',
    source: SRC.talkEnlightening,
  },
  relaxed: {
    value: true,
    reason: 'stops the watchdog blue screens (CLOCK_WATCHDOG_TIMEOUT) Windows has on loaded hosts',
    source: cite('rhelGuide', 'blogVirtXml'),
  },
  vapic: { value: true, reason: 'exit-less end-of-interrupt through the VP assist page', source: SRC.qemuDocs },
  spinlocks: {
    value: 8191,
    reason:
      'paravirtual spinlocks; 8191 (0x1fff) is what the RHEL guide, virt-install, Proxmox, KubeVirt and Nova all use',
    source: cite('rhelGuide', ...PEERS),
  },
  vpindex: { value: true, reason: 'synic, stimer, tlbflush and ipi need it', source: SRC.qemuTable },
  runtime: {
    value: true,
    reason: 'lets Windows see the time stolen from it while the host ran something else',
    source: SRC.qemuDocs,
  },
  synic: { value: true, reason: 'synthetic timers need it', source: SRC.qemuDocs },
  stimer: {
    value: true,
    reason:
      'without synthetic timers Windows falls back to HPET or the RTC and burns host CPU while idle (users: 30-40% down to 1-3%)',
    source: SRC.idleCpuReports,
  },
  frequencies: {
    value: true,
    reason:
      'Windows reads its TSC and APIC frequencies instead of measuring them; virt-install, KubeVirt and Nova turn it on',
    source: cite('qemuDocs', ...PEERS),
  },
  tlbflush: {
    value: true,
    reason:
      'remote TLB flushes without waking every vCPU, a gain that grows with overcommit; Proxmox keeps it opt-in after blue screens on old CPUs, so it is left out on hosts known to lack AVX2',
    source: cite('talkEnlightening', 'proxmoxTlbflush'),
  },
  ipi: {
    value: true,
    reason: 'one hypercall reaches many vCPUs instead of one APIC write and exit per target',
    source: SRC.talkEnlightening,
  },
  avic: {
    value: true,
    onlyIf: { capability: 'apicv' },
    reason: 'APICv/AVIC is on in KVM, so SynIC can keep hardware APIC virtualization instead of AutoEOI',
    source: SRC.qemuDocs,
  },
} as const satisfies Partial<Record<FeatureId, PresetChoice>>;

export const windowsModern: Preset = {
  name: 'windows-modern',
  summary: 'Windows 10 and 11, Server 2016 to 2025: every enlightenment they use, none that costs',
  source: cite(['qemuDocs', 'Recommendations'], 'rhelGuide', ...PEERS),
  kind: 'base',
  features: windowsCore,
};

export const windowsLegacy: Preset = {
  name: 'windows-legacy',
  summary: 'Windows Vista to 8.1, Server 2008 to 2012 R2: the same core set (Proxmox gives Vista and 2008 less)',
  source: cite('blogVirtXml', ...PEERS.filter((p) => p !== 'proxmoxCpu'), ['proxmoxCpu', 'win7+']),
  kind: 'base',
  features: {
    ...windowsCore,
    stimer: {
      value: true,
      reason:
        'synthetic timers: Windows 8 runs SynIC in periodic mode, and Proxmox turns synic and stimer on from Windows 7',
      source: cite('rhelGuide', ...PEERS),
    },
  },
};

const XP: Reason = {
  reason:
    'Windows XP and Server 2003 predate Hyper-V and never read its CPUID leaves (only Vista/Server 2008 and later use enlightenments; Proxmox gives them none)',
  source: cite('blogVirtXml', ...PEERS),
};

export const windowsXp: Preset = {
  name: 'windows-xp',
  summary: 'Windows XP and Server 2003: none, they do not know Hyper-V',
  source: XP.source,
  kind: 'base',
  features: {},
  leftOut: Object.fromEntries(Object.keys(windowsCore).map((id) => [id, XP])),
};
