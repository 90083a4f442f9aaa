import { defineFeatures } from './define.js';
import { QEMU_TABLE_REQUIRES_SOURCES, SRC, cite } from './sources.js';

/** The synthetic interrupt controller, its timers and the debugger channel built on it. */
export const synicFeatures = defineFeatures({
  synic: {
    qemu: { name: 'hv-synic', desc: 'synthetic interrupt controller (hv-synic)' },
    libvirt: { kind: 'hyperv', element: 'synic' },
    virtXml: { option: '--features', legacy: 'hyperv_synic', modern: 'hyperv.synic.state' },
    summary: 'Synthetic interrupt controller: messages and events, needed by stimer',
    description:
      'An extension of the local APIC that carries Hyper-V messages and events. Synthetic timers ' +
      'and VMBus are built on it. QEMU refuses it without vpindex.',
    cpuid: [
      { leaf: 0x40000003, reg: 'eax', mask: 1 << 2, names: ['HV_MSR_SYNIC_AVAILABLE'] },
      {
        leaf: 0x40000003,
        reg: 'ebx',
        mask: (1 << 4) | (1 << 5),
        names: ['HV_POST_MESSAGES', 'HV_SIGNAL_EVENTS'],
        unlessFeature: 'x-synic-kvm-only',
      },
    ],
    msrs: [
      { number: 0x40000080, name: 'HV_X64_MSR_SCONTROL' },
      { number: 0x40000081, name: 'HV_X64_MSR_SVERSION' },
      { number: 0x40000082, name: 'HV_X64_MSR_SIEFP' },
      { number: 0x40000083, name: 'HV_X64_MSR_SIMP' },
      { number: 0x40000084, name: 'HV_X64_MSR_EOM' },
      { number: 0x40000090, name: 'HV_X64_MSR_SINT0 .. HV_X64_MSR_SINT15 (0x40000090-0x4000009F)' },
    ],
    requires: ['vpindex'],
    requiresWaivedBy: 'x-synic-kvm-only',
    identification: true,
    since: { qemu: '2.6', libvirt: '1.3.3' },
    sources: {
      virtXml: cite('virtinstCli', 'repoVirtXmlTest'),
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuFill,
      requires: cite(['qemuExpand', 'the separate synic -> vpindex check']),
      since: SRC.libvirtDocs,
      description: SRC.qemuDocs,
    },
  },
  stimer: {
    qemu: { name: 'hv-stimer', desc: 'synthetic timers (hv-stimer)' },
    libvirt: { kind: 'hyperv', element: 'stimer' },
    summary: 'Synthetic timers: cuts idle CPU use of Windows guests',
    description:
      'Four per-CPU synthetic timers. Without them Windows 10 and later fall back to HPET or the RTC ' +
      'and burn host CPU while idle (users report 30-40% idle load dropping to 1-3% once synic and ' +
      'stimer are on). Needs synic and the Hyper-V clock (libvirt: the hypervclock timer).',
    cpuid: [{ leaf: 0x40000003, reg: 'eax', mask: 1 << 3, names: ['HV_MSR_SYNTIMER_AVAILABLE'] }],
    msrs: [
      { number: 0x400000b0, name: 'HV_X64_MSR_STIMER0_CONFIG .. HV_X64_MSR_STIMER3_COUNT (0x400000B0-0x400000B7)' },
    ],
    requires: ['synic', 'time'],
    identification: true,
    whenMissing: [
      {
        guest: { family: 'windows', from: '10' },
        severity: 'warning',
        reason:
          'Windows 10 and later fall back to HPET or the RTC and burn host CPU while idle: users saw 30-40% idle ' +
          'load fall to 1-3% once synic and stimer were on',
        source: cite('idleCpuReports', ['talkEnlightening', '"Significantly reduces CPU load for Win10+"']),
      },
    ],
    requirementMessages: { libvirt: { time: "'stimer' hyperv feature requires 'hypervclock' timer" } },
    since: { qemu: '2.6', libvirt: '1.3.3' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
      idleCpu: SRC.idleCpuReports,
    },
  },
  'stimer-direct': {
    qemu: { name: 'hv-stimer-direct', desc: 'direct mode synthetic timers (hv-stimer-direct)' },
    libvirt: { kind: 'hyperv-child', parentFeature: 'stimer', element: 'direct' },
    summary: 'Direct-mode synthetic timers: timer expiry as a plain interrupt (nested Hyper-V needs it)',
    description:
      'Delivers synthetic timer expiry as a normal interrupt instead of a SynIC message. Hyper-V ' +
      'running inside the guest (WSL2, VBS) can only use timers in this mode.',
    cpuid: [{ leaf: 0x40000003, reg: 'edx', mask: 1 << 19, names: ['HV_STIMER_DIRECT_MODE_AVAILABLE'] }],
    requires: ['stimer'],
    identification: true,
    whenMissing: [
      {
        workload: 'nested-hyperv',
        guest: { family: 'windows', from: '8' },
        severity: 'warning',
        reason: 'Hyper-V running inside the guest (WSL2, VBS) can only use synthetic timers in direct mode',
        source: SRC.qemuDocs,
      },
    ],
    since: { qemu: '4.1', libvirt: '5.7.0' },
    sources: {
      ...QEMU_TABLE_REQUIRES_SOURCES,
    },
  },
  syndbg: {
    qemu: { name: 'hv-syndbg', desc: 'Enable synthetic kernel debugger channel (hv-syndbg)' },
    libvirt: null,
    summary: 'Synthetic kernel debugger channel (needs a VMBus device)',
    description:
      'A channel for the Windows kernel debugger that is much faster than serial or network ' +
      'debugging. Needs a VMBus bridge device (-device vmbus-bridge,irq=15); passthrough mode never ' +
      'turns it on. For debugging only.',
    cpuid: [{ leaf: 0x40000003, reg: 'edx', mask: 1 << 11, names: ['HV_FEATURE_DEBUG_MSRS_AVAILABLE'] }],
    cpuidLeaves: [
      { leaf: 0x40000080, eax: 0, ebx: 0x7263694d, ecx: 0x666f736f, edx: 0x53562074, note: 'vendor "Microsoft VS"' },
      { leaf: 0x40000081, eax: 0x31235356, ebx: 0, ecx: 0, edx: 0, note: 'interface "VS#1"' },
      { leaf: 0x40000082, eax: 0x2, ebx: 0, ecx: 0, edx: 0, note: 'HV_SYNDBG_CAP_ALLOW_KERNEL_DEBUGGING' },
    ],
    requires: ['synic', 'relaxed'],
    identification: true,
    skipPassthrough: true,
    since: { qemu: null, libvirt: null },
    sources: {
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuFill,
      requires: SRC.qemuTable,
      skipPassthrough: SRC.qemuTable,
      description: SRC.qemuDocs,
      libvirt: cite(['libvirtRng', 'not in the schema']),
    },
  },
});
