/**
 * Version numbers of the target: QEMU and libvirt versions, and the QEMU version a versioned machine
 * type is frozen at (pc-q35-7.2, pc-i440fx-6.1, Proxmox's pc-q35-8.1+pve0).
 */

/** `7.2`, `7.2.22`, `9.0.0` as numbers; null when it is not a version. */
export function parseVersion(text: string): number[] | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** Negative when a < b, zero when equal, positive when a > b. Missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a) ?? [0, 0, 0];
  const y = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! - y[i]!;
  return 0;
}

/** The QEMU version a versioned machine type is frozen at (`pc-q35-7.2` -> `7.2`), or null. */
export function machineQemuVersion(machine: string | undefined): string | null {
  if (!machine) return null;
  const m = /^pc-(?:q35-|i440fx-)?(\d+)\.(\d+)(?:\+pve\d+)?$/.exec(machine.trim());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** True when `feature` (a since-version) is newer than `target`. */
export function isNewerThan(since: string | null, target: string | undefined | null): boolean {
  if (!since || !target || !parseVersion(target)) return false;
  return compareVersions(since, target) > 0;
}
