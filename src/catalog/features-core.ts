import { defineFeatures } from './define.js';
import { QEMU_TABLE_SOURCES, SRC, cite } from './sources.js';

/** The basic enlightenments every Windows guest benefits from. */
export const coreFeatures = defineFeatures({
  relaxed: {
    qemu: { name: 'hv-relaxed', desc: 'relaxed timing (hv-relaxed)' },
    libvirt: { kind: 'hyperv', element: 'relaxed' },
    virtXml: { option: '--features', legacy: 'hyperv_relaxed', modern: 'hyperv.relaxed.state' },
    summary: 'Relaxed timing: the guest stops its watchdog timeouts',
    description:
      'Tells the guest it runs on a hypervisor, so Windows disables the watchdog checks that otherwise ' +
      'end in a blue screen (CLOCK_WATCHDOG_TIMEOUT) when a virtual CPU is descheduled on a loaded host.',
    cpuid: [{ leaf: 0x40000004, reg: 'eax', mask: 1 << 5, names: ['HV_X64_RELAXED_TIMING_RECOMMENDED'] }],
    identification: true,
    whenMissing: [
      {
        guest: { family: 'windows', from: 'vista' },
        severity: 'warning',
        reason:
          'without it Windows keeps its watchdog checks and can blue-screen (CLOCK_WATCHDOG_TIMEOUT) when a ' +
          'virtual CPU is descheduled on a loaded host',
        source: cite('rhelGuide', 'blogVirtXml'),
      },
    ],
    since: { qemu: '2.0', libvirt: '1.0.0' },
    sources: {
      virtXml: cite('virtinstCli', 'blogVirtXml', 'repoVirtXmlTest'),
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuTable,
      since: SRC.libvirtDocs,
      description: SRC.blogVirtXml,
    },
  },
  vapic: {
    qemu: { name: 'hv-vapic', desc: 'virtual APIC (hv-vapic)' },
    libvirt: { kind: 'hyperv', element: 'vapic' },
    virtXml: { option: '--features', legacy: 'hyperv_vapic', modern: 'hyperv.vapic.state' },
    summary: 'Virtual APIC assist page: exit-less EOI',
    description:
      'Gives the guest the VP assist page MSR so Windows can signal end-of-interrupt without a VM exit, ' +
      'cutting the cost of every interrupt.',
    cpuid: [
      { leaf: 0x40000003, reg: 'eax', mask: 1 << 4, names: ['HV_MSR_APIC_ACCESS_AVAILABLE'] },
      {
        leaf: 0x40000004,
        reg: 'eax',
        mask: 1 << 3,
        names: ['HV_X64_APIC_ACCESS_RECOMMENDED'],
        unlessFeature: 'avic',
      },
    ],
    msrs: [{ number: 0x40000073, name: 'HV_X64_MSR_APIC_ASSIST_PAGE' }],
    identification: true,
    since: { qemu: '2.0', libvirt: '1.1.0' },
    sources: {
      virtXml: cite('virtinstCli', 'blogVirtXml', 'repoVirtXmlTest'),
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuFill,
      since: SRC.libvirtDocs,
      description: SRC.qemuDocs,
    },
  },
  spinlocks: {
    kind: 'uint32',
    default: 0xffffffff,
    max: 0xffffffff,
    printHex: true,
    example: 8191,
    qemu: { name: 'hv-spinlocks' },
    libvirt: { kind: 'hyperv', element: 'spinlocks', valueAttr: 'retries' },
    virtXml: {
      option: '--features',
      legacy: 'hyperv_spinlocks',
      legacyValue: 'hyperv_spinlocks_retries',
      modern: 'hyperv.spinlocks.state',
      modernValue: 'hyperv.spinlocks.retries',
    },
    summary: 'Paravirtual spinlocks: how many spins before telling the hypervisor',
    description:
      'The number of times the guest retries a contended spinlock before it notifies the hypervisor, ' +
      'which can then run another virtual CPU. 0xffffffff means never notify. Around 0xfff (4095) ' +
      'to 0x1fff (8191) suits overcommitted hosts; libvirt refuses values below 4095.',
    cpuidValue: { leaf: 0x40000004, reg: 'ebx', shift: 0, width: 32 },
    identification: true,
    minimum: {
      value: 4095,
      refusedBy: 'libvirt',
      message: 'HyperV spinlock retry count must be at least 4095',
      effect:
        'the guest stops spinning and notifies the hypervisor after very few attempts, so contended locks cost a VM exit each',
      source: cite('libvirtParse', ['repoQemuTest', 'QEMU takes hv-spinlocks=100']),
    },
    specialValues: [
      {
        value: 0xffffffff,
        meaning:
          "never notify: the guest never tells the hypervisor it is spinning. It is QEMU's default, so it is the same as " +
          'leaving hv-spinlocks out, and it does not turn Hyper-V identification on by itself',
        source: cite('qemuDocs', 'qemuProps'),
      },
    ],
    whenMissing: [
      {
        workload: 'overcommitted',
        value: 0xfff,
        severity: 'warning',
        reason:
          'on an overcommitted host a vCPU spinning on a lock held by a descheduled vCPU burns its time slice; with ' +
          'retries around 0xfff the guest hands the CPU back instead (QEMU recommends about 0xfff there)',
        source: cite(['qemuDocs', 'Recommendations']),
      },
      {
        guest: { family: 'windows', from: 'vista' },
        severity: 'info',
        reason: 'without a retry count Windows never tells the hypervisor it is spinning on a lock',
        source: cite(
          'rhelGuide',
          ['virtManagerDefaults', 'retries 8191'],
          ['proxmoxCpu', 'hv_spinlocks=0x1fff'],
          ['novaDriver', 'retries 8191'],
        ),
      },
    ],
    since: { qemu: '2.0', libvirt: '1.1.0' },
    sources: {
      virtXml: cite('virtinstCli', 'blogVirtXml', 'repoVirtXmlTest'),
      spelling: SRC.qemuProps,
      default: SRC.qemuProps,
      cpuid: SRC.qemuFill,
      since: SRC.libvirtDocs,
      minimum: SRC.libvirtDocs,
      description: SRC.qemuDocs,
    },
  },
  vpindex: {
    qemu: { name: 'hv-vpindex', desc: 'VP_INDEX MSR (hv-vpindex)' },
    libvirt: { kind: 'hyperv', element: 'vpindex' },
    summary: 'Virtual processor index MSR, needed by synic, tlbflush and ipi',
    description:
      'Lets the guest read its own virtual processor index, which the hypercalls of synic, stimer, ' +
      'tlbflush and ipi name CPUs by. On its own it does little; others need it.',
    cpuid: [{ leaf: 0x40000003, reg: 'eax', mask: 1 << 6, names: ['HV_MSR_VP_INDEX_AVAILABLE'] }],
    msrs: [{ number: 0x40000002, name: 'HV_X64_MSR_VP_INDEX' }],
    identification: true,
    since: { qemu: '2.5', libvirt: '1.3.3' },
    sources: { ...QEMU_TABLE_SOURCES },
  },
  runtime: {
    qemu: { name: 'hv-runtime', desc: 'VP_RUNTIME MSR (hv-runtime)' },
    libvirt: { kind: 'hyperv', element: 'runtime' },
    summary: 'Virtual processor run time MSR: the guest sees stolen time',
    description:
      'Gives the guest its virtual processor run time in 100 ns units, so it can tell how much time ' +
      'was stolen while the host ran something else.',
    cpuid: [{ leaf: 0x40000003, reg: 'eax', mask: 1 << 0, names: ['HV_MSR_VP_RUNTIME_AVAILABLE'] }],
    msrs: [{ number: 0x40000010, name: 'HV_X64_MSR_VP_RUNTIME' }],
    identification: true,
    since: { qemu: '2.5', libvirt: '1.3.3' },
    sources: { ...QEMU_TABLE_SOURCES },
  },
  crash: {
    qemu: { name: 'hv-crash', desc: 'crash MSRs (hv-crash)' },
    libvirt: { kind: 'panic', model: 'hyperv' },
    summary: 'Crash MSRs: the guest reports its blue screen to the host',
    description:
      'Crash parameter MSRs the guest writes when it crashes; QEMU logs them and reports a ' +
      'GUEST_PANICKED event. Under KVM the write to CRASH_CTL shuts the guest down, so Windows ' +
      'writes no crash dump.',
    cpuid: [{ leaf: 0x40000003, reg: 'edx', mask: 1 << 10, names: ['HV_FEATURE_GUEST_CRASH_MSR_AVAILABLE'] }],
    msrs: [
      { number: 0x40000100, name: 'HV_X64_MSR_CRASH_P0' },
      { number: 0x40000101, name: 'HV_X64_MSR_CRASH_P1' },
      { number: 0x40000102, name: 'HV_X64_MSR_CRASH_P2' },
      { number: 0x40000103, name: 'HV_X64_MSR_CRASH_P3' },
      { number: 0x40000104, name: 'HV_X64_MSR_CRASH_P4' },
      { number: 0x40000105, name: 'HV_X64_MSR_CRASH_CTL' },
    ],
    identification: true,
    since: { qemu: null, libvirt: null },
    sources: {
      virtXml: cite(['virtinstCli', '--add-device / --remove-device --panic model=hyperv'], 'repoVirtXmlTest'),
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuTable,
      msrs: SRC.qemuTable,
      libvirt: SRC.libvirtCmd,
      description: SRC.qemuDocs,
    },
  },
  time: {
    qemu: { name: 'hv-time', desc: 'clocksources (hv-time)' },
    libvirt: { kind: 'timer', name: 'hypervclock' },
    virtXml: { option: '--clock', legacy: 'hypervclock_present', modern: null },
    summary: 'Hyper-V clocksources: reference counter and reference TSC page',
    description:
      'The partition reference counter MSR and the reference TSC page, which lets the guest read ' +
      'the time without a VM exit. Timestamp-heavy code speeds up greatly: the KVM Forum talk measured ' +
      'about 17,600 cycles per clock_gettime without it and about 430 with it. Best with a stable TSC on the host.',
    cpuid: [
      {
        leaf: 0x40000003,
        reg: 'eax',
        mask: (1 << 1) | (1 << 9),
        names: ['HV_MSR_TIME_REF_COUNT_AVAILABLE', 'HV_MSR_REFERENCE_TSC_AVAILABLE'],
      },
    ],
    msrs: [
      { number: 0x40000020, name: 'HV_X64_MSR_TIME_REF_COUNT' },
      { number: 0x40000021, name: 'HV_X64_MSR_REFERENCE_TSC' },
    ],
    identification: true,
    whenMissing: [
      {
        guest: { family: 'windows', from: 'vista' },
        severity: 'warning',
        reason:
          'timekeeping then costs a VM exit per read: the KVM Forum talk measured about 17,600 cycles per ' +
          'clock_gettime without hv-time against 430 with it',
        source: SRC.talkEnlightening,
      },
    ],
    host: {
      capabilities: ['stable-tsc'],
      why: {
        'stable-tsc': {
          severity: 'warning',
          affects: 'runtime',
          reason:
            'the reference TSC page needs a stable TSC on the host: KVM keeps the page valid only while the host ' +
            'clocksource is tsc, otherwise the guest falls back to the reference counter MSR, a VM exit per read',
          removeToFix: false,
          hostFix:
            "make the host use the tsc clocksource ('tsc' in /sys/devices/system/clocksource/clocksource0/current_clocksource)",
          source: SRC.talkEnlightening,
        },
      },
    },
    since: { qemu: '2.0', libvirt: '1.2.2' },
    sources: {
      virtXml: cite('virtinstCli', 'blogVirtXml', 'repoVirtXmlTest'),
      spelling: SRC.qemuTable,
      cpuid: SRC.qemuTable,
      libvirt: SRC.libvirtCmd,
      since: SRC.blogVirtXml,
      description: SRC.qemuDocs,
      benchmark: SRC.talkEnlightening,
    },
  },
  reset: {
    qemu: { name: 'hv-reset', desc: 'reset MSR (hv-reset)' },
    libvirt: { kind: 'hyperv', element: 'reset' },
    virtXml: { option: '--features', legacy: 'hyperv_reset', modern: 'hyperv.reset.state' },
    summary: 'Reset MSR: the guest can reset itself',
    description:
      'An MSR the guest can write to reset itself. Windows does not use it to reboot, so QEMU says it ' +
      'can be left out and virt-install leaves it out.',
    cpuid: [{ leaf: 0x40000003, reg: 'eax', mask: 1 << 7, names: ['HV_MSR_RESET_AVAILABLE'] }],
    msrs: [{ number: 0x40000003, name: 'HV_X64_MSR_RESET' }],
    identification: true,
    since: { qemu: '2.5', libvirt: '1.3.3' },
    sources: {
      virtXml: cite('virtinstCli', 'repoVirtXmlTest'),
      ...QEMU_TABLE_SOURCES,
      peers: cite('virtManagerDefaults', 'proxmoxCpu', 'kubevirtPreferences', 'novaDriver'),
    },
  },
});
