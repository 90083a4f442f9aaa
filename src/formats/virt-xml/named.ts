import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../catalog/index.js';

/** A named virt-xml sub-option from the catalog: which feature, which part, and which style spells it. */
export interface NamedSpelling {
  feature: FeatureId;
  part: 'state' | 'value';
  style: 'legacy' | 'modern';
}

const cache = new Map<string, Map<string, NamedSpelling>>();

/** Every named sub-option of a change option (`--features`, `--clock`), from the catalog's virtXml spellings. */
export function namedSpellings(option: string): Map<string, NamedSpelling> {
  let map = cache.get(option);
  if (map) return map;
  map = new Map();
  for (const feature of FEATURE_IDS) {
    const v = CATALOG[feature].virtXml;
    if (!v || v.option !== option) continue;
    if (v.legacy) map.set(v.legacy, { feature, part: 'state', style: 'legacy' });
    if (v.modern) map.set(v.modern, { feature, part: 'state', style: 'modern' });
    if (v.legacyValue) map.set(v.legacyValue, { feature, part: 'value', style: 'legacy' });
    if (v.modernValue) map.set(v.modernValue, { feature, part: 'value', style: 'modern' });
  }
  cache.set(option, map);
  return map;
}
