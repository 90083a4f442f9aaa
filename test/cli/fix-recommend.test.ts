import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';
import { describeReal, itReal, requireTool } from '../support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-fix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix on files', () => {
  it('edits the file in place with a backup, and the second run changes nothing', async () => {
    const file = join(dir, 'vm.args');
    const original =
      "qemu-system-x86_64 \\\n  -machine q35 \\\n  -cpu 'host,hv_relaxed,hv_vapic,hv_evmcs,hv_stimer' \\\n  -m 4096\n";
    writeFileSync(file, original);
    const first = await runCapture(['fix', '--cpu-vendor', 'amd', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toBe(
      "qemu-system-x86_64 \\\n  -machine q35 \\\n  -cpu 'host,hv_relaxed,hv_vapic,hv_stimer,hv_time,hv_vpindex,hv_synic' \\\n  -m 4096\n",
    );
    expect(readFileSync(`${file}.enlighten.bak`, 'utf8')).toBe(original);
    expect(first.stderr).toMatch(/remove hv_evmcs: .*AMD/);
    expect(first.stderr).toMatch(/wrote .*vm\.args/);

    const second = await runCapture(['fix', '--cpu-vendor', 'amd', file]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/nothing to fix/);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    expect(existsSync(`${file}.enlighten.1.bak`)).toBe(false);
  });

  it('--dry-run prints a diff and leaves the file alone; --stdout prints the result', async () => {
    const file = join(dir, 'dry.args');
    writeFileSync(file, '-cpu host,hv-synic=on\n');
    const dry = await runCapture(['fix', '--dry-run', file]);
    expect(dry.stdout).toContain('--- ');
    expect(dry.stdout).toContain('+-cpu host,hv-synic=on,hv-vpindex=on');
    expect(readFileSync(file, 'utf8')).toBe('-cpu host,hv-synic=on\n');
    const out = await runCapture(['fix', '--stdout', file]);
    expect(out.stdout).toBe('-cpu host,hv-synic=on,hv-vpindex=on\n');
    expect(readFileSync(file, 'utf8')).toBe('-cpu host,hv-synic=on\n');
  });

  it('exits 1 when an error is left that no fix can touch (an unknown property)', async () => {
    const run = await runCapture(['fix', 'host,hv_stimer,hv-foo']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('host,hv_stimer,hv-foo,hv_time,hv_vpindex,hv_synic\n');
    expect(run.stderr).toMatch(/UNKNOWN_FEATURE/);
  });
});

describeReal('fix --connect (the libvirt test driver)', () => {
  it('dumps, fixes and defines the domain', async () => {
    requireTool('virsh');
    const dry = await runCapture(['fix', '--connect', 'test:///default', '--os', 'win10', '--dry-run', 'test']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+    <timer name='hypervclock' present='yes'/>");
    expect(dry.stdout).toContain("+      <stimer state='on'/>");
    const real = await runCapture(['fix', '--connect', 'test:///default', '--os', 'win10', 'test']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toMatch(/Domain '?test'? defined from/);
  });

  it('says what virsh says when the domain does not exist', async () => {
    const run = await runCapture(['fix', '--connect', 'test:///default', 'no-such-domain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/dumpxml no-such-domain failed/);
  });
});

describe('recommend', () => {
  it('--json has the shape of convert --to json, plus a reason for every feature', async () => {
    const run = await runCapture(['recommend', '--os', 'win11', '--cpu-vendor', 'amd', '--json']);
    const out = JSON.parse(run.stdout) as {
      mode: string;
      features: Record<string, unknown>;
      reasons: { feature: string; reason: string; source: string }[];
    };
    expect(out.mode).toBe('custom');
    expect(out.features.stimer).toBe(true);
    expect(out.features.evmcs).toBeUndefined();
    expect(out.reasons).toHaveLength(35);
    const convert = await runCapture([
      'convert',
      '--to',
      'json',
      JSON.stringify({ mode: out.mode, features: out.features }),
    ]);
    expect(JSON.parse(convert.stdout)).toEqual({ mode: out.mode, features: out.features });
  });

  it('output checks clean with the same options, piped through check', async () => {
    for (const to of ['qemu', 'json', 'virt-xml'] as const) {
      const opts = [
        '--os',
        'win2k19',
        '--cpu-vendor',
        'intel',
        '--migratable',
        '--overcommitted',
        '--libvirt-version',
        '9.0.0',
      ];
      const rec = await runCapture(['recommend', '--to', to, ...opts]);
      expect(rec.code).toBe(0);
      const check = await runCapture(['check', '--from', to, ...opts, '-'], { stdin: rec.stdout });
      expect(check.code, `${to}\n${rec.stdout}\n${check.stdout}`).toBe(0);
    }
  });

  itReal('--host auto reads this host without failing', async () => {
    const run = await runCapture(['recommend', '--host', 'auto', '--os', 'win10', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).mode).toBe('custom');
  });
});
