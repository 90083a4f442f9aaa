// Output the system will not take: a full disk, and stdout and stderr sharing one pipe that fills up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itReal, requireTool } from '../support/tools.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'enlighten.cjs');
const dir = mkdtempSync(join(tmpdir(), 'enlighten-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const enlighten = `${sh(process.execPath)} ${sh(CLI)}`;

describe('output the system refuses', () => {
  const args = join(dir, 'typos.args');
  writeFileSync(args, '-cpu host,hv-relaxed,hv-stimer,hv-unknown\n');

  // /dev/full answers every write with ENOSPC: a full disk under `enlighten ... > report`.
  it.runIf(existsSync('/dev/full')).each([
    ['list', 'list'],
    ['list --json', 'list --json'],
    ['check (findings)', `check ${sh(args)}`],
    ['help', '--help'],
  ])('%s to a full disk says so and exits 2, with no stack trace and no "bug"', (_, command) => {
    const r = spawnSync('bash', ['-c', `${enlighten} ${command} > /dev/full`], { encoding: 'utf8' });
    expect(r.stderr).toBe('enlighten: cannot write the output (standard output): no space left on device\n');
    expect(r.status).toBe(2);
  });

  // fix writes the file, then reports on stdout: exit 2 alone would read as "nothing was written".
  it.runIf(existsSync('/dev/full'))('a file written before the output failed is named, with its backup', () => {
    const file = join(dir, 'written.args');
    writeFileSync(file, '-cpu host,hv-relaxed,hv-stimer\n');
    const r = spawnSync('bash', ['-c', `${enlighten} fix --json ${sh(file)} > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(readFileSync(file, 'utf8')).not.toBe('-cpu host,hv-relaxed,hv-stimer\n');
    expect(r.stderr).toBe(
      `enlighten: cannot write the output (standard output): no space left on device; written before that, all the same: ${file} (the original is in ${file}.enlighten.bak)\n`,
    );
    // Output that fails with nothing written says only that.
    const again = spawnSync('bash', ['-c', `${enlighten} fix --json ${sh(file)} > /dev/full`], { encoding: 'utf8' });
    expect(again.stderr).toBe('enlighten: cannot write the output (standard output): no space left on device\n');
  });

  // --connect defines the domain, then reports: the message names the domain, not only the connection.
  itReal.runIf(existsSync('/dev/full'))('a domain defined before the output failed is named', () => {
    requireTool('virsh');
    for (const command of [
      'set --connect test:///default test relaxed',
      'fix --connect test:///default --os win10 test',
    ]) {
      const r = spawnSync('bash', ['-c', `${enlighten} ${command} --json > /dev/full`], { encoding: 'utf8' });
      expect(r.status, command).toBe(2);
      expect(r.stderr, command).toBe(
        'enlighten: cannot write the output (standard output): no space left on device; written before that, all the same: the domain test, defined on test:///default\n',
      );
    }
  });

  it.runIf(existsSync('/dev/full'))('a full disk on both outputs still exits 2, quietly', () => {
    const r = spawnSync('bash', ['-c', `${enlighten} list > /dev/full 2>&1; echo "status $?"`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('status 2\n');
  });

  // convert writes each object's heading and findings to stderr and the result to stdout. A
  // parent that left the shared pipe non-blocking makes writes answer EAGAIN once it is full:
  // what follows must still come in the order it was written, whichever descriptor it goes to.
  itReal('stdout and stderr on one non-blocking pipe that fills up keep their order', () => {
    requireTool('python3');
    const manifest = join(dir, 'stream.yaml');
    const vm = (i: number) =>
      `---\napiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: vm-${i}-${'x'.repeat(200)}\nspec:\n  template:\n    spec:\n      domain:\n        features:\n          hyperv:\n            relaxed: {}\n            stimer: {}\n`;
    writeFileSync(manifest, Array.from({ length: 400 }, (_, i) => vm(i)).join(''));
    const command = `${enlighten} convert --to libvirt ${sh(manifest)}`;
    const inFile = join(dir, 'in-file.txt');
    const expected = spawnSync('bash', ['-c', `${command} > ${sh(inFile)} 2>&1; echo "status $?"`], {
      encoding: 'utf8',
    });
    expect(expected.stdout).toBe('status 0\n');
    const want = readFileSync(inFile, 'utf8');
    expect(want.length).toBeGreaterThan(200_000);
    expect(want.indexOf('<domain')).toBeGreaterThan(want.lastIndexOf('== '));
    const out = join(dir, 'through-pipe.txt');
    const nonBlocking =
      'import os, subprocess, sys; os.set_blocking(1, False); sys.exit(subprocess.run(sys.argv[1:]).returncode)';
    // A reader that takes 4 KiB at a time, now and then: the pipe fills and empties all along.
    const slowReader =
      'import os, sys, time\nwith open(sys.argv[1], "wb") as f:\n  while b := os.read(0, 4096):\n    f.write(b); time.sleep(0.005)';
    const pipeline = `python3 -c ${sh(nonBlocking)} ${command} 2>&1 | python3 -c ${sh(slowReader)} ${sh(out)}; echo "status \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', pipeline], { encoding: 'utf8' });
    expect(r.stderr).toBe('status 0\n');
    expect(readFileSync(out, 'utf8')).toBe(want);
  });
});
