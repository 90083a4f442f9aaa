// The guest OS from a domain's libosinfo metadata: check, fix and audit use it when --os is not
// given and say so; --os wins and a disagreement is reported. Golden outputs in test/golden/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLibvirt } from '../../src/formats/libvirt/index.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { itReal, makeTempDir, requireTool, run } from '../support/tools.js';
import { okValue } from '../support/parse-result.js';

const F = 'test/fixtures/libvirt';
const WIN11 = `${F}/win11-libosinfo-no-stimer.xml`;
const WIN10 = `${F}/win10-libosinfo.xml`;
const UNKNOWN = `${F}/libosinfo-unknown-os.xml`;

const CASES: [string, string[]][] = [
  ['guest-check-win11', ['check', WIN11]],
  ['guest-check-win11-json', ['check', '--json', WIN11]],
  ['guest-check-win10', ['check', WIN10]],
  ['guest-check-unknown', ['check', UNKNOWN]],
  ['guest-check-os-differs', ['check', '--os', 'win7', WIN11]],
  ['guest-check-os-agrees', ['check', '--os', 'win11', WIN11]],
  ['guest-check-many-json', ['check', '--json', WIN11, UNKNOWN]],
  ['guest-fix-win11', ['fix', '--dry-run', WIN11]],
  ['guest-fix-win11-json', ['fix', '--json', '--dry-run', WIN11]],
  ['guest-fix-preset', ['fix', '--stdout', '--preset', 'windows-modern', WIN10]],
  ['guest-audit', ['audit', WIN11, WIN10, UNKNOWN]],
  ['guest-audit-os', ['audit', '--os', 'win10', WIN11, UNKNOWN]],
];

describe('the guest from libosinfo metadata: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const r = await runCapture(argv);
    const text = goldenText(r, argv);
    expect(text).toBe(readGolden(name, text));
  });

  it('check on the win11 domain warns about stimer only because of the metadata', async () => {
    const withMetadata = await runCapture(['check', '--json', WIN11]);
    expect(JSON.parse(withMetadata.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'RECOMMENDED_FEATURE_MISSING',
    ]);
    const dir = makeTempDir('enlighten-guest-');
    const bare = join(dir, 'win11-no-metadata.xml');
    writeFileSync(bare, readFileSync(WIN11, 'utf8').replace(/ *<metadata>[\s\S]*<\/metadata>\n/, ''));
    const without = await runCapture(['check', '--json', bare]);
    expect(JSON.parse(without.stdout)).toEqual({ format: 'libvirt', diagnostics: [] });
  });

  itReal(
    'the real virt-install writes the metadata, and check reads the guest from it',
    async () => {
      const virtInstall = requireTool('virt-xml').replace(/virt-xml$/, 'virt-install');
      const dir = makeTempDir('enlighten-virt-install-');
      const iso = join(dir, 'x.iso');
      writeFileSync(iso, '');
      const made = await run(
        virtInstall,
        [
          '--connect',
          'test:///default',
          '--osinfo',
          'win11',
          '--print-xml',
          '2',
          '--name',
          'w',
          '--memory',
          '4096',
          '--disk',
          'size=32',
          '--cdrom',
          iso,
          '--network',
          'none',
        ],
        { timeoutMs: 60_000 },
      );
      expect(made.code, made.stderr).toBe(0);
      expect(okValue(parseLibvirt(made.stdout)).context.guestOs).toMatchObject({
        id: 'win11',
        libosinfo: 'http://microsoft.com/win/11',
        source: 'libosinfo',
      });
      const file = join(dir, 'w.xml');
      writeFileSync(file, made.stdout);
      const check = await runCapture(['check', file]);
      expect(check.stdout).toContain("guest: Windows 11 (win11), from the domain's libosinfo metadata\n");
      expect(check.stdout).toContain('warning[RECOMMENDED_FEATURE_MISSING]: <stimer> is off for this Windows 11 guest');
    },
    120_000,
  );
});
