// audit goes on past inputs it cannot read: each is one row with its reason, and the totals print.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'enlighten-audit-bounds-'));
// As root the CLI runs as nobody, who may not reach the checkout (a clone in a 0700 folder): it
// runs from a copy of the built bin/ and dist/cli.cjs in this test's own world-readable folder.
const CLI = join(dir, 'cli', 'bin', 'enlighten.cjs');
mkdirSync(join(dir, 'cli', 'bin'), { recursive: true });
mkdirSync(join(dir, 'cli', 'dist'));
copyFileSync(join(ROOT, 'bin', 'enlighten.cjs'), CLI);
copyFileSync(join(ROOT, 'dist', 'cli.cjs'), join(dir, 'cli', 'dist', 'cli.cjs'));
afterAll(() => {
  chmodSync(join(dir, 'vms', 'locked'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

chmodSync(dir, 0o755);
mkdirSync(join(dir, 'vms', 'locked'), { recursive: true });
writeFileSync(join(dir, 'vms', 'a-good.args'), '-cpu host,hv_relaxed\n');
writeFileSync(join(dir, 'vms', 'b-big.args'), `-cpu host,${'hv_relaxed,'.repeat(300)}\n`);
writeFileSync(
  join(dir, 'vms', 'c-latin1.xml'),
  Buffer.concat([Buffer.from('<domain><name>caf'), Buffer.from([0xe9]), Buffer.from('</name></domain>')]),
);
writeFileSync(join(dir, 'vms', 'd-\x1b[31mred\nline.args'), '-cpu host,hv_stimer\n');
writeFileSync(join(dir, 'vms', 'e-secret.args'), '-cpu host\n');
writeFileSync(join(dir, 'vms', 'locked', 'inside.args'), '-cpu host\n');
chmodSync(join(dir, 'vms', 'e-secret.args'), 0o000);
chmodSync(join(dir, 'vms', 'locked'), 0o000);

/** Runs the real CLI; as root (who may read anything) it runs as nobody, so that mode 000 means unreadable. */
function audit(...args: string[]) {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return spawnSync(process.execPath, [CLI, 'audit', '--max-bytes', '1K', ...args], {
    cwd: dir,
    encoding: 'utf8',
    ...asNobody,
  });
}

describe('audit with inputs it cannot read', () => {
  it('prints one row per failure with its reason, then the totals, and exits 2', () => {
    const r = audit('vms', 'missing');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^vms\/a-good\.args +qemu +- +0 +0 +1 +-$/);
    expect(lines[2]).toMatch(
      /^vms\/b-big\.args +- +- +- +- +- +unreadable: vms\/b-big\.args is over the 1024-byte limit; pass --max-bytes to raise it$/,
    );
    expect(lines[3]).toMatch(
      /^vms\/c-latin1\.xml .*unreadable: vms\/c-latin1\.xml is not valid UTF-8: byte 0xE9 at byte offset 17/,
    );
    expect(lines[4]).toMatch(/^vms\/d-\\u001b\[31mred\\nline\.args +qemu +- +3 /);
    expect(lines[5]).toMatch(/^vms\/e-secret\.args .*unreadable: cannot read vms\/e-secret\.args: permission denied$/);
    expect(lines[6]).toMatch(/^vms\/locked .*unreadable: cannot read the folder: permission denied$/);
    expect(lines[7]).toMatch(/^missing .*unreadable: no such file or folder$/);
    expect(lines[9]).toBe('7 configurations: 1 with errors, 0 with warnings only, 1 clean, 5 unreadable');
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
  });

  it('gives each failure its error in JSON, and counts them', () => {
    const r = audit('--json', 'vms');
    const out = JSON.parse(r.stdout) as {
      configurations: { input: string; error?: string }[];
      summary: { total: number; unreadable: number };
    };
    expect(out.configurations.filter((c) => c.error).map((c) => c.input)).toEqual([
      'vms/b-big.args',
      'vms/c-latin1.xml',
      'vms/e-secret.args',
      'vms/locked',
    ]);
    expect(out.configurations[3]!.input).toBe('vms/d-\x1b[31mred\nline.args');
    expect(out.summary).toMatchObject({ total: 6, unreadable: 4 });
    expect(r.status).toBe(2);
  });

  it('still exits 1, not 2, when everything was read', async () => {
    const r = await runCapture(['audit', 'vms/a-good.args', 'vms/d-\x1b[31mred\nline.args'], { cwd: dir });
    expect(r.code).toBe(1);
  });
});
