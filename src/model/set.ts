import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../catalog/index.js';
import type { Span } from '../diagnostics/index.js';

/**
 * custom: the listed features; passthrough: everything the host supports (hv-passthrough);
 * host-model: libvirt expands the host's features at start-up (libvirt 11.9+).
 */
export type Mode = 'custom' | 'passthrough' | 'host-model';

/** Feature values by id, as a set's `features` holds them; mutable while a reader builds them. */
export type FeatureValues = Partial<Record<FeatureId, FeatureValue>>;

/**
 * What a VM asks for, independent of any syntax. A feature absent from `features` is unset. Never
 * changed once made (setFeature makes a new set): what is worked out from a set is kept per set
 * (listedFeatures, enabledFeatures, findMissingDependencies), and the types say so.
 */
export interface EnlightenmentSet {
  readonly mode: Mode;
  readonly features: Readonly<FeatureValues>;
}

/** Where each item came from in the source text. */
export type Origins = Partial<Record<FeatureId, Span>>;

/**
 * The features that set the mode (the catalog's `setsMode`), by id: read on every getValue, which
 * a check calls hundreds of times per file; this small Map answers faster than each definition.
 */
const SETS_MODE = new Map<FeatureId, Mode>(
  PRINT_ORDER.flatMap((id) => (CATALOG[id].setsMode ? [[id, CATALOG[id].setsMode!] as const] : [])),
);

export function emptySet(mode: Mode = 'custom'): EnlightenmentSet {
  return { mode, features: {} };
}

/**
 * The mode after a feature that sets one (`setsMode`) is given a value, or unset (undefined): on
 * sets it, off or unset while it holds goes back to custom. The one rule setFeature, unsetFeature
 * and putFeature follow.
 */
function modeAfter(mode: Mode, setsMode: Mode, value: FeatureValue | undefined): Mode {
  if (value === undefined) return mode === setsMode ? 'custom' : mode;
  return value === false ? 'custom' : setsMode;
}

export function setFeature(set: EnlightenmentSet, id: FeatureId, value: FeatureValue): EnlightenmentSet {
  const setsMode = SETS_MODE.get(id);
  if (setsMode) return { ...set, mode: modeAfter(set.mode, setsMode, value) };
  return { ...set, features: { ...set.features, [id]: value } };
}

/**
 * What setFeature (a value) or unsetFeature (undefined) does, on a reader's own mutable values and
 * mode: the values change in place and the mode after it is returned. A reader that meets features
 * one at a time then makes one set at the end (`setOf`), instead of a copy per feature.
 */
export function putFeature(values: FeatureValues, mode: Mode, id: FeatureId, value: FeatureValue | undefined): Mode {
  const setsMode = SETS_MODE.get(id);
  if (setsMode) return modeAfter(mode, setsMode, value);
  values[id] = value;
  return mode;
}

/** Each feature's place in print order. */
const PRINT_INDEX = new Map<FeatureId, number>(PRINT_ORDER.map((id, i) => [id, i]));

function byPrintOrder(a: FeatureId, b: FeatureId): number {
  return PRINT_INDEX.get(a)! - PRINT_INDEX.get(b)!;
}

/**
 * The ids of the features `values` holds (not undefined, no mode feature, nothing but catalog ids)
 * that `keep` accepts, in print order. It goes through the ids the object has rather than asking
 * it for each of the catalog's: a lookup of an id an object does not have is a slow one, and most
 * of the catalog is absent from any one set (`setOf` was 2 microseconds a domain, profiled over
 * 10,000 files).
 */
function heldIds(values: Readonly<FeatureValues>, keep: (v: FeatureValue) => boolean): FeatureId[] {
  const ids: FeatureId[] = [];
  for (const id of Object.keys(values) as FeatureId[]) {
    if (SETS_MODE.has(id) || !PRINT_INDEX.has(id)) continue;
    const v = values[id];
    if (v !== undefined && keep(v)) ids.push(id);
  }
  return inPrintOrder(ids) ? ids : ids.sort(byPrintOrder);
}

