import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const XML = 'test/fixtures/rules/win10-no-hypervclock.xml';
const AMD = 'test/fixtures/rules/amd-host.json';

/** check with guest, host, workload and target options; fix; recommend. Compared with test/golden/NAME.txt. */
const CASES: [string, string[]][] = [
  ['check-rule-amd-evmcs', ['check', '--cpu-vendor', 'amd', 'host,hv_relaxed,hv_vapic,hv_evmcs']],
  [
    'check-rule-win10-migratable',
    [
      'check',
      '--os',
      'win10',
      '--migratable',
      '-cpu host,hv-relaxed=on,hv-passthrough=on,hv-reenlightenment=on,hv-spinlocks=0xffffffff',
    ],
  ],
  [
    'check-rule-values-json',
    [
      'check',
      '--json',
      '{"features": {"spinlocks": 100, "vendor-id": "Red,Hat,Virtualization", "version-id-snumber": 16777216}}',
    ],
  ],
  [
    'check-rule-versions',
    ['check', '--qemu-version', '6.2', '--machine', 'pc-q35-6.1', 'host,hv-relaxed=on,hv-avic=on,hv-xmm-input=on'],
  ],
  [
    'check-rule-host-file',
    ['check', '--host-file', AMD, '--os', 'win11', 'host,hv-time=on,hv-relaxed=on,hv-vapic=on,hv-evmcs=on,hv-avic=on'],
  ],
  ['check-rule-libvirt', ['check', '--os', 'win10', '--cpu-vendor', 'intel', XML]],
  ['check-rule-linux-vendor', ['check', '--os', 'linux', 'host,hv-relaxed=on,hv-vendor-id=KVM Hv']],
  ['check-rule-unknown-os', ['check', '--os', 'win12', 'host,hv-relaxed']],
  ['fix-dry-run', ['fix', '--dry-run', '--os', 'win10', 'examples/win10-stimer-only.args']],
  ['fix-libvirt-dry-run', ['fix', '--dry-run', '--os', 'win10', '--cpu-vendor', 'intel', XML]],
  [
    'fix-amd-stdout',
    [
      'fix',
      '--cpu-vendor',
      'amd',
      '--migratable',
      'host,hv_relaxed,hv_vapic,hv_evmcs,hv_frequencies,hv_reenlightenment',
    ],
  ],
  ['fix-json', ['fix', '--json', '--os', 'win11', '{"features": {"relaxed": true, "stimer": true, "spinlocks": 100}}']],
  ['fix-preset', ['fix', '--preset', 'windows-modern', '--os', 'win10', '-cpu host,hv_relaxed']],
  ['fix-nothing', ['fix', 'host,hv-relaxed=on']],
  ['fix-unknown-preset', ['fix', '--preset', 'windows-moden', 'host,hv-relaxed=on']],
  ['recommend-win11-intel', ['recommend', '--os', 'win11', '--cpu-vendor', 'intel']],
  ['recommend-legacy-style', ['recommend', '--os', 'win7', '--style', 'legacy']],
  [
    'recommend-libvirt-explain',
    ['recommend', '--os', 'win2k22', '--to', 'libvirt', '--libvirt-version', '9.0.0', '--migratable', '--explain'],
  ],
  ['recommend-json-nested-amd', ['recommend', '--os', 'win10', '--nested-hyperv', '--cpu-vendor', 'amd', '--json']],
  [
    'recommend-virt-xml-gpu',
    ['recommend', '--os', 'win10', '--gpu-passthrough', '--to', 'virt-xml', '--libvirt-version', '9.0.0'],
  ],
  ['recommend-host-file', ['recommend', '--host-file', AMD, '--os', 'win2k19', '--overcommitted']],
  [
    'recommend-machine',
    ['recommend', '--os', 'win11', '--cpu-vendor', 'intel', '--nested-hyperv', '--machine', 'pc-q35-6.1'],
  ],
  ['recommend-linux', ['recommend', '--os', 'linux', '--explain']],
  ['recommend-winxp-json', ['recommend', '--os', 'winxp', '--to', 'json']],
  [
    'recommend-rhel-guide-amd',
    ['recommend', '--preset', 'rhel-guide', '--cpu-vendor', 'amd', '--migratable', '--os', 'win2k22'],
  ],
  ['recommend-compare-proxmox', ['recommend', '--os', 'win11', '--cpu-vendor', 'intel', '--compare', 'proxmox']],
  ['recommend-compare-nova', ['recommend', '--os', 'win10', '--compare', 'nova']],
  ['recommend-compare-kubevirt', ['recommend', '--os', 'win2k22', '--migratable', '--compare', 'kubevirt']],
  [
    'recommend-compare-virt-install',
    ['recommend', '--os', 'win2k3', '--cpu-vendor', 'intel', '--compare', 'virt-install'],
  ],
  ['recommend-unknown-compare', ['recommend', '--compare', 'proxmocks']],
];

describe('CLI golden output: rules, fix, recommend', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const run = await runCapture(argv);
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });
});
