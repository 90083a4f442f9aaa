// `enlighten check` on a -cpu value as a whole process, against `node -e 0` (the floor).
import { compare, fmt, peakKiB } from './lib.mjs';

const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const VALUE =
  '-cpu host,hv_relaxed,hv_vapic,hv_spinlocks=0x1fff,hv_vpindex,hv_runtime,hv_synic,hv_stimer,hv_time,hv_frequencies,hv_tlbflush,hv_ipi';

export function coldStart(rounds = 30) {
  const [floor, check] = compare(
    [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], expectStatus: 0 },
      { name: 'enlighten check', cmd: process.execPath, args: [CLI, 'check', VALUE], expectStatus: 0 },
    ],
    rounds,
  );
  const ratio = check.median / floor.median;
  return {
    title: 'cold start: enlighten check on a -cpu value',
    rows: [
      [floor.name, fmt(floor.median), `${peakKiB(process.execPath, ['-e', '0']) ?? '?'} KiB`],
      [check.name, fmt(check.median), `${peakKiB(process.execPath, [CLI, 'check', VALUE]) ?? '?'} KiB`],
    ],
    summary: `ratio ${ratio.toFixed(2)} (target at most 1.40), ${check.runs} runs each`,
    ok: ratio <= 1.4,
  };
}
