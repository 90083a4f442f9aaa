// A sample of the mutation fuzzer (npm run fuzz runs 100,000 and measures the time each takes):
// every mutated domain document ends in a result or diagnostics, and none throws.
import { describe, expect, it } from 'vitest';
import { exercise, loadSeeds, mutate, rng } from './mutate.js';
import { SEED } from '../support/seed.js';

const RUNS = Number(process.env['ENLIGHTEN_FUZZ_RUNS'] ?? 3000);

describe('fuzzing domain XML', () => {
  it(`${RUNS} mutated documents (seed ${SEED}): no exception`, () => {
    const seeds = loadSeeds();
    expect(seeds.length).toBeGreaterThan(20);
    const random = rng(SEED);
    let diagnostics = 0;
    for (let i = 0; i < RUNS; i++) {
      const doc = mutate(seeds, random);
      try {
        diagnostics += exercise(doc, random).diagnostics.length;
      } catch (e) {
        throw new Error(`document #${i} (seed ${SEED}) threw ${(e as Error).stack}\n---\n${doc}`);
      }
    }
    // The mutations must reach the error paths, or the run proves little.
    expect(diagnostics).toBeGreaterThan(RUNS / 10);
  }, 120_000);
});
