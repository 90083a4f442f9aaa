// audit over folders as people have them: /etc/libvirt with its networks, storage pools and
// autostart links; files that hold no VM configuration; paths shown as given; no cap on the count.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WALKED_ENDINGS } from '../../src/cli/audit-inputs.js';
import { detectFormat, otherDocument } from '../../src/formats/registry.js';
import { runCapture } from '../support/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');

const NETWORK = `<!--
WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:
  virsh net-edit default
or other application using the libvirt API.
-->

<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'/>
</network>
`;

interface AuditJson {
  configurations: { input: string; format: string; error?: string }[];
  summary: { total: number; skipped?: Record<string, number>; unreadable?: number };
}

describe('audit over libvirt folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-audit-folders-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The shape of /etc/libvirt on Debian: domains in qemu/, networks in qemu/networks/, pools in storage/.
  const etc = join(dir, 'etc', 'libvirt');
  mkdirSync(join(etc, 'qemu', 'networks', 'autostart'), { recursive: true });
  mkdirSync(join(etc, 'qemu', 'autostart'), { recursive: true });
  mkdirSync(join(etc, 'storage', 'autostart'), { recursive: true });
  writeFileSync(join(etc, 'qemu', 'win11.xml'), example('win11-virt-install.xml'));
  writeFileSync(join(etc, 'qemu', 'win2k22.xml'), example('win2k22-hand-edited.xml'));
  symlinkSync('../win11.xml', join(etc, 'qemu', 'autostart', 'win11.xml'));
  writeFileSync(join(etc, 'qemu', 'networks', 'default.xml'), NETWORK);
  symlinkSync('../default.xml', join(etc, 'qemu', 'networks', 'autostart', 'default.xml'));
  writeFileSync(
    join(etc, 'storage', 'default.xml'),
    "<pool type='dir'>\n  <name>default</name>\n  <target><path>/var/lib/libvirt/images</path></target>\n</pool>\n",
  );
  symlinkSync('../default.xml', join(etc, 'storage', 'autostart', 'default.xml'));
  writeFileSync(join(etc, 'libvirtd.conf'), 'listen_tls = 0\n');

  it("the help's own example: audit /etc/libvirt/qemu reads the domains and skips the network and the links", async () => {
    const run = await runCapture(['audit', 'etc/libvirt/qemu'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // win2k22 has errors; nothing is unreadable
    expect(run.stdout).toMatch(/^etc\/libvirt\/qemu\/win11\.xml +libvirt/m);
    expect(run.stdout).toMatch(/^etc\/libvirt\/qemu\/win2k22\.xml +libvirt/m);
    expect(run.stdout).not.toMatch(/unreadable|^\S*(autostart|networks)\//m);
    expect(run.stdout).toContain(
      'skipped 3 files that hold no VM configuration: 2 × a link to a file audited under its own name (as autostart/ links are), 1 × a libvirt network',
    );
  });

  it('counts every kind in JSON, and shows absolute paths as given', async () => {
    const run = await runCapture(['audit', '--json', join(etc)], { cwd: ROOT });
    const out = JSON.parse(run.stdout) as AuditJson;
    expect(out.configurations.map((c) => c.input)).toEqual([
      join(etc, 'qemu', 'win11.xml'),
      join(etc, 'qemu', 'win2k22.xml'),
    ]);
    expect(out.summary.skipped).toEqual({
      'a link to a file audited under its own name (as autostart/ links are)': 3,
      'a libvirt network': 1,
      'a libvirt storage pool': 1,
    });
    expect(out.summary.unreadable).toBeUndefined();
  });

  it('a link to a domain outside the folders is audited under the link', async () => {
    const other = join(dir, 'elsewhere');
    mkdirSync(join(other, 'vms'), { recursive: true });
    writeFileSync(join(dir, 'outside.xml'), example('win11-virt-install.xml'));
    symlinkSync(join(dir, 'outside.xml'), join(other, 'vms', 'linked.xml'));
    const out = JSON.parse((await runCapture(['audit', '--json', 'elsewhere'], { cwd: dir })).stdout) as AuditJson;
    expect(out.configurations.map((c) => c.input)).toEqual(['elsewhere/vms/linked.xml']);
  });

  it('a named file that holds no configuration is a row with the reason; one met in a folder is skipped', async () => {
    const d = join(dir, 'mixed');
    mkdirSync(d);
    writeFileSync(join(d, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
    writeFileSync(join(d, 'build.sh'), '#!/bin/sh\nmake all\n');
    writeFileSync(join(d, 'vm.args'), '-cpu host,hv-relaxed=on\n');
    const walked = JSON.parse((await runCapture(['audit', '--json', 'mixed'], { cwd: dir })).stdout) as AuditJson;
    expect(walked.configurations.map((c) => c.input)).toEqual(['mixed/vm.args']);
    expect(walked.summary.skipped).toEqual({ 'a file that holds no VM configuration': 2 });
    const named = await runCapture(['audit', '--json', 'mixed/package.json', 'mixed/vm.args'], { cwd: dir });
    const out = JSON.parse(named.stdout) as AuditJson;
    expect(out.configurations.map((c) => [c.input, c.error?.slice(0, 30)])).toEqual([
      ['mixed/package.json', 'no configuration found in mixe'],
      ['mixed/vm.args', undefined],
    ]);
    expect(named.code).toBe(2);
  });

  it('walks into the files whose ending a syntax claims, in any case, and no other', async () => {
    const d = join(dir, 'endings');
    mkdirSync(d);
    const args = '-cpu host,hv-relaxed=on\n';
    for (const name of ['a.XML', 'b.Args', 'c.sh', 'd.tar.xml', 'e.txt', 'f.xml.bak', 'g', 'h.xmll', 'i.yml'])
      writeFileSync(join(d, name), args);
    const out = JSON.parse((await runCapture(['audit', '--json', 'endings'], { cwd: dir })).stdout) as AuditJson;
    expect(out.configurations.map((c) => c.input).sort()).toEqual(
      ['a.XML', 'b.Args', 'c.sh', 'd.tar.xml', 'i.yml'].map((n) => `endings/${n}`),
    );
    // wanted() in src/cli/audit-inputs.ts compares the ending from the last dot: one dot each.
    for (const e of WALKED_ENDINGS) expect(e).toMatch(/^\.[^.]+$/);
  });

  it('has no cap on the number of files', async () => {
    const d = join(dir, 'many');
    mkdirSync(d);
    for (let i = 0; i < 10_050; i++) writeFileSync(join(d, `vm${i}.args`), '-cpu host,hv-relaxed=on\n');
    const run = await runCapture(['audit', '--json', 'many'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as AuditJson).summary.total).toBe(10_050);
  }, 120_000);
});

describe('detection by file ending', () => {
  it('asks the syntaxes that claim the ending first, then all', () => {
    // A launch script whose heredoc writes a domain: by its ending a script, not XML.
    const script = example('win11-gpu-launch.sh');
    expect(detectFormat(script, 'win11-gpu-launch.sh')?.id).toBe(detectFormat(script)?.id);
    expect(detectFormat('-cpu host,hv-relaxed=on', 'vm.xml')?.id).toBe('qemu');
    expect(detectFormat(example('win11-virt-install.xml'), 'x.xml')?.id).toBe('libvirt');
  });

  it("names libvirt's other documents and nothing else", () => {
    expect(otherDocument(NETWORK)).toBe('a libvirt network');
    expect(otherDocument("<?xml version='1.0'?>\n<domainsnapshot><domain type='kvm'/></domainsnapshot>")).toBe(
      'a libvirt domain snapshot',
    );
    expect(otherDocument(example('win11-virt-install.xml'))).toBeUndefined();
    expect(otherDocument('<hyperv/>')).toBeUndefined();
    expect(otherDocument('-cpu host')).toBeUndefined();
    expect(otherDocument('<constructor/>')).toBeUndefined();
  });
});
