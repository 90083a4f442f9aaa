// The largest inputs enlighten takes, as whole processes: `check` throughput on 1 MiB and 4 MiB of
// hostile input (repeated and unknown items, a domain XML with many elements), the peak memory on
// 4 MiB, and 100,000 different unknown items (over 120 s and out of heap before the bounds work).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigCpuLine, bigDomainXml, unknownItems } from './big-inputs.mjs';
import { median, peakKiB, timeRun } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const MIB = 1024 * 1024;
// Just under the default 4 MiB cap: the generators overshoot by up to one item.
const SIZES = [
  ['1 MiB', MIB],
  ['4 MiB', 4 * MIB - 64],
];

function measure(file, bytes, runs = 3) {
  const times = [];
  let output = 0;
  for (let i = 0; i < runs; i++) {
    const r = timeRun(process.execPath, [CLI, 'check', file], { maxBuffer: 1 << 30 });
    if (r.status !== 1) throw new Error(`check ${file}: exit ${r.status}\n${r.stderr.slice(0, 500)}`);
    times.push(r.ms);
    output = Buffer.byteLength(r.stdout);
  }
  const ms = median(times);
  return { ms, rate: bytes / MIB / (ms / 1000), output };
}

export function bounds() {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-bounds-'));
  try {
    const rows = [];
    let slowest = Infinity;
    let peak = null;
    for (const [kind, make, ext] of [
      ['-cpu, repeated and unknown items', bigCpuLine, 'args'],
      ['domain XML, many <hyperv> elements', bigDomainXml, 'xml'],
    ]) {
      for (const [label, size] of SIZES) {
        const text = make(size);
        const file = join(dir, `${label.replace(' ', '')}.${ext}`);
        writeFileSync(file, text);
        const m = measure(file, text.length);
        slowest = Math.min(slowest, m.rate);
        const kib = size > MIB ? peakKiB(process.execPath, [CLI, 'check', file], { maxBuffer: 1 << 30 }) : null;
        if (kib !== null) peak = Math.max(peak ?? 0, kib);
        rows.push([
          `${kind}, ${label}`,
          `${(m.ms / 1000).toFixed(2)} s`,
          `${m.rate.toFixed(2)} MiB/s`,
          `${(m.output / MIB).toFixed(1)} MiB out`,
          kib === null ? '' : `peak ${Math.round(kib / 1024)} MiB RSS`,
        ]);
      }
    }
    const unknown = join(dir, 'unknown.args');
    writeFileSync(unknown, unknownItems(100_000));
    const u = measure(unknown, 0, 1);
    rows.push([
      '-cpu, 100,000 different unknown items',
      `${(u.ms / 1000).toFixed(2)} s`,
      '',
      `${(u.output / MIB).toFixed(1)} MiB out`,
      '',
    ]);
    return {
      title: 'bounds: enlighten check on the largest inputs it takes (whole process, default 4 MiB cap)',
      rows,
      summary: `slowest ${slowest.toFixed(2)} MiB/s; peak memory on 4 MiB ${peak === null ? 'unknown (no /usr/bin/time)' : `${Math.round(peak / 1024)} MiB`} (target: 4 MiB in under 30 s, under 1 GiB)`,
      ok: slowest * 30 >= 4 && (peak === null || peak < 1024 * 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
