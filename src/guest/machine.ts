/**
 * Machine-type compat that changes the CPUID leaves: QEMU's pc_compat_6_1 restores the old version
 * defaults, so machine types up to 6.1 report Hyper-V 6.1.7100 and newer ones 10.0.14393.
 * Source: QEMU hw/i386/pc.c pc_compat_6_1[] (docs/sources.md, qemuPcCompat).
 */

/** The QEMU version a versioned machine type (`pc-q35-6.1`, `pc-i440fx-2.12`, `pc-1.3`) is frozen at, or null. */
export function machineVersion(machine: string): { major: number; minor: number } | null {
  const m = /^pc-(?:q35-|i440fx-)?(\d+)\.(\d+)$/.exec(machine.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** True when the machine type gets the 6.1 (and older) version defaults. Unversioned aliases (`q35`, `pc`) are the newest. */
export function usesCompat61Version(machine: string | undefined): boolean {
  if (!machine) return false;
  const v = machineVersion(machine);
  return v !== null && (v.major < 6 || (v.major === 6 && v.minor <= 1));
}
