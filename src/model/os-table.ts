/**
 * Guest operating systems by libosinfo short id, as virt-install names them (`--osinfo win10`), and
 * the Windows generation each belongs to. The generation decides which advice applies: Windows XP
 * and Server 2003 predate Hyper-V; Vista and Server 2008 were the first to use enlightenments;
 * Windows 10 and later burn idle CPU without synthetic timers.
 * Each Windows entry also carries its libosinfo id, the URI virt-install, virt-manager and GNOME
 * Boxes write into a domain's `<metadata>` (osinfo-db's `<os id=...>`; every one but win2k25 checked
 * against Debian 12's /usr/share/osinfo/os/microsoft.com/).
 * Pure data: the formats read it (libvirt metadata), recommend and the rules use it.
 * Sources: libosinfo short ids (osinfo-db); the 2014 blog post on enabling them (docs/sources.md, blogVirtXml: "only Vista/Server 2008 and later
 * will actually make use of the features"); Proxmox qemu-server CPUConfig.pm ostype groups.
 */
import { suggest } from '../util/suggest.js';

/** Windows generations, oldest first. Server releases share their client's kernel generation. */
export const WINDOWS_GENERATIONS = ['xp', 'vista', '7', '8', '8.1', '10', '11'] as const;
export type WindowsGeneration = (typeof WINDOWS_GENERATIONS)[number];

export interface OsEntry {
  id: string;
  name: string;
  family: 'windows' | 'linux';
  generation?: WindowsGeneration;
  server?: boolean;
  /** The libosinfo id (`http://microsoft.com/win/11`); Linux distributions are matched by pattern. */
  libosinfo?: string;
  /** The preset enlighten starts from for this guest. */
  preset: string;
  /** The Proxmox ostype that covers it (peers.md: win10 = 10/2016/2019, win11 = 11/2022/2025). */
  proxmoxOstype?: string;
}

const win = (
  id: string,
  name: string,
  generation: WindowsGeneration,
  preset: string,
  proxmoxOstype: string,
  server = false,
): OsEntry =>
  Object.freeze({
    id,
    name,
    family: 'windows',
    generation,
    preset,
    proxmoxOstype,
    libosinfo: `http://microsoft.com/win/${id.slice(3)}`,
    ...(server ? { server } : {}),
  });

/**
 * Frozen, entries too: it is part of the library's API, and guest-advice keeps its findings under an
 * entry's id, so an entry changed by a caller would be given the findings of what it was.
 */
export const OS_TABLE: readonly OsEntry[] = Object.freeze([
  win('winxp', 'Windows XP', 'xp', 'windows-xp', 'wxp'),
  win('win2k3', 'Windows Server 2003', 'xp', 'windows-xp', 'w2k3', true),
  win('win2k3r2', 'Windows Server 2003 R2', 'xp', 'windows-xp', 'w2k3', true),
  win('winvista', 'Windows Vista', 'vista', 'windows-legacy', 'w2k8'),
  win('win2k8', 'Windows Server 2008', 'vista', 'windows-legacy', 'w2k8', true),
  win('win7', 'Windows 7', '7', 'windows-legacy', 'win7'),
  win('win2k8r2', 'Windows Server 2008 R2', '7', 'windows-legacy', 'win7', true),
  win('win8', 'Windows 8', '8', 'windows-legacy', 'win8'),
  win('win2k12', 'Windows Server 2012', '8', 'windows-legacy', 'win8', true),
  win('win8.1', 'Windows 8.1', '8.1', 'windows-legacy', 'win8'),
  win('win2k12r2', 'Windows Server 2012 R2', '8.1', 'windows-legacy', 'win8', true),
  win('win10', 'Windows 10', '10', 'windows-modern', 'win10'),
  win('win2k16', 'Windows Server 2016', '10', 'windows-modern', 'win10', true),
  win('win2k19', 'Windows Server 2019', '10', 'windows-modern', 'win10', true),
  win('win2k22', 'Windows Server 2022', '10', 'windows-modern', 'win11', true),
  win('win11', 'Windows 11', '11', 'windows-modern', 'win11'),
  win('win2k25', 'Windows Server 2025', '11', 'windows-modern', 'win11', true),
  Object.freeze({ id: 'linux', name: 'Linux', family: 'linux', preset: 'linux', proxmoxOstype: 'l26' }),
]);

/** libosinfo ids of common Linux distributions (rhel9.2, ubuntu22.04, debian12, fedora39...). */
const LINUX_ID =
  /^(linux\d*|rhel\d|centos|rocky|almalinux|fedora|ubuntu|debian|sles|opensuse|archlinux|alpinelinux|alpine|gentoo|mageia|oraclelinux|silverblue|nixos|void)/;

/** The entry for a libosinfo short id, or undefined. Distribution ids map to Linux. */
export function findOs(id: string): OsEntry | undefined {
  const lower = id.trim().toLowerCase();
  const hit = OS_TABLE.find((o) => o.id === lower);
  if (hit) return hit;
  if (LINUX_ID.test(lower)) return { ...OS_TABLE.find((o) => o.id === 'linux')!, id: lower, name: `Linux (${lower})` };
  return undefined;
}

/**
 * The entry for a libosinfo id as a domain's metadata holds it (`http://microsoft.com/win/11`,
 * `http://redhat.com/rhel/9.2`), or undefined when no entry matches. A Linux distribution is
 * recognised by the name and version in its id's path (`rhel/9.2`, `debian/12`...) and maps to the Linux
 * entry, with the full id in its name.
 */
export function findOsByLibosinfoId(uri: string): OsEntry | undefined {
  const id = uri.trim();
  const hit = OS_TABLE.find((o) => o.libosinfo === id);
  if (hit) return hit;
  // http://redhat.com/rhel/9.2: the distribution and its version read like a short id (rhel9.2).
  const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]*)$/.exec(id);
  if (m && LINUX_ID.test(`${m[1]}${m[2]}`.toLowerCase()))
    return { ...OS_TABLE.find((o) => o.id === 'linux')!, name: `Linux (${id})` };
  return undefined;
}

/** Close libosinfo ids, for "did you mean". */
export function suggestOs(id: string): string[] {
  return suggest(
    id,
    OS_TABLE.map((o) => o.id),
  );
}

/** True when `gen` is `from` or newer. */
export function generationAtLeast(gen: WindowsGeneration | undefined, from: string): boolean {
  if (!gen) return false;
  const a = WINDOWS_GENERATIONS.indexOf(gen);
  const b = WINDOWS_GENERATIONS.indexOf(from as WindowsGeneration);
  return a >= 0 && b >= 0 && a >= b;
}

/** Whether advice for `match` applies to this OS. */
export function osMatches(os: OsEntry | undefined, match: { family: 'windows' | 'linux'; from?: string }): boolean {
  if (!os || os.family !== match.family) return false;
  return match.from === undefined || generationAtLeast(os.generation, match.from);
}
