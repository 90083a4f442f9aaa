// 20 `set` runs on one file at once, each turning on a different feature, 15 rounds: every run that
// says it succeeded must have its change in the final file, and no two runs share a backup.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tools.js';
import { backupsOf, cli, featuresOf, INDEPENDENT, leftovers } from './support.js';

const ROUNDS = 15;
const START = '-cpu host,hv-relaxed\n';

describe('concurrent set runs on one file', () => {
  it(`${INDEPENDENT.length} processes x ${ROUNDS} rounds lose no update`, async () => {
    const totals = { runs: 0, succeeded: 0, refused: 0, lost: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const dir = makeTempDir('enlighten-trust-');
      const file = join(dir, 'vm.args');
      writeFileSync(file, START);
      const runs = await Promise.all(INDEPENDENT.map(([word]) => cli(['set', file, word], { timeoutMs: 120_000 })));
      const final = featuresOf(file);
      runs.forEach((r, i) => {
        const [word, id, value] = INDEPENDENT[i]!;
        totals.runs++;
        expect(r.signal, `${word}: ${r.stderr}`).toBeNull();
        if (r.code === 0) {
          totals.succeeded++;
          expect(r.stderr, word).toMatch(/: updated \(backup: .*\.enlighten\.(\d+\.)?bak\)\n$/);
          if (final[id] !== value) totals.lost++;
          expect(final[id], `round ${round}: ${word} said "updated" but its change is missing`).toBe(value);
        } else {
          totals.refused++;
          expect(r.code, `${word}: ${r.stderr}`).toBe(2);
        }
      });
      // One backup per successful run, each a distinct earlier version: relaxed plus 0, 1, 2, ... features.
      const backups = backupsOf(dir, 'vm.args');
      const succeeded = runs.filter((r) => r.code === 0).length;
      expect(backups).toHaveLength(succeeded);
      const sizes = backups.map((b) => Object.keys(featuresOf(b)).length);
      expect(sizes.sort((a, b) => a - b)).toEqual(Array.from({ length: succeeded }, (_, k) => k + 1));
      expect(new Set(backups.map((b) => readFileSync(b, 'utf8'))).size).toBe(succeeded);
      expect(leftovers(dir)).toEqual([]);
    }
    console.log(
      `concurrency: ${totals.runs} runs, ${totals.succeeded} succeeded, ${totals.refused} refused, ${totals.lost} lost updates`,
    );
    expect(totals.lost).toBe(0);
  }, 600_000);
});
