/**
 * The release of the installed libvirt without starting a process. `virsh --version` costs 0.11 s,
 * more than the rest of a command's start, and every libvirt-facing command needs the release.
 * libvirt names its shared library after it: meson.build sets the library version to
 * `0.<1000 * major + minor>.<micro>`, so libvirt 9.0.0 installs `libvirt.so.0.9000.0` and 10.10.0
 * `libvirt.so.0.10010.0`. The library beside the `virsh` on PATH (its prefix's lib folders) is the
 * one it runs with; when none is found the caller asks `virsh --version`.
 */
import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { compareVersions } from '../rules/target-versions.js';

/** The first executable file `name` on PATH, its links resolved, or undefined. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      const st = statSync(candidate);
      if (st.isFile() && (st.mode & 0o111) !== 0) return realpathSync(candidate);
    } catch {
      // not there
    }
  }
  return undefined;
}

/** `libvirt.so.0.9000.0` -> `9.0.0`; undefined for other names (`libvirt.so.0`, `libvirt-qemu.so.0.9000.0`). */
export function versionOfLibraryName(name: string): string | undefined {
  const m = /^libvirt\.so\.0\.(\d+)\.(\d+)$/.exec(name);
  if (!m) return undefined;
  const age = Number(m[1]);
  if (age < 1000) return undefined;
  return `${Math.floor(age / 1000)}.${age % 1000}.${Number(m[2])}`;
}

/** The folders a prefix keeps its libraries in: `lib/<multiarch>`, `lib64`, `lib`. */
function libraryFolders(prefix: string): string[] {
  const lib = join(prefix, 'lib');
  let multiarch: string[] = [];
  try {
    multiarch = readdirSync(lib).filter((n) => /-linux-gnu\w*$/.test(n));
  } catch {
    // no lib folder
  }
  return [...multiarch.map((m) => join(lib, m)), join(prefix, 'lib64'), lib];
}

/** The release of the libvirt the `virsh` on PATH runs with, read from its library's name, or undefined. */
export function libvirtVersionFromLibrary(path?: string): string | undefined {
  const virsh = onPath('virsh', path);
  return virsh ? libvirtVersionBeside(virsh) : undefined;
}

/**
 * The release of the libvirt that `virsh` (a resolved path) runs with, read from its library's name:
 * the name the loader's link `libvirt.so.0` points to (one readlink), else the newest versioned
 * name in the folder (listing a multiarch folder of 1,200 libraries cost 1.6 ms at every start).
 */
export function libvirtVersionBeside(virsh: string): string | undefined {
  for (const folder of libraryFolders(dirname(dirname(virsh)))) {
    try {
      const linked = versionOfLibraryName(basename(readlinkSync(join(folder, 'libvirt.so.0'))));
      if (linked) return linked;
    } catch {
      // no such link, or not a link: the folder's names say it
    }
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    const found = names.map(versionOfLibraryName).filter((v): v is string => v !== undefined);
    // Two installs side by side: the newest, as the unversioned link the loader follows would pick.
    if (found.length) return found.sort(compareVersions).at(-1);
  }
  return undefined;
}
