/**
 * Why enlighten leaves each feature out unless a preset, the guest, the host or the workload asks
 * for it. Complete by construction: one entry per catalog feature.
 */
import type { FeatureId } from '../catalog/index.js';
import { SRC, cite } from '../catalog/sources.js';
import type { Reason } from './types.js';

const NOT_ENLIGHTENMENT: Reason = {
  reason: 'not an enlightenment: it only changes what the guest is told about the hypervisor version',
  source: SRC.qemuDocs,
};
const EXPERIMENTAL: Reason = {
  reason: 'an experimental QEMU property (x- prefix), not a stable interface',
  source: SRC.qemuProps,
};
const NESTED = (what: string): Reason => ({
  reason: `${what}; only a guest that runs Hyper-V itself uses it (--nested-hyperv)`,
  source: SRC.qemuDocs,
});

export const LEFT_OUT = {
  time: { reason: 'this guest does not use the Hyper-V clock', source: SRC.qemuDocs },
  passthrough: {
    reason:
      "the set would follow whatever the host's KVM offers and QEMU blocks migration; enlighten lists the features instead (QEMU: for development)",
    source: SRC.qemuDocs,
  },
  relaxed: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  vapic: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  spinlocks: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  vpindex: { reason: 'nothing here needs it', source: SRC.qemuTable },
  runtime: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  synic: { reason: 'nothing here needs it', source: SRC.qemuDocs },
  stimer: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  'stimer-direct': NESTED('direct-mode timers'),
  reset: {
    reason: 'QEMU: it "can be avoided"; Windows does not reboot through it, and virt-install leaves it out',
    source: cite(['qemuDocs', 'Recommendations'], 'virtManagerDefaults'),
  },
  'vendor-id': {
    reason:
      'Windows does not care about the vendor, and any value other than "Microsoft Hv" hides Hyper-V from Linux; --gpu-passthrough sets one',
    source: cite('talkEnlightening', 'linuxMshyperv'),
  },
  frequencies: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  reenlightenment: {
    reason:
      'nested-specific, and a live migration fails without a fixed tsc-frequency once the guest uses it (Nova users hit this; KubeVirt, after its users did, pins the frequency itself or marks the VM not live-migratable); --nested-hyperv adds it',
    source: cite('novaReenlightenment', 'kubevirtReenlightenment', 'kubevirtTscFrequency', 'qemuDocs'),
  },
  tlbflush: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  'tlbflush-direct': NESTED('direct TLB flushes for nested guests'),
  'tlbflush-ext': {
    reason:
      'QEMU 7.1 or later, no peer turns it on by default, and its gain outside nested setups is unmeasured; the qemu-recommended preset has it',
    source: cite('virtManagerDefaults', 'proxmoxCpu', 'kubevirtPreferences', 'novaDriver'),
  },
  ipi: { reason: 'this guest does not need it', source: SRC.qemuDocs },
  evmcs: NESTED('enlightened VMCS, Intel only, which also turns posted interrupts off'),
  avic: {
    reason: 'only useful with APICv/AVIC on in KVM: say --host auto, --host FILE or --apicv yes',
    source: SRC.qemuDocs,
  },
  'emsr-bitmap': NESTED('the enlightened MSR bitmap'),
  'xmm-input': {
    reason: 'QEMU 7.1 or later and no peer turns it on by default; the qemu-recommended preset has it',
    source: cite('virtManagerDefaults', 'proxmoxCpu', 'kubevirtPreferences', 'novaDriver'),
  },
  crash: {
    reason:
      'under KVM the crash MSR write shuts the guest down, so Windows writes no crash dump (QEMU docs); libvirt spells it as a panic device',
    source: SRC.qemuDocs,
  },
  syndbg: {
    reason: 'a kernel-debugger channel that needs a VMBus device; QEMU leaves it out of its recommendation',
    source: SRC.qemuDocs,
  },
  'no-nonarch-coresharing': {
    reason: '"on" is safe only with vCPU pinning and a correct topology, and "auto" blocks migration',
    source: SRC.qemuDocs,
  },
  'enforce-cpuid': {
    reason: 'QEMU leaves it out of its recommendation',
    source: cite(['qemuDocs', 'Recommendations']),
  },
  'version-id-build': NOT_ENLIGHTENMENT,
  'version-id-major': NOT_ENLIGHTENMENT,
  'version-id-minor': NOT_ENLIGHTENMENT,
  'version-id-spack': NOT_ENLIGHTENMENT,
  'version-id-sbranch': NOT_ENLIGHTENMENT,
  'version-id-snumber': NOT_ENLIGHTENMENT,
  'x-max-vps': EXPERIMENTAL,
  'x-synic-kvm-only': EXPERIMENTAL,
  'kvm-hidden': {
    reason:
      "not an enlightenment: it hides KVM's signature, which only NVIDIA's GeForce drivers before R465 need (--gpu-passthrough adds it)",
    source: cite('nvidiaGeforceVm', 'gpuReports'),
  },
} as const satisfies Record<FeatureId, Reason>;
