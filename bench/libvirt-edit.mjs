// `enlighten set FILE relaxed --stdout` on a domain virt-install made for a Windows guest, against
// `virt-xml --connect test:///default --edit --features hyperv_relaxed=on < FILE` on the same file
// (whole processes, same rounds). Target: enlighten at most 0.5 of virt-xml's median wall time.
import { readFileSync } from 'node:fs';
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const FILE = new URL('../examples/win11-virt-install.xml', import.meta.url).pathname;

export function libvirtEdit(rounds = 20) {
  const xml = readFileSync(FILE, 'utf8');
  const runs = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], expectStatus: 0 },
      {
        name: 'enlighten set FILE relaxed --stdout',
        cmd: process.execPath,
        args: [CLI, 'set', FILE, 'relaxed', '--stdout'],
        expectStatus: 0,
      },
      {
        name: 'virt-xml --edit --features hyperv_relaxed=on',
        cmd: 'virt-xml',
        args: ['--connect', 'test:///default', '--edit', '--features', 'hyperv_relaxed=on'],
        opts: { input: xml },
        expectStatus: 0,
      },
      {
        name: 'enlighten set FILE synic --stdout',
        cmd: process.execPath,
        args: [CLI, 'set', FILE, 'synic', '--stdout'],
        expectStatus: 0,
      },
      {
        name: 'virt-xml --edit --features hyperv_synic=on',
        cmd: 'virt-xml',
        args: ['--connect', 'test:///default', '--edit', '--features', 'hyperv_synic=on'],
        opts: { input: xml },
        expectStatus: 0,
      },
    ],
    rounds,
  );
  const [floor, mine, theirs, mine2, theirs2] = runs;
  const ratio = mine.median / theirs.median;
  const ratio2 = mine2.median / theirs2.median;
  return {
    title: `editing one domain file (${FILE.split('/').slice(-2).join('/')}, made by virt-install for Windows 11)`,
    rows: [
      [floor.name, fmt(floor.median), `${peakKiB(process.execPath, ['-e', '0']) ?? '?'} KiB`],
      [
        mine.name,
        fmt(mine.median),
        `${peakKiB(process.execPath, [CLI, 'set', FILE, 'relaxed', '--stdout']) ?? '?'} KiB`,
      ],
      [theirs.name, fmt(theirs.median), ''],
      [mine2.name, fmt(mine2.median), ''],
      [theirs2.name, fmt(theirs2.median), ''],
    ],
    summary: `relaxed: ratio ${ratio.toFixed(2)} of virt-xml (target at most 0.50; node alone ${(floor.median / theirs.median).toFixed(2)}); synic: ${ratio2.toFixed(2)}; ${mine.runs} runs each`,
    ok: ratio <= 0.5,
  };
}
