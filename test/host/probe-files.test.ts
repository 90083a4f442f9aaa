/**
 * The three kinds of host, from probe files kept in test/fixtures/host (see its README): what
 * `probe` means by each, and what `recommend` and `check` make of it. Runs the same on any machine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpretProbe, parseHostProbe } from '../../src/host/index.js';
import type { HostProbe } from '../../src/host/types.js';
import { runCapture } from '../support/run-cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const read = (name: string): HostProbe => {
  const r = parseHostProbe(readFileSync(`${FIXTURES}host/${name}`, 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r)}`);
  return r.value;
};

const KINDS = [
  { file: 'no-kvm.json', first: 'KVM_MISSING', supported: null, hv: false },
  { file: 'kvm-without-hyperv.json', first: 'KVM_NO_HYPERV', supported: false, hv: false },
  { file: 'synthetic-kvm-with-hyperv.json', first: undefined, supported: true, hv: true },
] as const;

describe.each(KINDS)('a host like $file', ({ file, first, supported, hv }) => {
  it('reads back, and means what its kind means', () => {
    const p = interpretProbe(read(file));
    expect(p.hyperv.supported).toBe(supported);
    const codes = p.findings.map((f) => f.code);
    if (first) expect(codes[0]).toBe(first);
    else expect(codes.filter((c) => c.startsWith('KVM_'))).toEqual([]);
  });
  it('recommend --host FILE: enlightenments only where KVM emulates Hyper-V', async () => {
    const r = await runCapture(['recommend', '--os', 'win11', '--host', `host/${file}`], { cwd: FIXTURES });
    expect(r.code).toBe(0);
    const value = r.stdout.trim();
    if (hv) expect(value).toMatch(/^host,hv-time=on,hv-relaxed=on,.*hv-stimer=on/);
    else expect(value).toBe('host');
  });
  it('check --host-file FILE: hv-* flags are errors where KVM cannot give them', async () => {
    const r = await runCapture(['check', '--host-file', `host/${file}`, '-cpu host,hv-relaxed,hv-vapic'], {
      cwd: FIXTURES,
    });
    if (hv) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/no problems found/);
    } else {
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/error\[HOST_LACKS_FEATURE\]: hv-relaxed: KVM on this host has no Hyper-V emulation/);
    }
  });
});
