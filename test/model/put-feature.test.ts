// putFeature and setOf (a reader's values changed in place, one set made at the end) against
// setFeature and unsetFeature (a new set per change), which they replace in the libvirt reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import type { EnlightenmentSet, FeatureValues, Mode } from '../../src/model/index.js';
import { emptySet, listedFeatures, putFeature, setFeature, setOf, unsetFeature } from '../../src/model/index.js';

const MODES: Mode[] = ['custom', 'passthrough', 'host-model'];
const modeFeatures = PRINT_ORDER.filter((id) => CATALOG[id].setsMode);

describe('putFeature and setOf', () => {
  it('make the set that setFeature and unsetFeature make, for any sequence of changes', () => {
    expect(modeFeatures.length).toBeGreaterThan(0); // the mode features are in the mix
    const change = fc.record({
      id: fc.constantFrom<FeatureId>(...PRINT_ORDER),
      value: fc.oneof(
        fc.constant<FeatureValue | undefined>(undefined),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffff }),
        fc.constantFrom('auto', 'KVMKVMKVM'),
      ),
    });
    fc.assert(
      fc.property(fc.constantFrom(...MODES), fc.array(change, { maxLength: 30 }), (start, changes) => {
        let expected: EnlightenmentSet = { ...emptySet(), mode: start };
        let mode: Mode = start;
        const values: FeatureValues = {};
        for (const { id, value } of changes) {
          expected = value === undefined ? unsetFeature(expected, id) : setFeature(expected, id, value);
          mode = putFeature(values, mode, id, value);
        }
        const made = setOf(mode, values);
        expect(made).toEqual(expected);
        // In print order, so that sets that list the same features share one shape.
        expect(Object.keys(made.features)).toEqual(listedFeatures(made).filter((id) => !CATALOG[id].setsMode));
      }),
      { numRuns: 3000 },
    );
  });
});
