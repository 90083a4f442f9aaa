// A sample of the mutation fuzzer (npm run fuzz runs 100,000): every mutated domain document ends in
// a result or diagnostics, none throws, none takes over 50 ms.
import { describe, expect, it } from 'vitest';
import { exercise, loadSeeds, mutate, rng } from './mutate.js';

const RUNS = Number(process.env['ENLIGHTEN_FUZZ_RUNS'] ?? 3000);
const SEED = Number(process.env['ENLIGHTEN_SEED'] ?? Date.now() % 1_000_000_007);

describe('fuzzing domain XML', () => {
  it(`${RUNS} mutated documents (seed ${SEED}): no exception, each under 50 ms`, () => {
    const seeds = loadSeeds();
    expect(seeds.length).toBeGreaterThan(20);
    const random = rng(SEED);
    exercise(seeds[0]!, random); // warm the code up before timing
    const slow: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const doc = mutate(seeds, random);
      let ms: number;
      try {
        ms = exercise(doc, random).ms;
      } catch (e) {
        throw new Error(`document #${i} (seed ${SEED}) threw ${(e as Error).stack}\n---\n${doc}`);
      }
      // Over 50 ms once is a garbage-collection pause; the input's own cost is the fastest of a few runs.
      for (let k = 0; k < 3 && ms > 50; k++) ms = Math.min(ms, exercise(doc, random).ms);
      if (ms > 50) slow.push(`#${i}: ${ms.toFixed(1)} ms`);
    }
    expect(slow, slow.join(', ')).toEqual([]);
  }, 120_000);
});
