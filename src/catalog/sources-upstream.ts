/**
 * Upstream sources of the catalog's facts: QEMU, libvirt, Linux, the guides and talks, and files of
 * this repository. Each entry names the project, the file, the commit or release that was read, and
 * a public URL. docs/sources.md is generated from this table (scripts/gen-docs.mjs).
 */
import type { SourceDef } from './source-types.js';

const QEMU = 'https://gitlab.com/qemu-project/qemu/-/blob';
const QEMU_KVM = `${QEMU}/00001a22d183ce96c110690987bf9dd6a8548552/target/i386/kvm/kvm.c`;
const QEMU_CPU = `${QEMU}/0048035a870312f2fd0f3dd28115398d26e419bb/target/i386/cpu.c`;
const LIBVIRT = 'https://gitlab.com/libvirt/libvirt/-/blob';
const LV_NEW = '380fb8939009a420f598175e63994a5bf197fd56';

export const UPSTREAM_SOURCES = {
  qemuTable: { project: 'QEMU', path: 'target/i386/kvm/kvm.c', symbol: 'kvm_hyperv_properties[]', ref: '00001a22', url: QEMU_KVM, title: "QEMU's table of Hyper-V features", what: 'property names, desc strings, CPUID bits, direct dependencies, skip_passthrough' },
  qemuFill: { project: 'QEMU', path: 'target/i386/kvm/kvm.c', symbol: 'hyperv_fill_cpuids()', ref: '00001a22', url: QEMU_KVM, title: 'how QEMU builds the Hyper-V CPUID leaves', what: 'the leaves 0x40000000-0x4000000A and 0x40000080-82, bits set outside the table' },
  qemuExpand: { project: 'QEMU', path: 'target/i386/kvm/kvm.c', symbol: 'kvm_hyperv_expand_features()', ref: '00001a22', url: QEMU_KVM, title: 'how QEMU checks and expands the requested features', what: 'host-support and dependency checks, the separate synic -> vpindex check, hv-passthrough' },
  qemuInitVcpu: { project: 'QEMU', path: 'target/i386/kvm/kvm.c', symbol: 'hyperv_init_vcpu()', ref: '00001a22', url: QEMU_KVM, title: 'per-vCPU Hyper-V set-up in QEMU', what: 'migration blockers of hv-passthrough and hv-no-nonarch-coresharing=auto' },
  qemuArchInit: { project: 'QEMU', path: 'target/i386/kvm/kvm.c', symbol: 'kvm_arch_init_vcpu()', ref: '00001a22', url: QEMU_KVM, title: "where QEMU puts KVM's own CPUID leaves", what: "KVM's signature at 0x40000100 when Hyper-V is on" },
  qemuProps: { project: 'QEMU', path: 'target/i386/cpu.c', symbol: 'x86_cpu_properties[]', ref: '0048035a', url: QEMU_CPU, title: "the X86CPU's hv-* properties", what: 'property types and defaults, legacy spellings (feat2prop), the hv-apicv alias' },
  qemuRealize: { project: 'QEMU', path: 'target/i386/cpu.c', symbol: 'x86_cpu_hyperv_realize()', ref: '0048035a', url: QEMU_CPU, title: 'fixed Hyper-V identification values', what: 'the "Microsoft Hv" vendor default, interface "Hv#1", limits' },
  qemuDocs: { project: 'QEMU', path: 'docs/system/i386/hyperv.rst', ref: '521500bd', url: `${QEMU}/521500bd803b3c2c619e52ce423ed039e91310f7/docs/system/i386/hyperv.rst`, title: 'Hyper-V Enlightenments (QEMU documentation)', what: "what each enlightenment does, its requirements, and QEMU's recommendations", also: ['https://www.qemu.org/docs/master/system/i386/hyperv.html'] },
  qemuPcCompat: { project: 'QEMU', path: 'hw/i386/pc.c', symbol: 'pc_compat_6_1[]', ref: 'v6.2.0', url: `${QEMU}/v6.2.0/hw/i386/pc.c`, title: 'machine-type compat properties for pc-*-6.1', what: 'machine types up to 6.1 keep the old version leaf 6.1.7100; newer ones report 10.0.14393' },
  qemuMachine: { project: 'QEMU', path: 'target/i386/machine.c', symbol: 'hyperv_reenlightenment_post_load()', ref: 'v3.0.0', url: `${QEMU}/v3.0.0/target/i386/machine.c`, title: 'migration of the reenlightenment state', what: "the destination refuses the state unless 'tsc-frequency=' is given" },
  libvirtDocs: { project: 'libvirt', path: 'docs/formatdomain.rst', ref: '380fb893', url: `${LIBVIRT}/${LV_NEW}/docs/formatdomain.rst`, title: 'Domain XML format: Hypervisor features', what: 'the <hyperv> elements, their values and the first libvirt and QEMU versions', also: ['https://libvirt.org/formatdomain.html#hypervisor-features'] },
  libvirtRng: { project: 'libvirt', path: 'src/conf/schemas/domaincommon.rng', ref: '380fb893', url: `${LIBVIRT}/${LV_NEW}/src/conf/schemas/domaincommon.rng`, title: 'the domain XML schema', what: 'which <hyperv> children exist, vendor_id pattern [^,]{0,12}' },
  libvirtParse: { project: 'libvirt', path: 'src/conf/domain_conf.c', symbol: 'virDomainFeaturesHyperVDefParse()', ref: '380fb893', url: `${LIBVIRT}/${LV_NEW}/src/conf/domain_conf.c`, title: "libvirt's <hyperv> parser", what: 'the spinlocks minimum 4095, vendor_id rules, mode handling, its error messages' },
  libvirtCmd: { project: 'libvirt', path: 'src/qemu/qemu_command.c', symbol: 'qemuBuildCpuCommandLine()', ref: 'c181c7dd', url: `${LIBVIRT}/c181c7dd1358ee1a2d125a869a44f46eee393452/src/qemu/qemu_command.c`, title: 'how libvirt writes -cpu', what: 'hypervclock timer -> hv-time, <panic model=hyperv> -> hv-crash, order and hex spinlocks' },
  linuxBits: { project: 'Linux', path: 'include/hyperv/hvgdk_mini.h', ref: '0bd921a4', url: 'https://github.com/torvalds/linux/blob/0bd921a4b4d9ca832578fcc61a6a99bd980776c9/include/hyperv/hvgdk_mini.h', title: "Linux's names of the Hyper-V CPUID bits", what: 'the HV_* bit names in CPUID 0x40000003, 0x40000004 and 0x4000000A' },
  linuxMshyperv: { project: 'Linux', path: 'arch/x86/kernel/cpu/mshyperv.c', symbol: 'ms_hyperv_platform()', ref: '010e85f9', url: 'https://github.com/torvalds/linux/blob/010e85f9e47c6a92740b7d73e0fca8f792573582/arch/x86/kernel/cpu/mshyperv.c', title: 'how Linux detects Hyper-V', what: 'Linux detects Hyper-V only when the vendor id is exactly "Microsoft Hv"' },
  linuxKvmDetect: { project: 'Linux', path: 'arch/x86/kernel/kvm.c', symbol: 'kvm_detect()', ref: 'v6.6', url: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/arch/x86/kernel/kvm.c?h=v6.6', title: 'how Linux detects KVM', what: "Linux finds KVM's signature and uses its own paravirt interfaces instead of Hyper-V's" },
  rhelGuide: { project: 'Red Hat', path: null, ref: 'RHEL 10', url: 'https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/configuring_and_managing_windows_virtual_machines/enabling-hyper-v-enlightenments', title: 'RHEL 10 guide, 4.2 Enabling Hyper-V enlightenments', what: "Red Hat's recommended <hyperv> set, spinlocks retries 8191, the hypervclock timer" },
  blogVirtXml: { project: 'blog post', path: null, ref: '2014', url: 'https://rd.melany.rs/doku.php?id=kb:linux:kvm:hyperv_enightments', title: 'Enabling Hyper-V enlightenments with KVM', what: 'the 2014 recommended set, first libvirt versions, virt-xml commands; "only Vista/Server 2008 and later" use the features' },
  talkEnlightening: { project: 'Vitaly Kuznetsov, talk', path: null, ref: 'FOSDEM 2019', url: 'https://av.tib.eu/media/44117', title: "'Enlightening' KVM: Hyper-V emulation", what: 'what each enlightenment gains, with benchmarks (stimer: "Significantly reduces CPU load for Win10+")' },
  repoVirtXmlTest: { project: 'enlighten', path: 'test/virt-xml/real-virt-xml.real.test.ts', ref: null, url: null, title: 'every virt-xml spelling run with virt-xml 4.1', what: 'each spelling run with virtinst 4.1.0 on domain XML and the result read back' },
  repoRules: { project: 'enlighten', path: 'src/rules/', ref: null, url: null, title: "enlighten's own checks", what: 'fixes that follow from the catalog (a dependency to add, a value to correct) when no single upstream fact is behind them' },
  repoQemuTest: { project: 'enlighten', path: 'test/qemu/acceptance.real.test.ts', ref: null, url: null, title: 'what QEMU accepts, run against the real QEMU', what: 'QEMU takes values libvirt refuses, such as hv-spinlocks=100' },
} as const satisfies Record<string, SourceDef>;
