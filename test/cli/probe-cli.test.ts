import { describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
async function run(args: string[]) {
  const r = await runCapture(args, { cwd: FIXTURES });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('enlighten probe (for real on this machine)', () => {
  it('--json: /dev/kvm usable, Hyper-V unsupported with the reason, exit 1', async () => {
    const r = await run(['probe', '--json', '--no-libvirt']);
    expect(r.code).toBe(1);
    const p = JSON.parse(r.out);
    expect(p).toMatchObject({ kvm: { present: true, usable: true }, hyperv: { supported: false, features: [] }, clocksource: { current: expect.any(String) } });
    expect(p.cpu.vendor).toBeTruthy();
    expect(p.findings[0].code).toBe('KVM_NO_HYPERV');
  });
  it('says plainly what the findings mean', async () => {
    const r = await run(['probe', '--no-tools']);
    expect(r.out).toMatch(/Hyper-V +not supported: KVM_CAP_HYPERV is 0/);
    expect(r.out).toMatch(/error KVM_NO_HYPERV: KVM_CAP_HYPERV is 0: this host's KVM has no Hyper-V emulation, so no hv-\* feature can work/);
  });
});
