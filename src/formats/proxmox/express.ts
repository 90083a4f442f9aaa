/**
 * What a Proxmox configuration can say, feature by feature: what qemu-server derives from
 * `ostype` and the machine version (CPUConfig.pm `get_hyperv_enlightenments` @e6352be6), what the
 * `cpu:` line sets (the VM flags for the TLB flush and eVMCS enlightenments, the vendor id key,
 * `hidden=1`), and
 * what only `args:` can give, which replaces qemu-server's whole -cpu.
 */
import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';

/** A feature qemu-server derives: from which Windows version (windows_version) and machine version. */
export interface Gate {
  win: number;
  ostype: string;
  machine?: string;
  intelOnly?: boolean;
}

export const DERIVED: Partial<Record<FeatureId, Gate>> = {
  spinlocks: { win: 6, ostype: 'w2k8' },
  vapic: { win: 6, ostype: 'w2k8', machine: '2.3' },
  time: { win: 6, ostype: 'w2k8', machine: '2.3' },
  reset: { win: 6, ostype: 'w2k8', machine: '2.6' },
  vpindex: { win: 6, ostype: 'w2k8', machine: '2.6' },
  runtime: { win: 6, ostype: 'w2k8', machine: '2.6' },
  relaxed: { win: 7, ostype: 'win7' },
  synic: { win: 7, ostype: 'win7', machine: '2.12' },
  stimer: { win: 7, ostype: 'win7', machine: '2.12' },
  ipi: { win: 7, ostype: 'win7', machine: '3.1' },
  evmcs: { win: 11, ostype: 'win11', machine: '11.0+pve2', intelOnly: true },
};

/** The VM flags of `cpu: flags=` that name a Hyper-V feature (CPUFlags.pm). */
export const VM_HV_FLAGS: Partial<Record<FeatureId, string>> = {
  tlbflush: CATALOG.tlbflush.qemu.name,
  evmcs: CATALOG.evmcs.qemu.name,
};

/** The features the `cpu:` line sets with a key of its own. */
/** The `cpu:` line's vendor id key: qemu-server (CPUConfig.pm) names it as QEMU names its property. */
export const VENDOR_KEY = CATALOG['vendor-id'].qemu.name;

/** What qemu-server's schema takes as a vendor id (CPUConfig.pm's pattern): 1 to 12 letters and digits. */
export const PVE_VENDOR_ID = /^[a-zA-Z0-9]{1,12}$/;

export const CPU_KEYS: Partial<Record<FeatureId, string>> = { 'vendor-id': VENDOR_KEY, 'kvm-hidden': 'hidden' };

/** How a feature is given in Proxmox, in words. */
export function howGiven(feature: FeatureId): string {
  const gate = DERIVED[feature];
  const parts: string[] = [];
  if (gate)
    parts.push(
      `ostype ${gate.ostype} or newer${gate.machine ? ` at machine ${gate.machine} or newer` : ''}${gate.intelOnly ? ' on an Intel host' : ''}`,
    );
  if (VM_HV_FLAGS[feature]) parts.push(`cpu: flags=+${VM_HV_FLAGS[feature]}`);
  if (CPU_KEYS[feature]) parts.push(`cpu: ${CPU_KEYS[feature]}=`);
  if (feature === 'vendor-id') parts.push(`a hostpci with x-vga=1 (${CATALOG['vendor-id'].qemu.legacy}=proxmox)`);
  return parts.length ? parts.join(', or ') : 'args: only (qemu-server never sets it)';
}
