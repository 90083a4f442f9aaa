// Every command as a whole process, against `node -e 0` (the floor): the time a user waits for a
// command that does little work. Target: each at most 1.3x the floor (issue 14).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const EXAMPLES = new URL('../examples/', import.meta.url).pathname;
const VALUE =
  '-cpu host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_synic,hv_stimer,hv_time,hv_frequencies,hv_tlbflush,hv_ipi';
const TARGET = 1.3;

export function coldStart(rounds = 20) {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-cold-'));
  const vm = join(dir, 'vm.args');
  writeFileSync(vm, `${VALUE}\n`);
  const commands = [
    ['list', ['list']],
    ['explain', ['explain', 'stimer']],
    ['check', ['check', VALUE]],
    ['convert --to qemu', ['convert', '--to', 'qemu', `${EXAMPLES}win10-virt-install.xml`]],
    ['convert --to libvirt', ['convert', '--to', 'libvirt', VALUE]],
    ['recommend', ['recommend', '--os', 'win11']],
    ['recommend --to libvirt', ['recommend', '--os', 'win11', '--to', 'libvirt']],
    // audit of one domain starts as check does; the seven examples add three syntaxes' first files
    // and a second scavenge (docs/ARCHITECTURE.md, Start-up, sixth round)
    ['audit (1 file)', ['audit', `${EXAMPLES}win11-virt-install.xml`]],
    ['audit (7 files)', ['audit', EXAMPLES], 1],
    ['fix --dry-run', ['fix', '--dry-run', vm]],
    ['set --dry-run', ['set', '--dry-run', vm, 'hv-ipi=off']],
    ['cpuid', ['cpuid', VALUE]],
    ['decode', ['decode', `${EXAMPLES}../test/fixtures/guest/this-host-dmesg.txt`]],
    ['guest-script', ['guest-script', 'linux']],
    ['completion', ['completion', 'bash']],
  ];
  const runs = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], expectStatus: 0 },
      ...commands.map(([name, args, status]) => ({
        name: `enlighten ${name}`,
        cmd: process.execPath,
        args: [CLI, ...args],
        expectStatus: status ?? 0,
      })),
    ],
    rounds,
  );
  rmSync(dir, { recursive: true, force: true });
  const floor = runs[0];
  const ratios = runs.slice(1).map((r) => r.median / floor.median);
  const worst = Math.max(...ratios);
  const rows = [
    [floor.name, fmt(floor.median), '', `${peakKiB(process.execPath, ['-e', '0']) ?? '?'} KiB`],
    ...runs
      .slice(1)
      .map((r, i) => [
        r.name,
        fmt(r.median),
        `${ratios[i].toFixed(2)}x`,
        `${peakKiB(process.execPath, [CLI, ...commands[i][1]]) ?? '?'} KiB`,
      ]),
  ];
  return {
    title: 'cold start: every command as a whole process, against node -e 0',
    rows,
    summary: `worst ratio ${worst.toFixed(2)} (${runs[ratios.indexOf(worst) + 1].name}; target at most ${TARGET}), ${floor.runs} runs each`,
    ok: worst <= TARGET,
  };
}
