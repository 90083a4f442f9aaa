import fc from 'fast-check';
import type { FeatureDef, FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../src/catalog/index.js';
import type { EnlightenmentSet } from '../../src/model/index.js';

const MAX: Record<string, number> = { uint32: 0xffffffff, uint24: 0xffffff, uint16: 0xffff, uint8: 0xff };

/** A value QEMU accepts for the feature. Vendor ids avoid commas (QEMU splits -cpu on them). */
export function arbitraryValue(def: FeatureDef): fc.Arbitrary<FeatureValue> {
  switch (def.kind) {
    case 'bool':
      return fc.boolean();
    case 'on-off-auto':
      return fc.constantFrom<FeatureValue>(true, false, 'auto');
    case 'string':
      return fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,10}[A-Za-z0-9]$/);
    case 'int32':
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    default:
      return fc.integer({ min: 0, max: MAX[def.kind]! });
  }
}

/** Random sets over the given features (default: every feature). */
export function arbitrarySet(
  ids: readonly FeatureId[] = FEATURE_IDS,
  modes: EnlightenmentSet['mode'][] = ['custom', 'passthrough'],
): fc.Arbitrary<EnlightenmentSet> {
  const entries = ids
    .filter((id) => !CATALOG[id].setsMode)
    .map((id) => fc.option(arbitraryValue(CATALOG[id]), { nil: undefined }).map((v) => [id, v] as const));
  return fc.record({ mode: fc.constantFrom(...modes), entries: fc.tuple(...entries) }).map(({ mode, entries: es }) => {
    const features: Partial<Record<FeatureId, FeatureValue>> = {};
    for (const [id, v] of es) if (v !== undefined) features[id] = v;
    return { mode, features };
  });
}
