// What a replaced file keeps (mode, owner, group, the symlink to it), what needs --force (a
// read-only file), and what fails cleanly with exit 2 (a read-only folder, a full disk).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tools.js';
import { backupsOf, cli, featuresOf, isRoot, leftovers, needsRoot } from './support.js';

const START = '-cpu host,hv-relaxed\n';
const mounted: string[] = [];

function mount(args: string[], at: string): void {
  execFileSync('mount', [...args, at]);
  mounted.push(at);
}

afterAll(() => {
  for (const at of mounted.reverse()) execFileSync('umount', [at]);
});

function fileIn(dir: string, name = 'vm.args'): string {
  const file = join(dir, name);
  writeFileSync(file, START);
  return file;
}

describe('a replaced file keeps what it was', () => {
  it.skipIf(needsRoot('keeping owner and group'))('mode 0600 and owner nobody:nogroup stay (root run)', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o600);
    const run = await cli(['set', file, 'hv-vapic']);
    expect(run.code, run.stderr).toBe(0);
    const st = statSync(file);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([65534, 65534, 0o600]);
    expect(featuresOf(file)).toEqual({ relaxed: true, vapic: true });
    const backup = statSync(`${file}.enlighten.bak`);
    expect([backup.uid, backup.gid, backup.mode & 0o7777]).toEqual([65534, 65534, 0o600]);
  });

  it('a symlinked target is edited where it points, and the link stays', async () => {
    const real = makeTempDir('enlighten-trust-');
    const file = fileIn(real);
    chmodSync(file, 0o640);
    const links = makeTempDir('enlighten-trust-');
    const link = join(links, 'vm.args');
    symlinkSync(file, link);
    const run = await cli(['set', link, 'hv-time']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`${link}: updated (backup: ${file}.enlighten.bak)\n`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(file);
    expect(featuresOf(file)).toEqual({ relaxed: true, time: true });
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readFileSync(`${file}.enlighten.bak`, 'utf8')).toBe(START);
    expect(readdirSync(links)).toEqual(['vm.args']);
  });
});

describe('a read-only file', () => {
  it.each([['set', 'hv-vpindex'], ['fix']])(
    '%s refuses it without --force and writes it with --force',
    async (command, ...words) => {
      const dir = makeTempDir('enlighten-trust-');
      const file = join(dir, 'vm.args');
      writeFileSync(file, '-cpu host,hv-synic\n'); // both set hv-vpindex and fix add what synic needs
      chmodSync(file, 0o444);
      const refused = await cli([command, file, ...words]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`enlighten: ${file} is read-only; nothing was written\nhint: add --force`);
      expect(readFileSync(file, 'utf8')).toBe('-cpu host,hv-synic\n');
      expect(backupsOf(dir, 'vm.args')).toEqual([]);
      const forced = await cli([command, '--force', file, ...words]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(featuresOf(file)).toMatchObject({ synic: true, vpindex: true });
      expect(statSync(file).mode & 0o7777).toBe(0o444);
      expect(leftovers(dir)).toEqual([]);
    },
  );

  it('--force is in the help of set and fix', async () => {
    for (const command of ['set', 'fix'])
      expect((await cli([command, '--help'])).stdout, command).toMatch(
        /--force +write a file even when it is read-only/,
      );
  });
});

describe('a folder that cannot take the new file', () => {
  it('a read-only folder: exit 2, a clear message, the file untouched', async () => {
    const dir = makeTempDir('enlighten-trust-');
    const file = fileIn(dir);
    let target = file;
    if (isRoot) {
      // Root ignores folder permissions: a read-only bind mount is what stops it.
      const ro = join(makeTempDir('enlighten-trust-'), 'ro');
      mkdirSync(ro);
      mount(['--bind', '-o', 'ro', dir], ro);
      target = join(ro, 'vm.args');
    } else chmodSync(dir, 0o555);
    const run = await cli(['set', target, 'hv-vapic']);
    if (!isRoot) chmodSync(dir, 0o755);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^enlighten: cannot write .*vm\.args: (.* is on a read-only file system|permission denied in .*); the original is untouched\nhint: /,
    );
    expect(readFileSync(file, 'utf8')).toBe(START);
    expect(readdirSync(dir)).toEqual(['vm.args']);
    expect((await cli(['set', target, 'hv-relaxed'])).stderr).toBe(`${target}: nothing to change\n`);
  });

  it.skipIf(needsRoot('the full disk test (it mounts a tmpfs)'))(
    'a full disk: exit 2, a clear message, no temporary file, the file untouched',
    async () => {
      const dir = join(makeTempDir('enlighten-trust-'), 'full');
      mkdirSync(dir);
      mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs'], dir);
      const file = fileIn(dir);
      const filler = join(dir, 'filler');
      try {
        for (;;) writeFileSync(filler, Buffer.alloc(4096), { flag: 'a' });
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      const run = await cli(['set', file, 'hv-vapic']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^enlighten: cannot write .*vm\.args: no space left in .*; the original is untouched\nhint: free some space/,
      );
      expect(readFileSync(file, 'utf8')).toBe(START);
      expect(leftovers(dir)).toEqual([]);
      expect(backupsOf(dir, 'vm.args')).toEqual([]);
      execFileSync('truncate', ['-s', '0', filler]);
      const again = await cli(['set', file, 'hv-vapic']);
      expect(again.code, again.stderr).toBe(0);
      expect(featuresOf(file)).toEqual({ relaxed: true, vapic: true });
    },
  );
});
