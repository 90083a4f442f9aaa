// virt-install --print-xml without a step number writes two domains (the install and the boot
// configuration): check reports each on its own, convert says which it printed, set and fix refuse.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libvirtFormat } from '../../src/formats/libvirt/index.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { makeTempDir } from '../support/tools.js';

const TWO = 'test/fixtures/virt-install/win11-two-steps.xml';
const CASES: [string, string[]][] = [
  ['two-domains-check', ['check', TWO]],
  ['two-domains-check-json', ['check', '--json', TWO]],
  ['two-domains-convert-qemu', ['convert', '--to', 'qemu', TWO]],
  ['two-domains-set', ['set', '--dry-run', TWO, 'stimer=on']],
  ['two-domains-fix', ['fix', '--dry-run', TWO]],
];

describe('two domains in one file: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const r = await runCapture(argv);
    const text = goldenText(r, argv);
    expect(text).toBe(readGolden(name, text));
  });

  it('splits the file into its domains, positions kept', () => {
    const text = readFileSync(TWO, 'utf8');
    const pieces = libvirtFormat.split!(text)!;
    expect(pieces.map((p) => p.name)).toEqual(['w', 'w']);
    for (const p of pieces) {
      expect(p.text()).toHaveLength(text.length);
      expect(p.text().slice(p.span.start, p.span.end)).toBe(text.slice(p.span.start, p.span.end));
      expect(p.text().split('\n')).toHaveLength(text.split('\n').length);
    }
    expect(libvirtFormat.split!(text.slice(pieces[1]!.span.start))).toBeUndefined();
  });

  it('a warning about the guest belongs to the domain that has the problem', async () => {
    const text = readFileSync(TWO, 'utf8');
    const second = text.lastIndexOf('<spinlocks');
    const fixed = `${text.slice(0, second)}<vpindex state="on"/><synic state="on"/><stimer state="on"/>${text.slice(second)}`;
    const file = join(makeTempDir('enlighten-two-'), 'two.xml');
    writeFileSync(file, fixed);
    const r = await runCapture(['check', '--json', file]);
    const out = JSON.parse(r.stdout) as { inputs: { config: string; warnings: number }[] };
    expect(out.inputs.map((i) => [i.config, i.warnings])).toEqual([
      ["domain 'w' at line 1 (1 of 2)", 1],
      ["domain 'w' at line 84 (2 of 2)", 0],
    ]);
    const qemu = await runCapture(['convert', '--to', 'qemu', file]);
    expect(qemu.stdout.trim().split('\n')).toHaveLength(2);
    expect(qemu.stderr).toContain("printed the 2 domains' qemu outputs in order");
    // Writing refuses too, and leaves the file as it was.
    const set = await runCapture(['set', file, 'stimer=on']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('holds 2 domains');
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });
});
