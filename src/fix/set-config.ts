/**
 * The `set` use case without the CLI: apply the requested changes to a set and, unless `exact`,
 * turn on what the features turned on require, saying for each addition which feature needs it.
 * Syntax-free: the caller's format writes the result (libvirt spells hv-time as its hypervclock
 * timer, QEMU as hv-time), and the caller checks what was written.
 */
import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet, Mode } from '../model/index.js';
import { getValue, isOn, requirementsOf, setFeature, unsetFeature } from '../model/index.js';

export type SetRequest = { kind: 'mode'; mode: Mode } | { kind: 'feature'; feature: FeatureId; value: FeatureValue | undefined };

/** A feature `set` turned on because a feature turned on needs it. */
export interface SetAddition {
  feature: FeatureId;
  /** The feature that requires it, directly. */
  neededBy: FeatureId;
}

export interface SetPlan {
  set: EnlightenmentSet;
  additions: SetAddition[];
}

/** Applies the changes in order (a later word wins). */
export function applySetChanges(set: EnlightenmentSet, changes: readonly SetRequest[]): EnlightenmentSet {
  let out = set;
  for (const c of changes) {
    if (c.kind === 'mode') out = { ...out, mode: c.mode };
    else out = c.value === undefined ? unsetFeature(out, c.feature) : setFeature(out, c.feature, c.value);
  }
  return out;
}

/**
 * The set after the changes. Unless `exact`, every requirement of a feature the changes turn on is
 * turned on as well, following chains (stimer brings synic and time; synic brings vpindex), except
 * one the same changes turn off or remove: that conflict is left for the checks to report.
 * Passthrough mode has no requirements in QEMU, so nothing is added there.
 */
export function planSetChanges(base: EnlightenmentSet, changes: readonly SetRequest[], exact = false): SetPlan {
  let set = applySetChanges(base, changes);
  const additions: SetAddition[] = [];
  if (exact || set.mode === 'passthrough') return { set, additions };
  const asked = new Set<FeatureId>();
  for (const c of changes) if (c.kind === 'feature') asked.add(c.feature);
  const queue = PRINT_ORDER.filter((id) => asked.has(id) && isOn(set, id) && getValue(base, id) !== getValue(set, id));
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const dep of requirementsOf(set, id)) {
      if (isOn(set, dep) || asked.has(dep) || CATALOG[dep].kind !== 'bool') continue;
      set = setFeature(set, dep, true);
      additions.push({ feature: dep, neededBy: id });
      queue.push(dep);
    }
  }
  return { set, additions };
}
