import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet, Mode } from './set.js';
import { getValue } from './set.js';

export interface SetChange {
  feature: FeatureId;
  from: FeatureValue | undefined;
  to: FeatureValue | undefined;
}

export interface SetDiff {
  mode?: { from: Mode; to: Mode };
  changes: SetChange[];
}

/** What it takes to go from `a` to `b`: the mode change and each feature whose value differs. */
export function diffSets(a: EnlightenmentSet, b: EnlightenmentSet): SetDiff {
  const changes: SetChange[] = [];
  for (const id of PRINT_ORDER) {
    if (CATALOG[id].setsMode) continue;
    const from = getValue(a, id);
    const to = getValue(b, id);
    if (from !== to) changes.push({ feature: id, from, to });
  }
  return a.mode === b.mode ? { changes } : { mode: { from: a.mode, to: b.mode }, changes };
}
