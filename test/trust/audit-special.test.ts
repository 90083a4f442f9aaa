/** audit reads files only: a FIFO given by name, or a dangling link in a folder, is a row, never a hang or a silence. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-audit-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a FIFO argument and a dangling link each get a row with the reason; the rest is audited; exit 2', async () => {
  execFileSync('mkfifo', [join(dir, 'pipe.args')]);
  mkdirSync(join(dir, 'vms'));
  writeFileSync(join(dir, 'vms', 'good.args'), '-cpu host,hv-relaxed\n');
  symlinkSync('/nonexistent/vm.args', join(dir, 'vms', 'gone.args'));
  const r = await runCapture(['audit', 'pipe.args', 'vms'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toMatch(/^pipe\.args .*unreadable: not a regular file/m);
  expect(r.stdout).toMatch(/^vms\/gone\.args .*unreadable: a link that leads nowhere/m);
  expect(r.stdout).toMatch(/^vms\/good\.args +qemu /m);
  expect(r.stdout).toMatch(/3 configurations: 0 with errors, 0 with warnings only, 1 clean, 2 unreadable/);
});
