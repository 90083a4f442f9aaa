/** `enlighten probe` for real on this machine, whatever kind of host it is. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
async function run(args: string[]) {
  const r = await runCapture(args, { cwd: FIXTURES });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('enlighten probe (for real on this machine)', () => {
  it('--json: the KVM part matches /dev/kvm, and the exit status matches the findings', async () => {
    const r = await run(['probe', '--json', '--no-tools']);
    const p = JSON.parse(r.out);
    expect(p.kvm.present).toBe(existsSync('/dev/kvm'));
    expect(p.cpu.vendor).toBeTruthy();
    expect(p.clocksource.current).toEqual(expect.any(String));
    const errors = p.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(r.code).toBe(errors.length ? 1 : 0);
    if (!p.kvm.present) expect(p.findings[0].code).toBe('KVM_MISSING');
    if (p.hyperv.supported === false) expect(p.findings[0].code).toBe('KVM_NO_HYPERV');
  });
  it('says plainly what the findings mean', async () => {
    const r = await run(['probe', '--no-tools']);
    if (!existsSync('/dev/kvm')) {
      expect(r.out).toMatch(/error KVM_MISSING: no \/dev\/kvm/);
      expect(r.out).toMatch(/Hyper-V +unknown|Hyper-V +not supported|Hyper-V +no KVM/);
    } else if (/KVM_CAP_HYPERV is 0/.test(r.out)) {
      expect(r.out).toMatch(
        /error KVM_NO_HYPERV: KVM_CAP_HYPERV is 0: this host's KVM has no Hyper-V emulation, so no hv-\* feature can work/,
      );
    } else {
      expect(r.out).not.toMatch(/KVM_NO_HYPERV|KVM_MISSING/);
    }
  });
});
