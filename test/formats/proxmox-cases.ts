/**
 * The Proxmox fixtures (test/fixtures/proxmox/, written for enlighten) and the -cpu qemu-server
 * builds for each. "cfg2cmd X" means the expected value is the -cpu line of qemu-server's own test
 * src/test/cfg2cmd/X (proxmox/qemu-server @e6352be6), whose input the fixture reproduces (names
 * changed where marked); "code" means it follows from the cited functions, no upstream test has it.
 * Those tests run with a GenuineIntel host and the installed QEMU (11.0 at that commit).
 */
export interface ProxmoxCase {
  file: string;
  vendor?: 'intel' | 'amd';
  qemu?: string;
  companion?: string;
  cpu: string;
  /** The -cpu QEMU gets when args: replaces qemu-server's. */
  effective?: string;
  machine: string;
  source: string;
  /** What the real QEMU says when it refuses the value qemu-server builds (a fact about qemu-server's output). */
  qemuRefuses?: string;
  /** A warning the real QEMU prints for it. */
  qemuWarns?: string;
}

const WIN_SET =
  'hv_ipi,hv_relaxed,hv_reset,hv_runtime,hv_spinlocks=0x1fff,hv_stimer,hv_synic,hv_time,hv_vapic,hv_vpindex';

export const CASES: ProxmoxCase[] = [
  {
    file: 'win11-host-intel.conf',
    cpu: `host,-cet-ibt,-cet-ss,hv_evmcs,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt`,
    machine: 'pc-q35-11.0+pve2',
    source: 'cfg2cmd win11-host-11.0+pve2.conf.cmd',
  },
  {
    file: 'win11-host-intel.conf',
    vendor: 'amd',
    cpu: `host,-cet-ibt,-cet-ss,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt`,
    machine: 'pc-q35-11.0+pve2',
    source: 'cfg2cmd win11-amd-host-11.0+pve2.conf.cmd (HOST_CPU_VENDOR: AuthenticAMD)',
  },
  {
    file: 'cpu-level-flags.conf',
    cpu: `host,level=30,-cet-ibt,-cet-ss,-hv-tlbflush,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,+md-clear,+pdpe1gb,-vmx-mbec`,
    machine: 'pc-i440fx-5.1+pve0',
    source: 'cfg2cmd cpu-level.conf.cmd',
  },
  {
    file: 'custom-model.conf',
    companion: 'cpu-models.conf',
    cpu: `athlon,+aes,+avx,enforce,hv_ipi,hv_relaxed,hv_reset,hv_runtime,hv_spinlocks=0x1fff,hv_stimer,hv_synic,hv_time,hv_vapic,hv_vendor_id=labvend,hv_vpindex,+kvm_pv_eoi,-kvm_pv_unhalt,vendor=AuthenticAMD,+virt-ssbd,phys-bits=40`,
    machine: 'pc-i440fx-5.1+pve0',
    source: 'cfg2cmd custom-cpu-model.conf.cmd (model qemu64 renamed lab, vendor id testvend renamed labvend)',
    // athlon is a 32-bit model (no lm), and QEMU refuses phys-bits there (target/i386/cpu.c x86_cpu_realizefn):
    // qemu-server's own test value does not start. Measured with QEMU 7.2.
    qemuRefuses: 'phys-bits is not user-configurable in 32 bit',
  },
  {
    file: 'win10-ovmf-hostpci.conf',
    cpu: `kvm64,enforce,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep`,
    machine: 'pc-i440fx-5.1+pve0',
    source: 'cfg2cmd i440fx-win10-hostpci.conf.cmd',
  },
  {
    file: 'win11-q35-meta.conf',
    cpu: `kvm64,-cet-ibt,-cet-ss,enforce,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep`,
    machine: 'pc-q35-9.2+pve0',
    source: 'cfg2cmd q35-windows-pinning.conf.cmd',
  },
  {
    file: 'win10-i440fx-4.0.conf',
    cpu: `kvm64,enforce,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep`,
    machine: 'pc-i440fx-4.0+pve0',
    source: 'cfg2cmd spice-win.conf.cmd',
  },
  {
    file: 'win11-unpinned.conf',
    cpu: `kvm64,-cet-ibt,-cet-ss,enforce,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep`,
    machine: 'pc-i440fx-5.1+pve0',
    source: 'cfg2cmd startdate-win11.conf.cmd',
  },
  {
    file: 'win10-gpu-xvga.conf',
    cpu: 'kvm64,enforce,hv_ipi,hv_relaxed,hv_reset,hv_runtime,hv_spinlocks=0x1fff,hv_stimer,hv_synic,hv_time,hv_vapic,hv_vendor_id=proxmox,hv_vpindex,kvm=off,+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep',
    machine: 'pc-q35-8.1+pve0',
    source:
      'code: PCI.pm print_hostpci_devices (x-vga sets kvm_off and gpu_passthrough), CPUConfig.pm get_hyperv_enlightenments and get_cpu_options',
  },
  {
    file: 'win7-ovmf.conf',
    cpu: 'kvm64,enforce,+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep',
    machine: 'pc-q35-8.1+pve0',
    source: 'code: CPUConfig.pm get_hyperv_enlightenments (no set for OVMF with windows_version < 8)',
  },
  {
    file: 'win10-old-machine.conf',
    cpu: 'kvm64,enforce,hv_relaxed,hv_reset,hv_runtime,hv_spinlocks=0x1fff,hv_time,hv_vapic,hv_vpindex,+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep',
    machine: 'pc-i440fx-2.11+pve0',
    source: 'code: CPUConfig.pm get_hyperv_enlightenments (synic/stimer from 2.12, ipi from 3.1)',
  },
  {
    file: 'linux.conf',
    cpu: 'kvm64,enforce,+kvm_pv_eoi,+kvm_pv_unhalt,+lahf_lm,+sep',
    machine: 'pc+pve2',
    source: 'code: CPUConfig.pm get_pve_cpu_flags; no Hyper-V set below windows_version 6',
  },
  {
    file: 'args-cpu.conf',
    cpu: `host,-cet-ibt,-cet-ss,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,-vmx-mbec`,
    effective: 'host,hv_relaxed,hv_vapic,hv_time,hv_spinlocks=0x1fff',
    machine: 'pc-q35-9.2+pve1',
    source: 'code: QemuServer.pm config_to_command appends args: after -cpu',
  },
  {
    file: 'snapshots-pending-crlf.conf',
    cpu: `host,+hv-tlbflush,${WIN_SET},+kvm_pv_eoi,+kvm_pv_unhalt,-vmx-mbec`,
    machine: 'pc-q35-9.2+pve1',
    source: 'code: QemuServer.pm parse_vm_config (the current configuration is before the first section)',
  },
  {
    file: 'win11-flags-evmcs-off.conf',
    cpu: `host,-cet-ibt,-cet-ss,-hv-evmcs,+hv-tlbflush,hv_evmcs,${WIN_SET.replace('hv_vapic,', 'hv_vapic,hv_vendor_id=AMDisbetter,')},+kvm_pv_eoi,+kvm_pv_unhalt`,
    machine: 'pc-q35-11.0+pve2',
    source: 'code: CPUConfig.pm resolve_cpu_flags and print_cpu_flags (hv-evmcs and hv_evmcs are two names)',
    // Both spellings in one value: QEMU applies -hv-evmcs last and warns (measured, QEMU 7.2).
    qemuWarns: 'Ambiguous CPU model string. Don\'t mix both "-hv-evmcs" and "hv-evmcs=on"',
  },
];
