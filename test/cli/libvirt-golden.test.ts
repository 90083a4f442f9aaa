// CLI output for libvirt domain XML (convert, check) and for `set`, compared with test/golden/NAME.txt.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tools.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const F = 'test/fixtures/libvirt';
const CAPS = `${F}/domcaps-test-qemu-hyperv.xml`;
const BROKEN = `<domain type='kvm'>
  <name>broken</name>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
  <features>
    <hyperv>
      <relaxed state='yes'/>
      <spinlocks state='on' retries='1000'/>
      <vendor_id state='on' value='Microsoft Hv!'/>
      <stimr state='on'/>
    </hyperv>
  </features>
</domain>
`;

/** Every <cpu> part libvirt 9.0 turns into -cpu items (measured: max,migratable=off,vmx=off,hv-time=on,hv-relaxed=on,pmu=off,host-cache-info=on,l3-cache=off,phys-bits=42). */
const CPU_PARTS = `<domain type='qemu'>
  <name>cpu-parts</name>
  <memory unit='KiB'>131072</memory>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <features>
    <hyperv>
      <relaxed state='on'/>
    </hyperv>
    <pmu state='off'/>
  </features>
  <cpu mode='maximum' migratable='off'>
    <feature policy='disable' name='vmx'/>
    <feature policy='optional' name='svm'/>
    <cache mode='passthrough'/>
    <maxphysaddr mode='emulate' bits='42'/>
  </cpu>
  <clock offset='utc'>
    <timer name='hypervclock' present='yes'/>
  </clock>
</domain>
`;

const CASES: [string, string[], string?][] = [
  ['libvirt-convert-qemu', ['convert', '--to', 'qemu', '--libvirt-version', '9.0', 'examples/win10-virt-install.xml']],
  [
    'libvirt-convert-qemu-legacy',
    [
      'convert',
      '--to',
      'qemu',
      '--style',
      'legacy',
      '--libvirt-version',
      '9.0',
      `${F}/win11-virt-install-test-driver.xml`,
    ],
  ],
  [
    'libvirt-convert-qemu-fragment',
    ['convert', '--to', 'qemu', '--libvirt-version', '9.0', `${F}/fragment-features.xml`],
  ],
  [
    'libvirt-convert-qemu-too-old',
    ['convert', '--to', 'qemu', '--libvirt-version', '9.0', '-'],
    "<hyperv>\n  <tlbflush state='on'>\n    <direct state='on'/>\n  </tlbflush>\n  <xmm_input state='on'/>\n</hyperv>\n",
  ],
  ['libvirt-check-cpu-override', ['check', `${F}/qemu-cpu-override.xml`]],
  [
    'libvirt-convert-qemu-cpu-override',
    ['convert', '--to', 'qemu', '--libvirt-version', '9.0', `${F}/qemu-cpu-override.xml`],
  ],
  ['libvirt-convert-qemu-cpu-parts', ['convert', '--to', 'qemu', '--libvirt-version', '9.0', '-'], CPU_PARTS],
  [
    'libvirt-convert-host-model',
    ['convert', '--to', 'qemu', '--libvirt-version', '12.1', '--capabilities', CAPS, '-'],
    "<hyperv mode='host-model'>\n  <relaxed state='on'/>\n</hyperv>\n",
  ],
  [
    'libvirt-convert-to-libvirt',
    [
      'convert',
      '--to',
      'libvirt',
      '--libvirt-version',
      '9.0',
      '-cpu host,kvm=off,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_time,hv_vpindex,hv_synic,hv_stimer,hv_stimer_direct,hv_crash,hv_emsr_bitmap,hv_syndbg',
    ],
  ],
  [
    'libvirt-convert-to-libvirt-json',
    [
      'convert',
      '--to',
      'libvirt',
      '--libvirt-version',
      '11.0',
      '{"mode": "custom", "features": {"tlbflush": true, "tlbflush-direct": true, "spinlocks": 100}}',
    ],
  ],
  [
    'libvirt-convert-into',
    [
      'convert',
      '--to',
      'libvirt',
      '--libvirt-version',
      '9.0',
      '--into',
      'examples/win11-virt-install.xml',
      'host,hv-vpindex=on,hv-synic=on,hv-stimer=on,hv-time=on',
    ],
  ],
  ['libvirt-check-example', ['check', 'examples/win2k22-hand-edited.xml']],
  ['libvirt-check-broken', ['check', '-'], BROKEN],
  ['libvirt-check-broken-json', ['check', '--json', '-'], BROKEN],
  [
    'libvirt-check-malformed',
    ['check', '-'],
    "<domain>\n  <features>\n    <hyperv>\n      <relaxed state='on'>\n    </hyperv>\n  </features>\n</domain>\n",
  ],
  [
    'libvirt-check-dtd',
    ['check', '-'],
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<domain><name>&lol2;</name></domain>\n',
  ],
  ['set-dry-run', ['set', '--dry-run', 'examples/win2k22-hand-edited.xml', 'synic', 'vpindex', 'time']],
  [
    'set-dry-run-virt-install',
    [
      'set',
      '--dry-run',
      'examples/win11-virt-install.xml',
      'hv-stimer',
      'synic',
      'vpindex',
      'hypervclock',
      'crash',
      'spinlocks=0x2fff',
      'vendor-id=KVM Hv',
    ],
  ],
  ['set-stdout-passthrough', ['set', '--stdout', `${F}/fragment-features.xml`, 'mode=passthrough']],
  [
    'set-stdout-off',
    [
      'set',
      '--stdout',
      '--libvirt-version',
      '9.0',
      `${F}/tabs-no-newline.xml`,
      'relaxed=off',
      'vapic',
      'stimer',
      'stimer-direct',
      'crash',
    ],
  ],
  [
    'set-too-new',
    [
      'set',
      '--dry-run',
      '--libvirt-version',
      '9.0',
      'examples/win11-virt-install.xml',
      'emsr-bitmap',
      'tlbflush',
      'tlbflush-direct',
    ],
  ],
  ['set-bad-value', ['set', '--dry-run', 'examples/win11-virt-install.xml', 'spinlocks=100']],
  ['set-unknown-feature', ['set', '--dry-run', 'examples/win11-virt-install.xml', 'stimmer']],
  ['set-missing-value', ['set', '--dry-run', 'examples/win11-virt-install.xml', 'vendor-id']],
  [
    'set-qemu',
    ['set', '--dry-run', 'examples/win10-stimer-only.args', 'synic', 'vpindex', 'hv_time', 'spinlocks=default'],
  ],
  [
    'set-json-stdin',
    ['set', '-', 'relaxed', 'spinlocks=8191', 'mode=passthrough'],
    '{"mode": "custom", "features": {"vapic": true}}\n',
  ],
  ['set-json-output', ['set', '--json', '--dry-run', `${F}/no-features.xml`, 'relaxed']],
  ['set-no-feature', ['set', 'examples/win11-virt-install.xml']],
];

