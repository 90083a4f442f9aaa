/** Short names for the sources the catalog cites. Paths are relative to the shared reference folder. */
export const SRC = {
  qemuTable: 'reference/qemu-hv-table.md: qemu target/i386/kvm/kvm.c @00001a22 kvm_hyperv_properties[]',
  qemuProps: 'reference/qemu-hv-table.md: qemu target/i386/cpu.c @0048035a x86_cpu_properties[]',
  qemuFill: 'reference/qemu-hv-table.md: qemu kvm.c @00001a22 hyperv_fill_cpuids()',
  qemuDocs: 'qemu docs/system/i386/hyperv.rst @521500bd (seeds/003_a44c3f68b2729519.txt)',
  qemu72: 'reference/debian-virt-stack.md: QEMU 7.2 device-list-properties',
  linuxBits: 'reference/guest-decode.md: linux include/hyperv/hvgdk_mini.h @0bd921a4',
  libvirtDocs: 'reference/libvirt-hv-mapping.md: libvirt docs/formatdomain.rst @380fb893',
  libvirtRng: 'reference/libvirt-hv-mapping.md: libvirt src/conf/schemas/domaincommon.rng @380fb893',
  libvirtCmd: 'reference/libvirt-hv-mapping.md: libvirt src/qemu/qemu_command.c @c181c7dd',
  virtinst: 'virtinst 4.1.0 /usr/share/virt-manager/virtinst/cli.py ParserFeatures, ParserClock (Debian 12); reference/peers.md',
  virtXmlRun: 'test/virt-xml/real-virt-xml.test.ts: every spelling run with virt-xml 4.1 on domain XML, the result read back',
  seedBlog: 'seeds/000_fe1ab12d7c230a06.txt (KVM wiki: Hyper-V enlightenments)',
  seedRhel: 'seeds/002_5022dcbff865ffcf.txt (RHEL guide: enabling Hyper-V enlightenments)',
  seedTalk: 'seeds/004_2e4e7bac1321608a.txt (KVM Forum talk)',
  peers: 'reference/peers.md',
} as const;

/** Why a nested-only feature needs nesting on the host (shared by the nested-only entries). */
export const NESTED_HOST_WHY = {
  severity: 'info',
  affects: 'runtime',
  reason: 'without nested virtualization on the host the guest runs no hypervisor that could use it',
  removeToFix: true,
  hostFix: 'enable nesting on the host (kvm_intel nested=1 or kvm_amd nested=1)',
  source: SRC.qemuDocs,
} as const;
