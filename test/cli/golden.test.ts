import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

/** Each command's human and JSON output, compared with test/golden/NAME.txt. */
const CASES: [string, string[]][] = [
  ['list', ['list']],
  ['list-json', ['list', '--json']],
  ['explain-stimer', ['explain', 'stimer']],
  ['explain-legacy-name', ['explain', 'hv_evmcs']],
  ['explain-json-vapic', ['explain', '--json', 'vapic']],
  ['explain-unknown', ['explain', 'stimmer']],
  [
    'convert-qemu-modern',
    ['convert', '--to', 'qemu', '-cpu host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time,+vmx'],
  ],
  [
    'convert-qemu-legacy',
    ['convert', '--to', 'qemu', '--style', 'legacy', 'host,hv-relaxed=on,hv-spinlocks=8191,hv-stimer=off'],
  ],
  [
    'convert-json',
    ['convert', '--to', 'json', 'host,hv_relaxed,hv_stimer=off,hv_spinlocks=0x1fff,hv_vendor_id=KVM Hv'],
  ],
  [
    'convert-json-in',
    ['convert', '--to', 'qemu', '{"mode": "custom", "features": {"relaxed": true, "spinlocks": 8191}}'],
  ],
  ['convert-bad-input', ['convert', '--to', 'qemu', 'host,hv-relaxed=maybe']],
  ['convert-no-to', ['convert', 'host,hv_relaxed']],
  ['convert-unknown-to', ['convert', '--to', 'qemo', 'host,hv_relaxed']],
  ['check-stimer', ['check', '-cpu host,hv_stimer']],
  ['check-stimer-json', ['check', '--json', '-cpu host,hv_stimer']],
  ['check-clean', ['check', 'host,hv-relaxed,hv-vpindex,hv-synic,hv-time,hv-stimer']],
  ['check-values-json', ['check', '--json', 'host,hv-relaxed=maybe,hv_foo,hv-spinlocks=0x100000000']],
  ['check-missing-file', ['check', 'missing/vm.args']],
  ['unknown-command', ['chek', 'x']],
];

describe('CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const run = await runCapture(argv);
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });

  it('reads stdin with -', async () => {
    const run = await runCapture(['convert', '--to', 'json', '-'], { stdin: 'host,hv_relaxed\n' });
    expect(JSON.parse(run.stdout)).toEqual({ mode: 'custom', features: { relaxed: true } });
  });

  it('exits 0 on --help for every command, and 2 without arguments', async () => {
    for (const cmd of ['list', 'explain', 'convert', 'check']) {
      const run = await runCapture([cmd, '--help']);
      expect(run.code, cmd).toBe(0);
      expect(run.stdout, cmd).toContain('Examples:');
    }
    expect((await runCapture([])).code).toBe(2);
  });
});
