/**
 * Version numbers of the target: QEMU and libvirt versions, and the QEMU version a versioned machine
 * type is frozen at (pc-q35-7.2, pc-i440fx-6.1, Proxmox's pc-q35-8.1+pve0).
 */

/**
 * The versions read so far. Every rule that compares a feature's since-version with the target's
 * asks for the same few strings (the catalog's, --qemu-version, a machine type's), once per feature
 * of every configuration: an audit of 7 files parsed about 400 of them, a regular expression match
 * and two arrays each. Bounded, since a folder's machine types come from its files.
 */
const parsed = new Map<string, readonly number[] | null>();
const PARSED_KEPT = 256;

/** `7.2`, `7.2.22`, `9.0.0` as numbers; null when it is not a version. */
export function parseVersion(text: string): readonly number[] | null {
  let v = parsed.get(text);
  if (v !== undefined) return v;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  v = m ? Object.freeze([Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)]) : null;
  if (parsed.size >= PARSED_KEPT) parsed.clear();
  parsed.set(text, v);
  return v;
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
