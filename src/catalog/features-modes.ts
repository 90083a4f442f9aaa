import { defineFeatures } from './define.js';
import { SRC, cite } from './sources.js';

/** Supplementary properties: passthrough mode, CPUID enforcement, core sharing and QEMU's x- knobs. */
export const modeFeatures = defineFeatures({
  passthrough: {
    qemu: { name: 'hv-passthrough' },
    libvirt: { kind: 'mode', mode: 'passthrough' },
    summary: "Give the guest every enlightenment this host's KVM supports (blocks migration)",
    description:
      'Turns on every enlightenment the host KVM supports and copies its spinlock and vendor ' +
      'values, overriding every other hv- setting. The set depends on the host, so QEMU blocks ' +
      'migration ("\'hv-passthrough\' CPU flag prevents migration"). Good for development, not for fleets.',
    identification: true,
    migration: {
      when: 'always',
      reason:
        'the enlightenments come from the host, so they may differ on the destination; QEMU adds a migration blocker',
      failsAt: 'source',
      source: cite([
        'qemuInitVcpu',
        '"\'hv-passthrough\' CPU flag prevents migration, use explicit set of hv-* flags instead"',
      ]),
    },
    setsMode: 'passthrough',
    since: { qemu: null, libvirt: '8.0.0' },
    sources: {
      spelling: SRC.qemuProps,
      behaviour: cite(['qemuExpand', 'hv-passthrough']),
      since: SRC.libvirtDocs,
      description: SRC.qemuDocs,
    },
  },
  'enforce-cpuid': {
    qemu: { name: 'hv-enforce-cpuid' },
    libvirt: null,
    summary: 'Let the guest use only the enlightenments its CPUID announces',
    description:
      'By default KVM lets the guest use every Hyper-V feature it supports once any is exposed. ' +
      'With this, only the announced ones work (KVM_CAP_HYPERV_ENFORCE_CPUID).',
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuProps, description: SRC.qemuDocs },
  },
  'no-nonarch-coresharing': {
    kind: 'on-off-auto',
    default: false,
    qemu: { name: 'hv-no-nonarch-coresharing' },
    libvirt: null,
    summary: 'Promise that vCPUs share a core only as SMT siblings (on, off, auto)',
    description:
      'Tells the guest that virtual processors never share a physical core unless reported as SMT ' +
      'siblings, which Windows uses to choose its SMT mitigations. "on" is only safe with a correct ' +
      'vCPU topology and pinning; "auto" copies what KVM reports (SMT off on the host) and blocks migration.',
    cpuid: [
      {
        leaf: 0x40000004,
        reg: 'eax',
        mask: 1 << 18,
        names: ['HV_X64_NO_NONARCH_CORESHARING'],
        onlyForValue: true,
      },
    ],
    migration: {
      when: 'value',
      value: 'auto',
      reason:
        'with "auto" the bit comes from the host SMT state, which may differ on the destination; QEMU adds a migration blocker',
      failsAt: 'source',
      source: cite('qemuInitVcpu', 'qemuDocs'),
    },
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuProps, cpuid: SRC.qemuFill, migration: SRC.qemuTable, description: SRC.qemuDocs },
  },
  'x-max-vps': {
    kind: 'int32',
    default: -1,
    qemu: { name: 'x-hv-max-vps' },
    libvirt: null,
    summary: 'Experimental: maximum virtual processors reported in CPUID 0x40000005',
    description:
      'QEMU\'s experimental knob for the "maximum virtual processors" value (default -1, shown as 0xffffffff).',
    cpuidValue: { leaf: 0x40000005, reg: 'eax', shift: 0, width: 32 },
    experimental: true,
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuProps, cpuid: SRC.qemuFill },
  },
  'x-synic-kvm-only': {
    qemu: { name: 'x-hv-synic-kvm-only' },
    libvirt: null,
    summary: 'Experimental: SynIC for KVM only (no messages and events, no vpindex check)',
    description:
      "QEMU's experimental knob: synic without message posting and event signalling, and without " +
      'the synic -> vpindex check.',
    experimental: true,
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuProps, behaviour: SRC.qemuFill },
  },
});
