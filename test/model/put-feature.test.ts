// putFeature and setOf (a reader's values changed in place, one set made at the end) against
// setFeature and unsetFeature (a new set per change), which they replace in the libvirt reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import type { EnlightenmentSet, FeatureValues, Mode } from '../../src/model/index.js';
import {
  emptySet,
  enabledFeatures,
  getValue,
  isOn,
  listedFeatures,
  putFeature,
  setFeature,
  setOf,
  unsetFeature,
} from '../../src/model/index.js';

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

// listedFeatures, enabledFeatures and setOf go through the ids a set holds, not the whole catalog
// (src/model/set.ts): they must give what the catalog's definitions give, for any set however made
// (keys in any order, values undefined, a mode feature among the features, which the mode decides).
describe('the lists of a set, against their definitions over the whole catalog', () => {
  const value = fc.oneof(
    fc.constant<FeatureValue | undefined>(undefined),
    fc.boolean(),
    fc.integer({ min: 0, max: 0xffff }),
    fc.constantFrom('auto', 'KVMKVMKVM'),
  );
  const anySet = fc.record({
    mode: fc.constantFrom(...MODES),
    entries: fc.array(fc.tuple(fc.constantFrom<FeatureId>(...PRINT_ORDER), value), { maxLength: 40 }),
  });
  it('listedFeatures, enabledFeatures and setOf', () => {
    fc.assert(
      fc.property(anySet, ({ mode, entries }) => {
        const features: FeatureValues = {};
        for (const [id, v] of entries) features[id] = v;
        const set: EnlightenmentSet = { mode, features };
        expect(listedFeatures(set)).toEqual(PRINT_ORDER.filter((id) => getValue(set, id) !== undefined));
        expect(enabledFeatures(set)).toEqual(PRINT_ORDER.filter((id) => isOn(set, id)));
        const made = setOf(mode, features);
        const want: FeatureValues = {};
        for (const id of PRINT_ORDER) if (!CATALOG[id].setsMode && features[id] !== undefined) want[id] = features[id];
        expect(Object.entries(made.features)).toEqual(Object.entries(want));
        expect(made.mode).toBe(mode);
      }),
      { numRuns: 3000 },
    );
  });
});
