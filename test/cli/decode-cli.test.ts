import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
async function run(args: string[]) {
  const r = await runCapture(args, { cwd: FIXTURES });
  return {
    code: r.code,
    out: r.stdout,
    err: r.stderr,
    golden: (name: string) => expect(goldenText(r, args)).toBe(readGolden(name, goldenText(r, args))),
  };
}

const WORKED =
  '-cpu host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-runtime,hv-time,hv-synic,hv-stimer,hv-frequencies,hv-reset,hv-tlbflush,hv-ipi';

describe('enlighten decode', () => {
  it('decodes the worked example in a long dmesg (golden, human and JSON)', async () => {
    const r = await run(['decode', 'guest/worked-example-dmesg.txt']);
    expect(r.code).toBe(0);
    r.golden('decode-worked-example');
    const j = await run(['decode', '--json', 'guest/worked-example-dmesg.txt']);
    expect(JSON.parse(j.out).features).toEqual([
      'time',
      'relaxed',
      'vapic',
      'vpindex',
      'runtime',
      'synic',
      'stimer',
      'reset',
      'frequencies',
      'tlbflush',
      'ipi',
    ]);
    j.golden('decode-worked-example-json');
  });
  it('--expect: exit 0 when the guest matches, 1 when it lacks a configured feature', async () => {
    expect((await run(['decode', '--expect', WORKED, 'guest/worked-example-table.txt'])).code).toBe(0);
    const r = await run(['decode', '--expect', `${WORKED},hv-crash`, 'guest/worked-example-table.txt']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error GUEST_FEATURE_MISSING: hv-crash is configured but the guest does not have it/);
  });
  it('--expect against this machine: no Hyper-V, the host cause first (golden)', async () => {
    const r = await run(['decode', '--json', '--expect', WORKED, 'guest/this-host-guest-script.txt']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).expect.map((d: { code: string }) => d.code)).toEqual(['GUEST_NO_HYPERV']);
    r.golden('decode-this-host-expect-json');
  });
  it('exits 2 when the input holds nothing to decode', async () => {
    const r = await run(['decode', 'nothing to see here']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/GUEST_NO_EVIDENCE/);
  });
});

describe('enlighten guest-script', () => {
  it('prints each script, and suggests on a typo', async () => {
    expect((await run(['guest-script', 'linux'])).out).toMatch(/^#!\/bin\/sh\n/);
    expect((await run(['guest-script', 'windows'])).out).toMatch(/X86Base/);
    const bad = await run(['guest-script', 'linx']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/did you mean linux/);
  });
});
