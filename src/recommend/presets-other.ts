/** Linux, the workload overlays, and the sets of the RHEL guide and QEMU's documentation. */
import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import { SRC, cite } from '../catalog/sources.js';
import type { Preset, PresetChoice } from './preset-types.js';
import type { Reason } from './types.js';

const LINUX: Reason = {
  reason:
    "Linux on KVM detects KVM first (KVM's leaves sit above Hyper-V's, and kvm_detect wins) and uses kvmclock, PV EOI, PV TLB flush and PV IPIs instead; the 2014 blog post: with Linux on KVM the native paravirt extensions are preferred",
  source: cite('blogVirtXml', 'linuxKvmDetect', 'linuxMshyperv'),
};

export const linux: Preset = {
  name: 'linux',
  summary: "Linux guests: none, they use KVM's own paravirtual features",
  source: LINUX.source,
  kind: 'base',
  features: {},
  leftOut: Object.fromEntries(PRINT_ORDER.filter((id) => CATALOG[id].identification).map((id) => [id, LINUX])),
};

export const nestedHyperv: Preset = {
  name: 'nested-hyperv',
  summary:
    'Hyper-V, WSL2 or VBS inside a Windows guest: evmcs (Intel), direct timers and TLB flush, the MSR bitmap, vmx/svm',
  source: cite('qemuDocs', 'proxmoxEvmcs', 'nestedReports'),
  kind: 'overlay',
  guest: { family: 'windows', from: '8' },
  features: {
    evmcs: {
      value: true,
      onlyIf: { vendor: 'intel' },
      reason:
        'faster nested exits (20,850 -> 19,400 cycles per cpuid in the nested guest); Proxmox added it for Windows 11 after VBS froze on Intel hosts',
      source: cite('talkEnlightening', 'proxmoxEvmcs'),
    },
    'stimer-direct': {
      value: true,
      reason: 'Hyper-V inside the guest can only use synthetic timers in direct mode',
      source: SRC.qemuDocs,
    },
    'tlbflush-direct': {
      value: true,
      reason: "KVM handles the nested guest's TLB flush hypercalls without exiting to the Hyper-V inside",
      source: SRC.qemuDocs,
    },
    'emsr-bitmap': {
      value: true,
      reason: 'KVM and the Hyper-V inside skip needless MSR-bitmap updates on nested exits',
      source: SRC.qemuDocs,
    },
    frequencies: {
      value: true,
      reason: 'with reenlightenment, lets the Hyper-V inside give its own guests a stable clock',
      source: SRC.qemuDocs,
    },
    reenlightenment: {
      value: true,
      reason: 'the Hyper-V inside keeps a stable clock for its guests across TSC changes',
      source: SRC.qemuDocs,
    },
  },
  leftOut: {
    evmcs: {
      reason: 'Intel only: say --cpu-vendor intel or --host auto to get it on an Intel host',
      source: SRC.qemuDocs,
    },
  },
  cpuFlags: { intel: 'vmx', amd: 'svm' },
};

export const gpuPassthrough: Preset = {
  name: 'gpu-passthrough',
  summary:
    'A passed-through NVIDIA GPU in a Windows guest: a vendor id and a hidden KVM signature against Code 43 (drivers before R465)',
  source: cite('gpuReports', ['novaDriver', 'hide_hypervisor_id']),
  kind: 'overlay',
  guest: { family: 'windows', from: 'vista' },
  features: {
    'vendor-id': {
      value: '1234567890ab',
      reason:
        'NVIDIA\'s Windows drivers stop with Code 43 when they recognise the hypervisor; any vendor but "Microsoft Hv" will do (this is Nova\'s)',
      source: cite(['novaDriver', 'hide_hypervisor_id uses 1234567890ab'], 'gpuReports'),
    },
    'kvm-hidden': {
      value: true,
      reason:
        "hide KVM's signature too, before installing the driver: NVIDIA's GeForce drivers before R465 stop with Code 43 when they find it (R465 and later, from April 2021, support passthrough and no longer need it)",
      source: cite('nvidiaGeforceVm', 'gpuReports'),
    },
  },
};

/** The RHEL guide's set, as written (Red Hat, RHEL 10), hypervclock timer included. */
export const rhelGuide: Preset = {
  name: 'rhel-guide',
  summary: "The RHEL guide's set, as written",
  source: SRC.rhelGuide,
  kind: 'base',
  features: Object.fromEntries(
    (
      [
        ['relaxed', true],
        ['vapic', true],
        ['spinlocks', 8191],
        ['vendor-id', 'KVM Hv'],
        ['vpindex', true],
        ['runtime', true],
        ['synic', true],
        ['stimer', true],
        ['stimer-direct', true],
        ['frequencies', true],
        ['reset', true],
        ['tlbflush', true],
        ['reenlightenment', true],
        ['ipi', true],
        ['evmcs', true],
        ['time', true],
      ] as const
    ).map(([id, value]) => [id, { value, reason: "in the RHEL guide's set", source: SRC.rhelGuide }]),
  ),
};

const QEMU_RECS = cite(['qemuDocs', 'Recommendations']);
const qemuAll: [FeatureId, PresetChoice][] = PRINT_ORDER.filter(
  (id) =>
    CATALOG[id].kind === 'bool' &&
    CATALOG[id].qemu.desc !== null &&
    !['syndbg', 'reset', 'evmcs', 'avic', 'reenlightenment'].includes(id),
).map((id) => [
  id,
  {
    value: true,
    reason: 'QEMU recommends every implemented enlightenment but syndbg, passthrough and enforce-cpuid',
    source: QEMU_RECS,
  },
]);

/** QEMU's own Recommendations section, read literally. */
export const qemuRecommended: Preset = {
  name: 'qemu-recommended',
  summary: "QEMU's documented recommendation: everything implemented, with its stated exceptions",
  source: QEMU_RECS,
  kind: 'base',
  features: {
    ...Object.fromEntries(qemuAll),
    spinlocks: {
      value: 8191,
      reason: 'QEMU: around 0xfff when host CPUs are overcommitted; 8191 otherwise, as the peers do',
      source: QEMU_RECS,
    },
    evmcs: { value: true, onlyIf: { vendor: 'intel' }, reason: 'QEMU: "evmcs on Intel only"', source: QEMU_RECS },
    avic: {
      value: true,
      onlyIf: { capability: 'apicv' },
      reason: 'QEMU: avic only if the hardware has APICv/AVIC',
      source: QEMU_RECS,
    },
    reenlightenment: {
      value: true,
      reason: 'QEMU: only with TSC scaling or when migration is not needed',
      source: QEMU_RECS,
    },
  },
  leftOut: {
    reset: { reason: 'QEMU: reset "can be avoided"', source: QEMU_RECS },
    syndbg: { reason: 'QEMU leaves syndbg out of its recommendation', source: QEMU_RECS },
    evmcs: {
      reason: 'QEMU: evmcs on Intel only, and the host vendor is unknown (say --cpu-vendor intel)',
      source: QEMU_RECS,
    },
  },
};
