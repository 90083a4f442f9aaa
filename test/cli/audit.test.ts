import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { itReal, requireTool } from '../support/tools.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('enlighten audit', () => {
  it.each([
    ['audit-examples', ['audit', 'examples']],
    ['audit-examples-json', ['audit', '--json', 'examples']],
    ['audit-examples-win10', ['audit', '--os', 'win10', '--cpu-vendor', 'amd', 'examples']],
    ['audit-no-input', ['audit']],
    ['audit-missing', ['audit', 'no/such/folder']],
  ])('%s', async (name, argv) => {
    const run = await runCapture(argv, { cwd: ROOT });
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });

  const dir = mkdtempSync(join(tmpdir(), 'enlighten-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders for .xml, .args and .json, skipping hidden entries and other files', async () => {
    mkdirSync(join(dir, 'hosts', 'a'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'hosts', 'a', 'vm1.args'), '-cpu host,hv_stimer\n');
    writeFileSync(join(dir, 'hosts', 'vm2.json'), '{"features": {"relaxed": true}}');
    writeFileSync(join(dir, 'hosts', 'notes.txt'), 'not a configuration');
    writeFileSync(join(dir, '.git', 'config.xml'), '<x/>');
    const run = await runCapture(['audit', '--json', 'hosts'], { cwd: dir });
    const out = JSON.parse(run.stdout) as {
      configurations: { input: string; errors: number }[];
      summary: { total: number; withErrors: number };
    };
    expect(out.configurations.map((c) => [c.input, c.errors])).toEqual([
      ['hosts/a/vm1.args', 3],
      ['hosts/vm2.json', 0],
    ]);
    expect(out.summary).toMatchObject({ total: 2, withErrors: 1 });
    expect(run.code).toBe(1);
  });

  itReal('audits every domain of a real libvirt connection', async () => {
    requireTool('virsh');
    const run = await runCapture(['audit', '--json', '--connect', 'test:///default']);
    const out = JSON.parse(run.stdout) as { configurations: { input: string; format: string }[] };
    expect(out.configurations).toEqual([
      expect.objectContaining({ input: 'localhost/test', host: 'test:///default', domain: 'test', format: 'libvirt' }),
    ]);
    expect(run.code).toBe(0);
  });
});