/** True when the ids are in print order already, as a set made by setOf holds them: no sort needed. */
function inPrintOrder(ids: readonly FeatureId[]): boolean {
  for (let i = 1; i < ids.length; i++) if (PRINT_INDEX.get(ids[i - 1]!)! > PRINT_INDEX.get(ids[i]!)!) return false;
  return true;
}

const any = () => true;
const on = (v: FeatureValue) => v !== false;

/** A set of these values (those not undefined), its features in print order: sets read alike share one shape. */
export function setOf(mode: Mode, values: Readonly<FeatureValues>): EnlightenmentSet {
  const features: FeatureValues = {};
  for (const id of heldIds(values, any)) features[id] = values[id];
  return { mode, features };
}

export function unsetFeature(set: EnlightenmentSet, id: FeatureId): EnlightenmentSet {
  const setsMode = SETS_MODE.get(id);
  if (setsMode) {
    const mode = modeAfter(set.mode, setsMode, undefined);
    return mode === set.mode ? set : { ...set, mode };
  }
  const features = { ...set.features };
  delete features[id];
  return { ...set, features };
}

/** The value the set gives a feature, or undefined when unset. Mode features read the mode. */
export function getValue(set: EnlightenmentSet, id: FeatureId): FeatureValue | undefined {
  const mode = SETS_MODE.get(id);
  if (mode) return set.mode === mode ? true : undefined;
  return set.features[id];
}

/**
 * True when the feature is in effect: a boolean set to true, an on-off-auto set to true or 'auto',
 * or a value-carrying feature given a value.
 */
export function isOn(set: EnlightenmentSet, id: FeatureId): boolean {
  const v = getValue(set, id);
  if (v === undefined || v === false) return false;
  return true;
}

/**
 * What a set lists and what it has on, worked out once per set: sets are never changed (setFeature
 * makes a new one), and a check asks for these lists of the same set in several rules, each time
 * going through the whole catalog.
 */
const listed = new WeakMap<EnlightenmentSet, readonly FeatureId[]>();
const enabled = new WeakMap<EnlightenmentSet, readonly FeatureId[]>();

/** The ids in print order, with the features that set the set's mode (which are on when it holds). */
function withModeFeatures(set: EnlightenmentSet, ids: FeatureId[]): FeatureId[] {
  let added = false;
  for (const [id, mode] of SETS_MODE)
    if (set.mode === mode) {
      ids.push(id);
      added = true;
    }
  return added && !inPrintOrder(ids) ? ids.sort(byPrintOrder) : ids;
}

/** Feature ids the set mentions, in print order. */
export function listedFeatures(set: EnlightenmentSet): readonly FeatureId[] {
  let ids = listed.get(set);
  if (!ids) {
    ids = Object.freeze(withModeFeatures(set, heldIds(set.features, any)));
    listed.set(set, ids);
  }
  return ids;
}

/** The ids of features that are on, in print order. */
export function enabledFeatures(set: EnlightenmentSet): readonly FeatureId[] {
  let ids = enabled.get(set);
  if (!ids) {
    ids = Object.freeze(withModeFeatures(set, heldIds(set.features, on)));
    enabled.set(set, ids);
  }
  return ids;
}

export function setsEqual(a: EnlightenmentSet, b: EnlightenmentSet): boolean {
  if (a.mode !== b.mode) return false;
  const ka = listedFeatures(a);
  const kb = listedFeatures(b);
  return ka.length === kb.length && ka.every((id, i) => id === kb[i] && a.features[id] === b.features[id]);
}

/** A plain JSON view: `{"mode": "custom", "features": {...}}` in print order, holding only what is set. */
export function toJsonSet(set: EnlightenmentSet): { mode: Mode; features: Record<string, FeatureValue> } {
  const features: Record<string, FeatureValue> = {};
  for (const id of PRINT_ORDER) {
    if (CATALOG[id].setsMode) continue;
    const v = set.features[id];
    if (v !== undefined) features[id] = v;
  }
  return { mode: set.mode, features };
}

/** True when a setting that hides KVM's CPUID signature (the catalog's hidesKvmSignature) is on. */
export function hidesKvmSignature(set: EnlightenmentSet): boolean {
  return PRINT_ORDER.some((id) => CATALOG[id].hidesKvmSignature === true && getValue(set, id) === true);
}
