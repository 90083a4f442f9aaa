import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQemu, printQemuCpu } from '../../src/formats/qemu/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { arbitrarySet } from '../support/arbitrary.js';
import { okValue } from '../support/parse-result.js';

describe('QEMU print then parse gives the same set', () => {
  for (const style of ['modern', 'legacy'] as const) {
    for (const model of [null, 'host'] as const) {
      it(`${style} style, model ${model ?? 'none'}`, () => {
        fc.assert(
          fc.property(arbitrarySet(), (set) => {
            const text = printQemuCpu(set, { style, model }).text;
            const parsed = okValue(parseQemu(text));
            expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            expect(toJsonSet(parsed.set)).toEqual(toJsonSet(set));
          }),
          { numRuns: 300 },
        );
      });
    }
  }

  it('also through a whole command line', () => {
    fc.assert(
      fc.property(arbitrarySet(), (set) => {
        const value = printQemuCpu(set, { model: 'qemu64' }).text;
        const parsed = okValue(parseQemu(`qemu-system-x86_64 -cpu '${value}' -m 2048`));
        expect(toJsonSet(parsed.set)).toEqual(toJsonSet(set));
      }),
      { numRuns: 200 },
    );
  });
});
