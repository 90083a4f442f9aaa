// `enlighten fix --print-virt-xml`: the printed commands, run with the real virt-xml on the domain,
// give the domain `enlighten fix` would write.
import { describe, expect, it } from 'vitest';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { runCommands } from './run-virt-xml.js';
import { readFixture } from './sets.js';
import { okValue } from '../support/parse-result.js';

const FILE = 'test/virt-xml/fixtures/win10-stimer.xml';

describe('fix --print-virt-xml', () => {
  it.each(['legacy', 'modern'])('%s style: virt-xml makes the fix fix would write', async (style) => {
    const argv = ['fix', '--print-virt-xml', '--style', style, FILE];
    const run = await runCapture(argv);
    const text = goldenText(run, argv);
    expect(text).toBe(readGolden(`virt-xml-fix-print-${style}`, text));
    const written = await runCapture(['fix', '--stdout', FILE]);
    const commands = run.stdout.trim().split('\n');
    const out = await runCommands(commands, readFixture('win10-stimer.xml'));
    const want = okValue(parseLibvirt(written.stdout)).set;
    expect(toJsonSet(okValue(parseLibvirt(out)).set)).toEqual(toJsonSet(want));
    expect(okValue(parseLibvirt(out)).set.mode).toBe(want.mode);
  });
});
