// Launch scripts: `enlighten check` on a script as people write it (variables, arrays, IFS) and on
// 1 MiB scripts built to be hard (a variable doubled on every line; thousands of QEMU commands),
// next to `bash -n`, the one check users otherwise have (it parses and runs nothing).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const FIXTURE = new URL('../test/fixtures/scripts/vfio-vars.sh', import.meta.url).pathname;
const MIB = 1024 * 1024;

function fill(size, line) {
  const lines = [];
  for (let n = 0, i = 0; n < size; n += lines.at(-1).length + 1, i++) lines.push(line(i));
  return `${lines.join('\n')}\n`;
}

export function scripts() {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-scripts-'));
  try {
    const doubling = join(dir, 'doubling.sh');
    writeFileSync(doubling, `A=hv_relaxed\n${fill(MIB, () => 'A="$A,$A"')}qemu-system-x86_64 -cpu "host,$A"\n`);
    const many = join(dir, 'many.sh');
    writeFileSync(
      many,
      fill(MIB, (i) => `CPU${i}=host,hv_relaxed\nqemu-system-x86_64 -name vm${i} -cpu "$CPU${i}" -m 4G`),
    );
    const rows = [];
    for (const [label, file] of [
      ['a VFIO launch script (test/fixtures/scripts/vfio-vars.sh)', FIXTURE],
      ['1 MiB: a variable doubled on every line', doubling],
      ['1 MiB: thousands of QEMU commands, each with its variable', many],
    ]) {
      const [ours, bash] = compare(
        [
          { name: 'enlighten check', cmd: process.execPath, args: [CLI, 'check', file] },
          { name: 'bash -n', cmd: 'bash', args: ['-n', file] },
        ],
        3,
      );
      const kib = peakKiB(process.execPath, [CLI, 'check', file]);
      rows.push([
        label,
        `enlighten ${fmt(ours.median)}`,
        `bash -n ${fmt(bash.median)}`,
        kib === null ? '' : `peak ${Math.round(kib / 1024)} MiB RSS`,
      ]);
    }
    return {
      title: 'launch scripts: enlighten check next to bash -n',
      rows,
      summary: 'median of 3 runs after 2 warm-ups; bash -n only parses, enlighten also expands and checks',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
