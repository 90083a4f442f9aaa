/** Every guest x host vendor x workload combination recommend must handle. */
import type { RecommendRequest } from '../../src/recommend/types.js';
import { OS_TABLE } from '../../src/model/os-table.js';

export const VENDORS = ['intel', 'amd', undefined] as const;
export const WORKLOADS = ['migratable', 'nestedHyperv', 'gpuPassthrough', 'overcommitted'] as const;

/** All 2^4 subsets of the workloads. */
export function workloadSets(): RecommendRequest[] {
  const out: RecommendRequest[] = [];
  for (let mask = 0; mask < 1 << WORKLOADS.length; mask++) {
    const r: RecommendRequest = {};
    WORKLOADS.forEach((w, i) => {
      if (mask & (1 << i)) r[w] = true;
    });
    out.push(r);
  }
  return out;
}

export function allCombinations(): RecommendRequest[] {
  const out: RecommendRequest[] = [];
  for (const os of OS_TABLE)
    for (const vendor of VENDORS)
      for (const w of workloadSets()) out.push({ os: os.id, ...(vendor ? { cpuVendor: vendor } : {}), ...w });
  return out;
}

export function label(r: RecommendRequest): string {
  return [
    r.os ?? '-',
    r.cpuVendor ?? 'any',
    ...WORKLOADS.filter((w) => r[w]),
    ...(r.preset ? [`preset=${r.preset}`] : []),
  ].join(' ');
}
