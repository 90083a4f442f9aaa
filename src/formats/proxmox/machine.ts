/**
 * Machine versions as qemu-server computes them. Every rule restates behaviour read in
 * proxmox/qemu-server @e6352be6 (no code copied; qemu-server is AGPL):
 * - src/PVE/QemuServer/Machine.pm: `$PVE_MACHINE_VERSION` (the highest +pveN per QEMU machine
 *   version), `extract_version`, `get_pve_version`, `can_run_pve_machine_version`,
 *   `latest_installed_machine_version`, `windows_get_pinned_machine_version`, `get_vm_machine`;
 * - src/PVE/QemuServer/Helpers.pm: `min_version`, `version_cmp`, `windows_version`;
 * - src/PVE/QemuServer.pm `config_to_command`: the `$version_guard` closure.
 */

/** The highest +pveN revision per machine version (Machine.pm `$PVE_MACHINE_VERSION`); others have none (0). */
export const PVE_MACHINE_REVISIONS: Readonly<Record<string, number>> = {
  '4.1': 2,
  '9.2': 1,
  '10.0': 1,
  // 11.0+pve2: "Enable hv_evmcs for Windows 11/2022/2025 to mitigate issues with VBS."
  '11.0': 2,
};

/** The QEMU release enlighten assumes on the node when none is given: the newest qemu-server @e6352be6 knows. */
export const NEWEST_QEMU = '11.0';

export interface Version {
  major: number;
  minor: number;
  pve: number;
}

/** `11.0+pve2`, `5.1`, `9.2.0`: major, minor and +pve (patch ignored, as `min_version` does). */
export function parseVersion(text: string): Version | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\+pve(\d+))?/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), pve: m[4] ? Number(m[4]) : 0 } : undefined;
}

/** Helpers.pm `version_cmp` over (major, minor, pve), missing parts 0. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.pve - b.pve;
}

/** Helpers.pm `min_version`: `version` is at least major.minor(+pve). */
export function atLeast(version: Version, major: number, minor: number, pve = 0): boolean {
  return compareVersions(version, { major, minor, pve }) >= 0;
}

/** Machine.pm `get_pve_version`: the highest +pve revision of a major.minor. */
export function highestRevision(major: number, minor: number): number {
  return PVE_MACHINE_REVISIONS[`${major}.${minor}`] ?? 0;
}

/** Helpers.pm `windows_version`: the Windows version behind an ostype (0 for other systems). */
export function windowsVersion(ostype: string | undefined): number {
  if (!ostype) return 0;
  if (ostype === 'wxp' || ostype === 'w2k3' || ostype === 'w2k') return 5;
  if (ostype === 'w2k8' || ostype === 'wvista') return 6;
  const m = /^win(\d+)$/.exec(ostype);
  return m ? Number(m[1]) : 0;
}

const show = (v: Version) => `${v.major}.${v.minor}${v.pve ? `+pve${v.pve}` : ''}`;

export interface MachineChoice {
  /** The machine type qemu-server passes (`pc-q35-5.1+pve0`), before a guarded feature bumps its revision. */
  type: string;
  /** Its version (`extract_version`), what `version_guard` compares. */
  version: Version;
  /** Why this machine: written, pinned for Windows, or the newest. */
  why: 'written' | 'windows-pinned' | 'latest';
  /** For a Windows pin: the version it was pinned to and why. */
  pinnedTo?: string;
  pinReason?: string;
}

/** The version part of a versioned machine type (`pc-q35-8.1+pve1`), per Machine.pm `extract_version_parts`. */
function versionOfType(type: string): Version | undefined {
  const m = /^(?:pc(?:-i440fx|-q35)?|virt)-(\d+)\.(\d+)(?:\.(\d+))?(?:\+pve(\d+))?(?:\.pxe)?/.exec(type);
  return m ? { major: Number(m[1]), minor: Number(m[2]), pve: m[4] ? Number(m[4]) : 0 } : undefined;
}

/**
 * The machine qemu-server runs a VM with (`get_vm_machine`): a written versioned type as written
 * (+pve0 added when it names none); `pc`/`q35`/none pinned for Windows to 5.1, or to the creating
 * QEMU's version from `meta: creation-qemu=` when that is 9.1 or newer (`latest` when the node's
 * QEMU cannot run the pin); other systems get the node's newest.
 */
export function chooseMachine(
  written: string | undefined,
  windows: boolean,
  creationQemu: string | undefined,
  qemu: Version,
): MachineChoice {
  let type = written;
  let why: MachineChoice['why'] = 'written';
  let pinnedTo: string | undefined;
  let pinReason: string | undefined;
  if (!type || /^(pc|q35|virt)$/.test(type)) {
    const base = type || 'pc';
    if (windows) {
      let pin = '5.1';
      pinReason = 'a Windows VM without a machine version is pinned to 5.1';
      const created = creationQemu ? parseVersion(creationQemu) : undefined;
      if (created && atLeast(created, 9, 1)) {
        pin = `${created.major}.${created.minor}`;
        pinReason = `a Windows VM created by QEMU ${creationQemu} (meta: creation-qemu, 9.1 or newer) is pinned to its version`;
      }
      if (compareVersions(qemu, { ...parseVersion(pin)!, pve: 0 }) < 0) {
        const rev = highestRevision(qemu.major, qemu.minor);
        pin = `${qemu.major}.${qemu.minor}${rev ? `+pve${rev}` : ''}`;
        pinReason += `, but QEMU ${show(qemu)} cannot run it, so to the newest it has`;
      }
      pinnedTo = pin;
      type = base === 'q35' ? `pc-q35-${pin}` : base === 'virt' ? `virt-${pin}` : `pc-i440fx-${pin}`;
      why = 'windows-pinned';
    } else {
      type = `${base}+pve${highestRevision(qemu.major, qemu.minor)}`;
      why = 'latest';
    }
  }
  if (!/\+pve\d+(\.pxe)?$/.test(type)) {
    const pxe = type.endsWith('.pxe');
    type = `${pxe ? type.slice(0, -4) : type}+pve0${pxe ? '.pxe' : ''}`;
  }
  const parts = versionOfType(type);
  const version = parts ?? { major: qemu.major, minor: qemu.minor, pve: highestRevision(qemu.major, qemu.minor) };
  return { type, version, why, ...(pinnedTo ? { pinnedTo } : {}), ...(pinReason ? { pinReason } : {}) };
}

/**
 * QemuServer.pm's `$version_guard`: true when the machine version is at least major.minor+pve.
 * A machine of that major.minor without the revision still passes, and the revision is then
 * required: `required()` gives the highest asked, which qemu-server writes into the machine type.
 */
export function versionGuard(machine: Version): {
  guard: (major: number, minor: number, pve?: number) => boolean;
  required: () => number;
} {
  let required = 0;
  return {
    guard(major, minor, pve = 0) {
      if (!atLeast(machine, major, minor, pve)) return false;
      if (atLeast(machine, major, minor, highestRevision(major, minor) + 1)) return true;
      if (pve > required) required = pve;
      return true;
    },
    required: () => required,
  };
}

export { show as showVersion };
