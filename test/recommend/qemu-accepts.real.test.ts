import { afterAll, describe, expect, it } from 'vitest';
import { getFormat } from '../../src/formats/registry.js';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { PRESETS } from '../../src/recommend/presets.js';
import { recommend } from '../../src/recommend/recommend.js';
import type { RecommendResult } from '../../src/recommend/types.js';
import { closeSharedQmpSession, validateCpuValue } from '../support/qemu.js';
import { allCombinations, label } from './matrix.js';
import { okValue } from '../support/parse-result.js';

afterAll(() => closeSharedQmpSession());

/** The -cpu value recommend prints, on qemu64 instead of host (TCG here has no host model). */
function cpuValue(r: RecommendResult): string {
  const extras = [
    ...r.extras.cpuFlags.map((f) => `+${f}`),
    ...(r.extras.tscFrequency ? [`tsc-frequency=${r.extras.tscFrequency}`] : []),
  ];
  const text = getFormat('qemu')!.print!(r.set, { input: okValue(parseQemu(['host', ...extras].join(','))) }).text;
  expect(text.startsWith('host')).toBe(true);
  return text.replace(/^host/, 'qemu64');
}

describe('the real QEMU 7.2 accepts every -cpu value recommend prints', () => {
  it('for every guest x vendor x workload combination and every preset (each distinct value started once)', async () => {
    const values = new Map<string, string>();
    for (const req of allCombinations()) {
      for (const preset of [undefined, ...PRESETS.map((p) => p.name)]) {
        const r = recommend({ ...req, ...(preset ? { preset } : {}), qemuVersion: '7.2' });
        const v = cpuValue(r);
        if (!values.has(v)) values.set(v, `${label(req)} preset=${preset ?? '-'}`);
      }
    }
    expect(values.size).toBeGreaterThan(20);
    const refused: string[] = [];
    for (const [value, who] of values) {
      const check = await validateCpuValue(value);
      if (!check.ok) refused.push(`${who}: -cpu ${value}: ${check.error}`);
    }
    expect(refused).toEqual([]);
  }, 600_000);
});
