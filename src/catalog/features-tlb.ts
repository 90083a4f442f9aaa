import { defineFeatures } from './define.js';
import { nestedHost, QEMU_TABLE_REQUIRES_SOURCES, SRC } from './sources.js';

/** TLB flush and IPI hypercalls, and APICv/AVIC cooperation. */
export const tlbFeatures = defineFeatures({
  tlbflush: {
    qemu: { name: 'hv-tlbflush', desc: 'paravirtualized TLB flush (hv-tlbflush)' },
    libvirt: { kind: 'hyperv', element: 'tlbflush' },
    summary: 'Paravirtual TLB shoot-down through the hypervisor',
    description:
      'Remote TLB flushes go through a hypercall instead of IPIs to every CPU, so descheduled ' +
      'virtual CPUs need not be woken. Helps most on overcommitted hosts. Proxmox made it opt-in ' +
      'after blue screens on old CPUs.',
    cpuid: [
      {
        leaf: 0x40000004,
        reg: 'eax',
        mask: (1 << 2) | (1 << 11),
        names: ['HV_X64_REMOTE_TLB_FLUSH_RECOMMENDED', 'HV_X64_EX_PROCESSOR_MASKS_RECOMMENDED'],
      },
    ],
    requires: ['vpindex'],
    identification: true,
    whenMissing: [
      {
        workload: 'overcommitted',
        severity: 'warning',
        reason:
          'remote TLB flushes then interrupt every vCPU and wait for descheduled ones: the KVM Forum talk measured ' +
          '26.7 s without hv-tlbflush against 23.0 s with it, 36 vCPUs on 12 host CPUs',
        source: SRC.talkEnlightening,
      },
    ],
    host: {
      capabilities: ['modern-cpu'],
      why: {
        'modern-cpu': {
          severity: 'warning',
          affects: 'runtime',
          reason:
            'Proxmox made hv-tlbflush opt-in after guests blue-screened on old CPUs ("May lead to guest bluescreens ' +
            'on old CPUs"); enlighten counts a host CPU without AVX2 (older than Intel Haswell or AMD Excavator) as old',
          removeToFix: true,
          source: SRC.proxmoxTlbflush,
        },
      },
    },
    since: { qemu: '3.0', libvirt: '4.7.0' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
      oldCpus: SRC.proxmoxTlbflush,
    },
  },
  'tlbflush-ext': {
    qemu: { name: 'hv-tlbflush-ext', desc: 'Extended gva ranges for TLB flush hypercalls (hv-tlbflush-ext)' },
    libvirt: { kind: 'hyperv-child', parentFeature: 'tlbflush', element: 'extended' },
    summary: 'Extended address ranges in TLB flush hypercalls',
    description:
      'Lets the guest pass extended virtual address ranges to the TLB flush hypercalls ' +
      '(HvFlushVirtualAddressList and its Ex form), flushing larger ranges in one call.',
    cpuid: [{ leaf: 0x40000003, reg: 'edx', mask: 1 << 14, names: ['HV_FEATURE_EXT_GVA_RANGES_FLUSH'] }],
    requires: ['tlbflush'],
    identification: true,
    since: { qemu: '7.1', libvirt: '11.0.0' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
    },
  },
  'tlbflush-direct': {
    qemu: { name: 'hv-tlbflush-direct', desc: 'direct TLB flush (hv-tlbflush-direct)' },
    libvirt: { kind: 'hyperv-child', parentFeature: 'tlbflush', element: 'direct' },
    summary: 'Direct TLB flush for nested guests (Hyper-V inside the guest)',
    description:
      'Lets KVM handle TLB flush hypercalls of a nested (L2) guest directly, without exiting to the ' +
      'Hyper-V running inside the guest. On Intel it also needs evmcs to be useful.',
    cpuid: [{ leaf: 0x4000000a, reg: 'eax', mask: 1 << 17, names: ['HV_X64_NESTED_DIRECT_FLUSH'] }],
    requires: ['vapic'],
    recommendedWith: ['evmcs'],
    identification: true,
    nestedOnly: true,
    host: nestedHost(),
    since: { qemu: '7.1', libvirt: '11.0.0' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
    },
  },
  ipi: {
    qemu: { name: 'hv-ipi', desc: 'paravirtualized IPI (hv-ipi)' },
    libvirt: { kind: 'hyperv', element: 'ipi' },
    summary: 'Paravirtual IPIs: one hypercall reaches many CPUs',
    description:
      'Sends inter-processor interrupts to many virtual CPUs with one hypercall instead of one APIC ' +
      'write (and exit) per target. Helps guests with many vCPUs.',
    cpuid: [
      {
        leaf: 0x40000004,
        reg: 'eax',
        mask: (1 << 10) | (1 << 11),
        names: ['HV_X64_CLUSTER_IPI_RECOMMENDED', 'HV_X64_EX_PROCESSOR_MASKS_RECOMMENDED'],
      },
    ],
    requires: ['vpindex'],
    identification: true,
    whenMissing: [
      {
        workload: 'overcommitted',
        severity: 'warning',
        reason:
          'an IPI to many vCPUs then costs one exit per target; paravirtual IPIs "significantly improve performance of overcommitted environments"',
        source: SRC.talkEnlightening,
      },
    ],
    since: { qemu: '3.1', libvirt: '4.10.0' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
    },
  },
  avic: {
    qemu: { name: 'hv-avic', aliases: ['hv-apicv', 'hv_apicv'], desc: 'AVIC/APICv support (hv-avic/hv-apicv)' },
    libvirt: { kind: 'hyperv', element: 'avic' },
    summary: 'Keep hardware APICv/AVIC working alongside SynIC',
    description:
      'Tells the guest to stop using AutoEOI so that SynIC and hardware APIC virtualization ' +
      '(Intel APICv, AMD AVIC) can work together. On hosts without APICv/AVIC it can slow the guest down.',
    cpuid: [{ leaf: 0x40000004, reg: 'eax', mask: 1 << 9, names: ['HV_DEPRECATING_AEOI_RECOMMENDED'] }],
    identification: true,
    host: {
      capabilities: ['apicv'],
      why: {
        apicv: {
          severity: 'warning',
          affects: 'runtime',
          reason:
            'QEMU: "enabling this feature on old hardware (without APICv/AVIC support) may have negative effect on ' +
            'guest\'s performance"',
          removeToFix: true,
          hostFix: 'turn APICv/AVIC on in KVM (kvm_intel enable_apicv=1, kvm_amd avic=1) if the CPU has it',
          source: SRC.qemuDocs,
        },
      },
    },
    since: { qemu: '6.2', libvirt: '8.10.0' },
    sources: {
      spelling: SRC.qemuTable,
      alias: SRC.qemuProps,
      cpuid: SRC.qemuFill,
      since: SRC.libvirtDocs,
      description: SRC.qemuDocs,
    },
  },
});