describe('libvirt and set: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv, stdin) => {
    const run = await runCapture(argv, stdin === undefined ? {} : { stdin });
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(name, text));
  });

  it('exits 0 on --help for set, with examples', async () => {
    const run = await runCapture(['set', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
  });
});

describe('set writes files safely', () => {
  it('replaces the file, keeps a backup, and does nothing the second time', async () => {
    const dir = makeTempDir('enlighten-set-');
    const file = join(dir, 'win2k22.xml');
    copyFileSync('examples/win2k22-hand-edited.xml', file);
    const before = readFileSync(file, 'utf8');
    const first = await runCapture(['set', file, 'synic', 'vpindex', 'time']);
    expect([first.code, first.stderr]).toEqual([0, `${file}: updated (backup: ${file}.enlighten.bak)\n`]);
    expect(readFileSync(`${file}.enlighten.bak`, 'utf8')).toBe(before);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain("<timer name='hypervclock' present='yes'/>\r\n");
    const check = await runCapture(['check', file]);
    expect(check.code).toBe(0);
    const second = await runCapture(['set', file, 'synic']);
    expect([second.code, second.stderr]).toEqual([0, `${file}: nothing to change\n`]);
    expect(existsSync(`${file}.enlighten.1.bak`)).toBe(false);
    const third = await runCapture(['set', file, 'stimer=off']);
    expect(third.code).toBe(0);
    expect(existsSync(`${file}.enlighten.1.bak`)).toBe(true);
  });

  it('writes nothing when a change cannot be made', async () => {
    const dir = makeTempDir('enlighten-set-');
    const file = join(dir, 'vm.xml');
    writeFileSync(file, readFileSync('examples/win11-virt-install.xml'));
    const run = await runCapture(['set', '--libvirt-version', '9.0', file, 'relaxed=off', 'xmm-input']);
    expect(run.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync('examples/win11-virt-install.xml', 'utf8'));
    expect(existsSync(`${file}.enlighten.bak`)).toBe(false);
  });

  it('refuses a directory and a missing file (exit 2)', async () => {
    expect((await runCapture(['set', 'examples', 'relaxed'])).code).toBe(2);
    expect((await runCapture(['set', 'missing.xml', 'relaxed'])).code).toBe(2);
  });
});
