// Small helpers for the benchmarks: wall time of whole processes, medians, peak memory.
import { spawnSync } from 'node:child_process';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the command once; returns wall milliseconds, exit status and output. */
export function timeRun(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Times several commands side by side: each round runs every command once, in turn, so that
 * machine noise hits them alike. Returns the median wall time of each.
 */
export function compare(commands, rounds) {
  const times = commands.map(() => []);
  for (let r = 0; r < rounds + 2; r++) {
    commands.forEach((c, i) => {
      const run = timeRun(c.cmd, c.args, c.opts);
      if (c.expectStatus !== undefined && run.status !== c.expectStatus) {
        throw new Error(`${c.name}: exit ${run.status}, expected ${c.expectStatus}\n${run.stderr}`);
      }
      if (r >= 2) times[i].push(run.ms); // the first two rounds warm the file cache
    });
  }
  return commands.map((c, i) => ({ name: c.name, median: median(times[i]), runs: times[i].length }));
}

/** Peak resident memory (KiB) of one run, read with GNU time when it is installed. */
export function peakKiB(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', ...opts });
  if (r.error) return null;
  const last = r.stderr.trim().split('\n').at(-1);
  const n = Number(last);
  return Number.isFinite(n) ? n : null;
}

export function fmt(ms) {
  return `${ms.toFixed(1)} ms`;
}
