/** `enlighten cpuid`, with golden outputs on the worked example in test/golden (UPDATE_GOLDEN=1 rewrites them). */
import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const WORKED =
  '-cpu host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-runtime,hv-time,hv-synic,hv-stimer,hv-frequencies,hv-reset,hv-tlbflush,hv-ipi';
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

describe('enlighten cpuid', () => {
  it('prints the worked example, annotated (golden)', async () => {
    const r = await run(['cpuid', WORKED]);
    expect(r.code).toBe(0);
    r.golden('cpuid-worked-example');
  });
  it('--json gives {"leaves": ...} (golden)', async () => {
    const r = await run(['cpuid', '--json', WORKED]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).leaves['0x40000003']).toEqual({
      eax: '0x00000aff',
      ebx: '0x00000030',
      ecx: '0x00000000',
      edx: '0x00000108',
    });
    r.golden('cpuid-worked-example-json');
  });
  it('--linux-log prints the lines of each era (golden)', async () => {
    const r = await run(['cpuid', '--linux-log', `${WORKED},kvm=off`]);
    expect(r.out).toContain('A Linux guest prints');
    r.golden('cpuid-worked-example-linux-log');
  });
  it('--machine pc-q35-6.1 reports version 6.1.7100', async () => {
    const r = await run(['cpuid', '--json', '--machine', 'pc-q35-6.1', 'host,hv-relaxed']);
    expect(JSON.parse(r.out).leaves['0x40000002'].eax).toBe('0x00001bbc');
  });
  it('passthrough: says the leaves depend on the host; with a probe file computes them', async () => {
    const r = await run(['cpuid', 'host,hv-passthrough']);
    expect(r.out).toMatch(/The Hyper-V leaves are not shown: in passthrough mode/);
    const none = await run(['cpuid', '--host', 'no-such-file.json', 'host,hv-passthrough']);
    expect(none.code).toBe(2);
    // A synthetic host whose KVM offers hv-syndbg, spinlocks 0xfff and vendor "Linux KVM Hv".
    const host = await run(['cpuid', '--json', '--host', 'host/synthetic-kvm-with-hyperv.json', 'host,hv-passthrough']);
    const leaves = JSON.parse(host.out).leaves;
    expect(leaves['0x40000000']).toEqual({
      eax: '0x40000005',
      ebx: '0x756e694c',
      ecx: '0x564b2078',
      edx: '0x7648204d',
    });
    expect(leaves['0x40000003'].edx).toBe('0x00080508'); // no HV_FEATURE_DEBUG_MSRS_AVAILABLE: passthrough skips syndbg
    expect(leaves['0x40000004'].ebx).toBe('0x00000fff');
    const match = await run([
      'decode',
      '--host',
      'host/synthetic-kvm-with-hyperv.json',
      '--expect',
      'host,hv-passthrough',
      'guest/worked-example-table.txt',
    ]);
    expect(match.out).toMatch(/GUEST_VALUE_DIFFERS: hv-spinlocks: configured 4095/);
  });
  it('exits 1 on a configuration with errors, 2 on bad usage', async () => {
    expect((await run(['cpuid', 'host,hv-relaxed=maybe'])).code).toBe(1);
    expect((await run(['cpuid'])).code).toBe(2);
  });
});
