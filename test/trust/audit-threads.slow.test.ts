// audit shares a large folder among worker threads (src/cli/audit-workers.ts): the built CLI must
// print exactly what one thread prints, in the same order, for every output format, with files
// that are read, skipped, unreadable and broken mixed through the folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const examples = ['win10-virt-install.xml', 'win2k22-hand-edited.xml', 'typos.args', 'win11-gpu-launch.sh'].map((n) => [
  n.slice(n.lastIndexOf('.')),
  readFileSync(join(ROOT, 'examples', n), 'utf8'),
]);
// 900 entries over three folders: past the files one thread checks before workers start (200).
for (let i = 0; i < 900; i++) {
  const sub = join(dir, 'vms', `rack${i % 3}`);
  mkdirSync(sub, { recursive: true });
  const [ending, text] = examples[i % examples.length]!;
  if (i % 97 === 5) writeFileSync(join(sub, `net${i}.xml`), '<network><name>n</name></network>\n');
  else if (i % 89 === 7) writeFileSync(join(sub, `broken${i}.xml`), '<domain><features><hyperv>');
  else if (i % 83 === 3) writeFileSync(join(sub, `notes${i}.json`), '{"name": "x"}');
  else if (i % 101 === 9) symlinkSync(join(sub, 'missing.xml'), join(sub, `dangling${i}.xml`));
  else writeFileSync(join(sub, `vm${String(i).padStart(4, '0')}${ending}`), text!);
}

const audit = (threads: string, ...args: string[]) =>
  cli(['audit', ...args, 'vms'], { cwd: dir, env: { ...process.env, LC_ALL: 'C', ENLIGHTEN_AUDIT_THREADS: threads } });

describe('audit on worker threads', () => {
  it.each([[[]], [['--json']], [['--format', 'sarif']], [['--format', 'markdown']]])(
    'prints what one thread prints: %j',
    async (args) => {
      const [one, two] = await Promise.all([audit('1', ...args), audit('2', ...args)]);
      expect(two.stderr).toBe(one.stderr);
      expect(two.code).toBe(one.code);
      expect(two.stdout).toBe(one.stdout);
      expect(one.code).toBe(2); // the dangling links and the broken files
      expect(one.stdout.length).toBeGreaterThan(10_000);
    },
    120_000,
  );

  it('counts every entry once', async () => {
    const out = JSON.parse((await audit('2', '--json')).stdout) as {
      summary: { total: number; skipped: Record<string, number> };
    };
    const skipped = Object.values(out.summary.skipped).reduce((a, b) => a + b, 0);
    expect(out.summary.total + skipped).toBe(900);
  }, 120_000);
});
