import { describe, expect, it } from 'vitest';
import { readGolden } from './run-cli.js';

describe('golden files', () => {
  it('a missing golden file fails the test instead of being written', () => {
    if (process.env['UPDATE_GOLDEN']) return; // writing them is what golden:update is for
    expect(() => readGolden('no-such-golden-file', 'anything')).toThrow(/is missing: run `npm run golden:update`/);
  });
});
