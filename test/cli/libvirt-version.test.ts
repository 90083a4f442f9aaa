// The installed libvirt's release, read from its library's name instead of `virsh --version`.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { libvirtVersionFromLibrary, onPath, versionOfLibraryName } from '../../src/cli/libvirt-version.js';
import { itReal, requireTool } from '../support/tools.js';

describe("libvirt's release from its library", () => {
  it("reads meson's library version: 0.<1000 major + minor>.<micro>", () => {
    expect(versionOfLibraryName('libvirt.so.0.9000.0')).toBe('9.0.0');
    expect(versionOfLibraryName('libvirt.so.0.10010.0')).toBe('10.10.0');
    expect(versionOfLibraryName('libvirt.so.0.11001.2')).toBe('11.1.2');
    expect(versionOfLibraryName('libvirt.so.0')).toBeUndefined();
    expect(versionOfLibraryName('libvirt-qemu.so.0.9000.0')).toBeUndefined();
    expect(versionOfLibraryName('libvirt.so.0.999.0')).toBeUndefined();
  });

  const dir = mkdtempSync(join(tmpdir(), 'enlighten-libvirt-version-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const install = (prefix: string, lib: string, names: string[]) => {
    mkdirSync(join(prefix, 'bin'), { recursive: true });
    mkdirSync(join(prefix, lib), { recursive: true });
    writeFileSync(join(prefix, 'bin', 'virsh'), '#!/bin/sh\n');
    chmodSync(join(prefix, 'bin', 'virsh'), 0o755);
    for (const n of names) writeFileSync(join(prefix, lib, n), '');
  };

  it("looks beside the virsh on PATH: its prefix's multiarch, lib64 and lib folders", () => {
    install(join(dir, 'usr'), 'lib/x86_64-linux-gnu', [
      'libvirt.so.0',
      'libvirt.so.0.9000.0',
      'libvirt-qemu.so.0.9000.0',
    ]);
    install(join(dir, 'opt'), 'lib64', ['libvirt.so.0.10010.0', 'libvirt.so.0.9000.0']);
    expect(libvirtVersionFromLibrary(join(dir, 'usr', 'bin'))).toBe('9.0.0');
    expect(libvirtVersionFromLibrary(`${join(dir, 'opt', 'bin')}:${join(dir, 'usr', 'bin')}`)).toBe('10.10.0');
    expect(libvirtVersionFromLibrary(join(dir, 'nothing'))).toBeUndefined();
  });

  it("believes the loader's link libvirt.so.0 first, whatever else the folder holds", () => {
    install(join(dir, 'linked'), 'lib', ['libvirt.so.0.11000.0', 'libvirt.so.0.9000.0']);
    symlinkSync('libvirt.so.0.9000.0', join(dir, 'linked', 'lib', 'libvirt.so.0'));
    expect(libvirtVersionFromLibrary(join(dir, 'linked', 'bin'))).toBe('9.0.0');
  });

  it('follows a link to virsh to its prefix, and skips files that are not executable', () => {
    mkdirSync(join(dir, 'links'));
    symlinkSync(join(dir, 'usr', 'bin', 'virsh'), join(dir, 'links', 'virsh'));
    expect(libvirtVersionFromLibrary(join(dir, 'links'))).toBe('9.0.0');
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain', 'virsh'), '');
    expect(onPath('virsh', join(dir, 'plain'))).toBeUndefined();
  });

  itReal('gives what virsh --version says on this machine', () => {
    requireTool('virsh');
    const said = execFileSync('virsh', ['--version'], { encoding: 'utf8' }).trim();
    expect(libvirtVersionFromLibrary()).toBe(said);
  });
});
