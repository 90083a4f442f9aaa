// Launch scripts as people write them (test/fixtures/scripts/, written for this project in the
// shapes of published VFIO scripts): variables, arrays joined with IFS, several QEMU commands, a
// domain in a heredoc, a -cpu overridden by a later one. Golden outputs in test/golden/, and the
// real tools: bash runs each script (with QEMU replaced by a recorder) and gives the -cpu value
// enlighten must have read, QEMU 7.2 accepts that value, libvirt validates the heredoc's domain.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDomainXml } from '../support/libvirt.js';
import { validateCpuValue } from '../support/qemu.js';
import { goldenText, readGolden, runCapture } from '../support/run-cli.js';
import { findOnPath, itReal, makeTempDir } from '../support/tools.js';

const F = 'test/fixtures/scripts';
const CASES: [string, string[]][] = [
  ['scripts-check-vfio-vars', ['check', '--os', 'win11', `${F}/vfio-vars.sh`]],
  ['scripts-check-vfio-vars-json', ['check', '--json', `${F}/vfio-vars.sh`]],
  ['scripts-check-array-ifs', ['check', `${F}/array-ifs.sh`]],
  ['scripts-check-unresolved', ['check', `${F}/unresolved.sh`]],
  ['scripts-check-two-vms', ['check', '--os', 'win11', `${F}/two-vms.sh`]],
  ['scripts-check-heredoc-domain', ['check', `${F}/heredoc-domain.sh`]],
  ['scripts-check-duplicate-cpu', ['check', `${F}/duplicate-cpu.args`]],
  ['scripts-convert-two-vms', ['convert', '--to', 'qemu', `${F}/two-vms.sh`]],
  ['scripts-convert-array-ifs', ['convert', '--to', 'libvirt', `${F}/array-ifs.sh`]],
  ['scripts-convert-heredoc-domain', ['convert', '--to', 'qemu', `${F}/heredoc-domain.sh`]],
  ['scripts-fix-one-variable', ['fix', '--dry-run', '--os', 'win10', `${F}/one-variable.sh`]],
  ['scripts-fix-vfio-vars', ['fix', '--dry-run', '--os', 'win11', `${F}/vfio-vars.sh`]],
  ['scripts-set-vfio-vars', ['set', '--dry-run', `${F}/vfio-vars.sh`, 'stimer']],
  ['scripts-set-two-vms', ['set', '--dry-run', `${F}/two-vms.sh`, 'stimer']],
  ['scripts-fix-heredoc-domain', ['fix', '--dry-run', `${F}/heredoc-domain.sh`]],
  [
    'scripts-audit',
    [
      'audit',
      `${F}/vfio-vars.sh`,
      `${F}/array-ifs.sh`,
      `${F}/two-vms.sh`,
      `${F}/heredoc-domain.sh`,
      `${F}/duplicate-cpu.args`,
      `${F}/unresolved.sh`,
    ],
  ],
];

describe('launch scripts: CLI golden output', () => {
  it.each(CASES)('%s', async (name, argv) => {
    const r = await runCapture(argv);
    const text = goldenText(r, argv);
    expect(text).toBe(readGolden(name, text));
  });
});

/** Runs the script in bash with every QEMU and sudo replaced by a recorder; the -cpu values QEMU would get, per command. */
function cpuValuesFromBash(script: string, dir = makeTempDir('enlighten-bash-')): string[][] {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'argv');
  const recorder = `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> '${log}'\nprintf '\\n\\0' >> '${log}'\n`;
  for (const name of ['qemu-system-x86_64', 'virsh']) {
    writeFileSync(join(bin, name), recorder);
    chmodSync(join(bin, name), 0o755);
  }
  writeFileSync(join(bin, 'sudo'), '#!/bin/sh\nexec "$@"\n');
  chmodSync(join(bin, 'sudo'), 0o755);
  // The script's own absolute QEMU path and the heredoc's /tmp target point into the test folder.
  const text = readFileSync(script, 'utf8')
    .replaceAll('/tmp/', `${dir}/`)
    .replaceAll('/usr/bin/qemu-system-x86_64', join(bin, 'qemu-system-x86_64'));
  const copy = join(dir, 'script.sh');
  writeFileSync(copy, text);
  const r = spawnSync(findOnPath('bash')!, [copy], {
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(r.status, r.stderr).toBe(0);
  let out = '';
  try {
    out = readFileSync(log, 'utf8');
  } catch {
    return [];
  }
  return out
    .split('\n\0')
    .filter((c) => c !== '')
    .map((c) => {
      const argv = c.split('\0').slice(0, -1);
      return argv.flatMap((a, i) => (a === '-cpu' && argv[i + 1] !== undefined ? [argv[i + 1]!] : []));
    });
}

describe('launch scripts: what bash really runs', () => {
  itReal.each([['vfio-vars.sh'], ['array-ifs.sh'], ['one-variable.sh'], ['two-vms.sh'], ['duplicate-cpu.args']])(
    '%s: enlighten reads the -cpu value bash passes to QEMU, and QEMU 7.2 accepts it',
    async (name) => {
      const path = `${F}/${name}`;
      let script = path;
      if (name.endsWith('.args')) {
        // libvirt's .args are one command, the way domxml-to-native prints it: run it as a script.
        const dir = makeTempDir('enlighten-args-');
        script = join(dir, 'args.sh');
        copyFileSync(path, script);
      }
      const fromBash = cpuValuesFromBash(script);
      expect(fromBash.length).toBeGreaterThan(0);
      const r = await runCapture(['convert', '--to', 'json', path]);
      expect(r.code, r.stderr).toBe(0);
      // The last -cpu of each command is the one QEMU uses; enlighten reads it, item for item.
      const converted = await Promise.all(
        fromBash.map(async (cpus) => {
          const value = cpus.at(-1)!;
          const ours = await runCapture(['convert', '--to', 'json', value]);
          return ours.stdout;
        }),
      );
      const outputs = r.stdout.trim().split(/\n(?=\{)/);
      expect(outputs.map((o) => JSON.parse(o))).toEqual(converted.map((o) => JSON.parse(o)));
      for (const cpus of fromBash) {
        const check = await validateCpuValue(cpus.at(-1)!.replace(/^host\b/, 'qemu64'));
        expect(check.ok, `QEMU refused -cpu ${cpus.at(-1)}: ${check.ok ? '' : check.error}`).toBe(true);
      }
    },
    120_000,
  );

  itReal(
    'heredoc-domain.sh: the domain bash writes out is the one enlighten read, and libvirt validates it',
    async () => {
      const dir = makeTempDir('enlighten-heredoc-');
      const script = join(dir, 'heredoc-domain.sh');
      copyFileSync(`${F}/heredoc-domain.sh`, script);
      cpuValuesFromBash(script, dir);
      const written = readFileSync(join(dir, 'win11.xml'), 'utf8');
      const valid = await validateDomainXml(written);
      expect(valid.ok, valid.output).toBe(true);
      const fromFile = await runCapture(['convert', '--to', 'json', join(dir, 'win11.xml')]);
      const fromScript = await runCapture(['convert', '--to', 'json', `${F}/heredoc-domain.sh`]);
      expect(fromScript.stdout).toBe(fromFile.stdout);
    },
    120_000,
  );
});
