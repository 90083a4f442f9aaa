import type { FeatureId } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { EnlightenmentSet } from './set.js';
import { enabledFeatures, isOn, setFeature } from './set.js';

/** A dependency that is not satisfied: `feature` is on (or needed) and `requires` is not on. */
export interface MissingDependency {
  feature: FeatureId;
  requires: FeatureId;
  /** The chain of features that made `feature` needed, nearest first (empty when the user turned it on). */
  neededBy: FeatureId[];
}

/** The direct requirements of a feature in this set (honouring waivers such as x-hv-synic-kvm-only). */
export function requirementsOf(set: EnlightenmentSet, id: FeatureId): FeatureId[] {
  const def = CATALOG[id];
  const waiver = def.requiresWaivedBy;
  if (waiver && isOn(set, waiver)) return [];
  return def.requires;
}

/**
 * Every unsatisfied dependency, following chains through features that would have to be added:
 * hv-stimer alone gives stimer -> synic, stimer -> time, and synic -> vpindex (needed by synic, for stimer).
 * Passthrough mode has no dependency checks in QEMU (kvm_hyperv_expand_features), so none are reported.
 */
export function findMissingDependencies(set: EnlightenmentSet): readonly MissingDependency[] {
  // Once per set: sets are never changed, and two rules of every check ask.
  let found = missing.get(set);
  if (!found) {
    found = Object.freeze(missingOf(set));
    missing.set(set, found);
  }
  return found;
}

const missing = new WeakMap<EnlightenmentSet, readonly MissingDependency[]>();

/** The on/off features, the only ones whose requirements are followed. */
const BOOLEANS: ReadonlySet<FeatureId> = new Set(PRINT_ORDER.filter((id) => CATALOG[id].kind === 'bool'));

function missingOf(set: EnlightenmentSet): MissingDependency[] {
  if (set.mode === 'passthrough') return [];
  const out: MissingDependency[] = [];
  const seen = new Set<string>();
  const queue: { id: FeatureId; chain: FeatureId[] }[] = [];
  for (const id of enabledFeatures(set)) if (BOOLEANS.has(id)) queue.push({ id, chain: [] });
  // Breadth first: the direct requirements of what the user wrote come before the chained ones.
  for (let i = 0; i < queue.length; i++) {
    const { id, chain } = queue[i]!;
    for (const dep of requirementsOf(set, id)) {
      if (isOn(set, dep) || seen.has(`${id}>${dep}`)) continue;
      seen.add(`${id}>${dep}`);
      out.push({ feature: id, requires: dep, neededBy: chain });
      queue.push({ id: dep, chain: [id, ...chain] });
    }
  }
  return out;
}

/** The set with every missing dependency turned on, and the ids added, in print order. */
export function closeDependencies(set: EnlightenmentSet): { set: EnlightenmentSet; added: FeatureId[] } {
  let result = set;
  const added: FeatureId[] = [];
  for (;;) {
    const missing = findMissingDependencies(result);
    if (missing.length === 0) break;
    for (const m of missing) {
      if (!added.includes(m.requires)) added.push(m.requires);
      result = setFeature(result, m.requires, true);
    }
  }
  return { set: result, added: PRINT_ORDER.filter((id) => added.includes(id)) };
}

/** Features that (directly or through a chain) require `id`. */
export function dependentsOf(id: FeatureId): FeatureId[] {
  const out: FeatureId[] = [];
  const walk = (target: FeatureId) => {
    for (const other of PRINT_ORDER) {
      if ((CATALOG[other].requires as readonly string[]).includes(target) && !out.includes(other)) {
        out.push(other);
        walk(other);
      }
    }
  };
  walk(id);
  return PRINT_ORDER.filter((f) => out.includes(f));
}
