import { defineFeatures } from './define.js';
import { nestedHost, QEMU_TABLE_SOURCES, SRC, cite } from './sources.js';

/** Features aimed at a guest that runs Hyper-V itself, and the frequency and XMM extras. */
export const nestedFeatures = defineFeatures({
  frequencies: {
    qemu: { name: 'hv-frequencies', desc: 'frequency MSRs (hv-frequencies)' },
    libvirt: { kind: 'hyperv', element: 'frequencies' },
    summary: 'TSC and APIC frequency MSRs: no calibration at boot',
    description: 'Gives the guest its TSC and APIC timer frequencies, so it need not measure them at boot.',
    cpuid: [
      { leaf: 0x40000003, reg: 'eax', mask: 1 << 11, names: ['HV_ACCESS_FREQUENCY_MSRS'] },
      { leaf: 0x40000003, reg: 'edx', mask: 1 << 8, names: ['HV_FEATURE_FREQUENCY_MSRS_AVAILABLE'] },
    ],
    msrs: [
      { number: 0x40000022, name: 'HV_X64_MSR_TSC_FREQUENCY' },
      { number: 0x40000023, name: 'HV_X64_MSR_APIC_FREQUENCY' },
    ],
    identification: true,
    since: { qemu: '2.12', libvirt: '4.7.0' },
    sources: { ...QEMU_TABLE_SOURCES },
  },
  reenlightenment: {
    qemu: { name: 'hv-reenlightenment', desc: 'reenlightenment MSRs (hv-reenlightenment)' },
    libvirt: { kind: 'hyperv', element: 'reenlightenment' },
    summary: 'TSC-change notifications for Hyper-V inside the guest (migration needs tsc-frequency)',
    description:
      'Notifies a guest that runs Hyper-V when the TSC frequency changes (only on migration), so its ' +
      'own guests keep a stable clock. KVM does not emulate the old TSC after migration, so a fixed ' +
      'tsc-frequency (or TSC scaling on the destination) is needed; Nova and KubeVirt users saw ' +
      'live migrations fail without it.',
    cpuid: [{ leaf: 0x40000003, reg: 'eax', mask: 1 << 13, names: ['HV_ACCESS_REENLIGHTENMENT'] }],
    msrs: [
      { number: 0x40000106, name: 'HV_X64_MSR_REENLIGHTENMENT_CONTROL' },
      { number: 0x40000107, name: 'HV_X64_MSR_TSC_EMULATION_CONTROL' },
      { number: 0x40000108, name: 'HV_X64_MSR_TSC_EMULATION_STATUS' },
    ],
    recommendedWith: ['frequencies'],
    identification: true,
    nestedOnly: true,
    migration: {
      when: 'needs-tsc-frequency',
      reason:
        'KVM does not emulate the old TSC frequency after migration; without a fixed tsc-frequency ' +
        '(and the same frequency or TSC scaling on the destination) the migration fails',
      failsAt: 'destination',
      onlyIf:
        'the guest turned reenlightenment on, which Hyper-V inside the guest (WSL2, VBS, the Hyper-V role) does ' +
        'and plain Windows does not',
      source: cite(
        ['qemuMachine', '"Guest enabled re-enlightenment notifications, \'tsc-frequency=\' has to be specified"'],
        'novaReenlightenment',
        'kubevirtReenlightenment',
      ),
    },
    since: { qemu: '3.0', libvirt: '4.7.0' },
    sources: {
      ...QEMU_TABLE_SOURCES,
      migration: cite('novaReenlightenment', 'kubevirtReenlightenment'),
    },
  },
  evmcs: {
    qemu: { name: 'hv-evmcs', desc: 'enlightened VMCS (hv-evmcs)' },
    libvirt: { kind: 'hyperv', element: 'evmcs' },
    summary: 'Enlightened VMCS for Hyper-V inside the guest (Intel only)',
    description:
      'A paravirtual protocol between KVM and a Hyper-V running inside the guest (WSL2, VBS, ' +
      'Hyper-V role) that makes nested exits faster. Intel only: enabling it unconditionally broke ' +
      'Windows on AMD hosts for Nova users. It also disables posted interrupts, so measure before ' +
      'keeping it.',
    cpuid: [
      { leaf: 0x40000004, reg: 'eax', mask: 1 << 14, names: ['HV_X64_ENLIGHTENED_VMCS_RECOMMENDED'] },
      { leaf: 0x4000000a, reg: 'eax', mask: 0x0101, names: ['eVMCS version 1 (low 7:0, high 15:8)'] },
    ],
    requires: ['vapic'],
    identification: true,
    nestedOnly: true,
    whenMissing: [
      {
        workload: 'nested-hyperv',
        guest: { family: 'windows', from: '8' },
        severity: 'info',
        reason:
          'nested exits get faster: the KVM Forum talk measured 20,850 cycles per cpuid in the nested guest without it, 19,400 with it',
        source: SRC.talkEnlightening,
      },
    ],
    nestedCost: 'it turns posted interrupts off, so every interrupt into the guest gets slower',
    host: {
      vendors: ['intel'],
      capabilities: ['nested'],
      why: {
        vendor: {
          severity: 'error',
          affects: 'start',
          reason:
            'enlightened VMCS is Intel-only: KVM on AMD does not offer it, so QEMU refuses to start the VM; turning it ' +
            'on everywhere broke Windows on AMD hosts for Nova users',
          removeToFix: true,
          source: cite('qemuDocs', 'novaEvmcs'),
        },
        nested: {
          severity: 'warning',
          affects: 'runtime',
          reason:
            'without nested virtualization on the host the guest cannot run Hyper-V, so enlightened VMCS only turns ' +
            'posted interrupts off',
          removeToFix: true,
          hostFix: 'enable nesting on the host (kvm_intel nested=1)',
          source: SRC.qemuDocs,
        },
      },
    },
    since: { qemu: '3.1', libvirt: '4.10.0' },
    sources: {
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuFill,
      requires: SRC.qemuTable,
      intelOnly: SRC.qemuDocs,
      since: SRC.libvirtDocs,
      amdBreakage: SRC.novaEvmcs,
    },
  },
  'emsr-bitmap': {
    qemu: { name: 'hv-emsr-bitmap', desc: 'enlightened MSR-Bitmap (hv-emsr-bitmap)' },
    libvirt: { kind: 'hyperv', element: 'emsr_bitmap' },
    summary: 'Enlightened MSR bitmap for Hyper-V inside the guest',
    description:
      'Lets KVM and a Hyper-V running inside the guest skip needless updates of the nested ' +
      "guest's MSR bitmap on exits. Works on Intel and AMD; on Intel it needs evmcs to be useful.",
    cpuid: [{ leaf: 0x4000000a, reg: 'eax', mask: 1 << 19, names: ['HV_X64_NESTED_MSR_BITMAP'] }],
    recommendedWith: ['evmcs'],
    identification: true,
    nestedOnly: true,
    host: nestedHost(),
    since: { qemu: '7.1', libvirt: '10.7.0' },
    sources: { ...QEMU_TABLE_SOURCES },
  },
  'xmm-input': {
    qemu: { name: 'hv-xmm-input', desc: 'XMM fast hypercall input (hv-xmm-input)' },
    libvirt: { kind: 'hyperv', element: 'xmm_input' },
    summary: 'Fast hypercalls with parameters in XMM registers',
    description: 'Hypercall parameters may be passed in XMM registers, so KVM need not read guest memory.',
    cpuid: [{ leaf: 0x40000003, reg: 'edx', mask: 1 << 4, names: ['HV_X64_HYPERCALL_XMM_INPUT_AVAILABLE'] }],
    identification: true,
    since: { qemu: '7.1', libvirt: '10.7.0' },
    sources: { ...QEMU_TABLE_SOURCES },
  },
});
