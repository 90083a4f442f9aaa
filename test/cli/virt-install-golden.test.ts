// virt-install commands in scripts: convert --to qemu prints the whole -cpu value (model from
// --cpu or virt-install's default), --to libvirt the parts of the domain virt-install writes,
// check takes the guest from --osinfo. Golden outputs in test/golden/.
import { describe, expect, it } from 'vitest';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';

const F = 'test/fixtures/virt-install';
const CASES: [string, string[]][] = [
  ['virt-install-convert-qemu', ['convert', '--to', 'qemu', `${F}/install-win11.sh`]],
  ['virt-install-convert-qemu-legacy', ['convert', '--to', 'qemu', '--style', 'legacy', `${F}/install-win11.sh`]],
  ['virt-install-convert-libvirt', ['convert', '--to', 'libvirt', `${F}/install-win11.sh`]],
  ['virt-install-convert-tcg', ['convert', '--to', 'qemu', `${F}/install-tcg.sh`]],
  ['virt-install-check', ['check', `${F}/install-win11.sh`]],
  [
    'virt-install-convert-defaults',
    ['convert', '--to', 'qemu', 'virt-install --name w --osinfo win10 --disk none --import'],
  ],
];

describe('virt-install commands: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const r = await runCapture(argv);
    const text = goldenText(r, argv);
    expect(text).toBe(readGolden(name, text));
  });
});
