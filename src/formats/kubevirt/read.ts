import type { Document, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { FieldPlace, KindLayout } from './fields.js';
import { KV, LAYOUTS, PLACES } from './fields.js';
import type { KvObject } from './objects.js';
import { deref, getIn, mapAt, pairOf, scalarString, spanOf } from './objects.js';

/** One feature as the object states it, and as KubeVirt's converter turns it into libvirt XML. */
export interface KvState {
  /** The state the converter writes (boolToOnOff(enabled, true): a FeatureState without `enabled` is on). */
  on: boolean;
  /** `enabled` as written; undefined when the object leaves it out (KubeVirt's defaults then make it true). */
  enabled?: boolean;
  /** spinlocks.spinlocks, vendorid.vendorid. */
  value?: number | string;
  /** The key of the feature in the text (or what stands for it). */
  span: Span;
  /** Its field path (`spec.template.spec.domain.features.hyperv.synictimer`). */
  path: string;
  /** Set by KubeVirt's mutating webhook, with the reason; absent when the object states it. */
  added?: string;
}

export type KvFeatures = Partial<Record<FeatureId, KvState>>;

export interface KvCpuFeature {
  name: string;
  /** As written; the converter passes an empty policy on, which libvirt reads as require. */
  policy?: string;
  span: Span;
  added?: string;
}

/** What enlighten reads from one object, before KubeVirt's defaults. */
export interface KvRead {
  layout: KindLayout;
  features: KvFeatures;
  /** features.hyperv exists (the mutator's dependency defaults run only then). */
  hasHyperv: boolean;
  hypervSpan?: Span;
  /** clock.timer (or preferredTimer) exists: a preference's timer then does not apply. */
  hasTimer: boolean;
  /** features.hypervPassthrough, when stated. */
  passthrough?: { enabled?: boolean; span: Span };
  cpuModel?: { value: string; span: Span };
  cpuFeatures: KvCpuFeature[];
  /** spec.domain.cpu.features exists (an empty list counts as missing, as in the webhook). */
  cpuFeaturesSpan?: Span;
  /** spec.preference of a VM: the preference it takes features from. */
  preference?: { kind: string; name: string; span: Span };
  diagnostics: Diagnostic[];
}

const fieldPath = (parts: readonly string[]) => parts.join('.');

/** The block map (features.hyperv, clock.timer, ...) and its path. */
function blockPath(layout: KindLayout, place: FieldPlace): string[] | undefined {
  switch (place.block) {
    case 'hyperv':
      return layout.hyperv;
    case 'kvm':
      return layout.kvm;
    case 'timer':
      return layout.timer;
    case 'panic':
      return undefined;
  }
}

function keySpan(map: YAMLMap, key: string): Span {
  const pair = pairOf(map, key);
  return (pair && spanOf(pair.key as { range?: [number, number, number] })) ?? spanOf(map) ?? { start: 0, end: 0 };
}

/** Reads one FeatureState-like node: `{}`, `{enabled: bool}`, plus the value key. */
function readState(
  parent: YAMLMap,
  key: string,
  place: FieldPlace,
  path: string,
  doc: Document,
  diagnostics: Diagnostic[],
): KvState | undefined {
  const pair = pairOf(parent, key);
  if (!pair) return undefined;
  const span = keySpan(parent, key);
  const node = deref(pair.value, doc);
  if (place.plainBool) {
    if (isScalar(node) && typeof node.value === 'boolean') return { on: node.value, enabled: node.value, span, path };
    diagnostics.push(
      makeDiagnostic('INVALID_BOOLEAN', `${path} must be true or false`, {
        span: (node ? spanOf(node as YAMLMap) : undefined) ?? span,
        notes: ["KubeVirt's API server refuses any other value (FeatureKVM.Hidden is a bool)"],
      }),
    );
    return undefined;
  }
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
    diagnostics.push(
      makeDiagnostic('INVALID_VALUE', `${path} is null, which KubeVirt reads as absent: the feature is not set`, {
        span,
        notes: [`write \`${key}: {}\` (on) or \`${key}: {enabled: true}\``],
      }),
    );
    return undefined;
  }
  if (!isMap(node)) {
    diagnostics.push(
      makeDiagnostic('INVALID_VALUE', `${path} must be an object such as {enabled: true}`, {
        span: spanOf(node as YAMLMap) ?? span,
        notes: ["KubeVirt's API server refuses the object (schema validation)"],
      }),
    );
    return undefined;
  }
  const state: KvState = { on: true, span, path };
  const enabled = getIn(node, 'enabled', doc);
  if (enabled !== undefined) {
    if (isScalar(enabled) && typeof enabled.value === 'boolean') {
      state.enabled = enabled.value;
      state.on = enabled.value;
    } else {
      diagnostics.push(
        makeDiagnostic('INVALID_BOOLEAN', `${path}.enabled must be true or false`, {
          span: spanOf(enabled as YAMLMap) ?? span,
          notes: ["KubeVirt's API server refuses any other value"],
        }),
      );
      return undefined;
    }
  }
  if (place.valueKey) {
    const v = getIn(node, place.valueKey, doc);
    if (v !== undefined) {
      const ok = isScalar(v) && (typeof v.value === 'number' || typeof v.value === 'string');
      if (ok) state.value = v.value as number | string;
      else
        diagnostics.push(
          makeDiagnostic('INVALID_VALUE', `${path}.${place.valueKey} has no readable value`, {
            span: spanOf(v as YAMLMap) ?? span,
          }),
        );
    }
  }
  return state;
}

function readPanic(obj: KvObject, layout: KindLayout, base: string[], features: KvFeatures): void {
  const doc = obj.doc;
  if (layout.panicList) {
    const parent = mapAt(obj.map, [...base, ...layout.panicList.slice(0, -1)], doc);
    const key = layout.panicList[layout.panicList.length - 1]!;
    const list = parent ? getIn(parent, key, doc) : undefined;
    if (!isSeq(list)) return;
    list.items.forEach((item, i) => {
      const dev = deref(item, doc);
      if (!isMap(dev)) return;
      const model = getIn(dev, 'model', doc);
      if (scalarString(model) === 'hyperv')
        features.crash = {
          on: true,
          enabled: true,
          span: spanOf(model as YAMLMap) ?? keySpan(dev, 'model'),
          path: `${fieldPath([...base, ...layout.panicList!])}[${i}].model`,
        };
    });
  } else if (layout.panicModel) {
    const parent = mapAt(obj.map, [...base, ...layout.panicModel.slice(0, -1)], doc);
    const key = layout.panicModel[layout.panicModel.length - 1]!;
    const model = parent ? getIn(parent, key, doc) : undefined;
    if (parent && scalarString(model) === 'hyperv')
      features.crash = {
        on: true,
        enabled: true,
        span: spanOf(model as YAMLMap) ?? keySpan(parent, key),
        path: fieldPath([...base, ...layout.panicModel]),
      };
  }
}

/** Reads every field KubeVirt's API has for the Hyper-V set, with positions and field paths. */
export function readObject(obj: KvObject): KvRead {
  const layout = LAYOUTS[obj.kind]!;
  const doc = obj.doc;
  const base = layout.base;
  const diagnostics: Diagnostic[] = [];
  const features: KvFeatures = {};
  const out: KvRead = { layout, features, hasHyperv: false, hasTimer: false, cpuFeatures: [], diagnostics };
  if (!layout) return out;
  const hyperv = mapAt(obj.map, [...base, ...layout.hyperv], doc);
  if (hyperv) {
    out.hasHyperv = true;
    const parent = mapAt(obj.map, [...base, ...layout.hyperv.slice(0, -1)], doc)!;
    out.hypervSpan = keySpan(parent, layout.hyperv[layout.hyperv.length - 1]!);
  }
  out.hasTimer = mapAt(obj.map, [...base, ...layout.timer], doc) !== undefined;
  for (const [id, place] of Object.entries(PLACES) as [FeatureId, FieldPlace][]) {
    const block = blockPath(layout, place);
    if (!block) continue;
    const parentPath = [...base, ...block, ...place.keys.slice(0, -1)];
    const parent = mapAt(obj.map, parentPath, doc);
    if (!parent) continue;
    const key = place.keys[place.keys.length - 1]!;
    const state = readState(parent, key, place, fieldPath([...parentPath, key]), doc, diagnostics);
    if (state) features[id] = state;
  }
  readPanic(obj, layout, base, features);
  if (layout.passthrough) {
    const parent = mapAt(obj.map, [...base, ...layout.passthrough.slice(0, -1)], doc);
    const key = layout.passthrough[layout.passthrough.length - 1]!;
    if (parent && pairOf(parent, key)) {
      const node = getIn(parent, key, doc);
      const enabled = isMap(node) ? getIn(node, 'enabled', doc) : undefined;
      out.passthrough = {
        span: keySpan(parent, key),
        ...(isScalar(enabled) && typeof enabled.value === 'boolean' ? { enabled: enabled.value } : {}),
      };
    }
  }
  if (layout.cpuModel) {
    const parent = mapAt(obj.map, [...base, ...layout.cpuModel.slice(0, -1)], doc);
    const model = parent ? getIn(parent, layout.cpuModel[layout.cpuModel.length - 1]!, doc) : undefined;
    const value = scalarString(model);
    if (value) out.cpuModel = { value, span: spanOf(model as YAMLMap)! };
  }
  const cpuParent = mapAt(obj.map, [...base, ...layout.cpuFeatures.slice(0, -1)], doc);
  const cpuKey = layout.cpuFeatures[layout.cpuFeatures.length - 1]!;
  const list = cpuParent ? getIn(cpuParent, cpuKey, doc) : undefined;
  if (cpuParent && isSeq(list)) {
    out.cpuFeaturesSpan = keySpan(cpuParent, cpuKey);
    for (const item of list.items) {
      const f = deref(item, doc);
      if (!isMap(f)) continue;
      const name = scalarString(getIn(f, 'name', doc));
      const policy = scalarString(getIn(f, 'policy', doc));
      if (name) out.cpuFeatures.push({ name, span: spanOf(f)!, ...(policy ? { policy } : {}) });
    }
  }
  const pref = obj.kind === 'VirtualMachine' ? mapAt(obj.map, ['spec', 'preference'], doc) : undefined;
  const prefName = pref ? scalarString(getIn(pref, 'name', doc)) : undefined;
  if (pref && prefName)
    out.preference = {
      kind: scalarString(getIn(pref, 'kind', doc)) ?? 'VirtualMachineClusterPreference',
      name: prefName,
      span: spanOf(pref)!,
    };
  return out;
}

/** The catalog's value kind says whether a feature carries a value (spinlocks, vendor id). */
export function carriesValue(id: FeatureId): boolean {
  const kind = CATALOG[id].kind;
  return kind !== 'bool' && kind !== 'on-off-auto';
}

export const SOURCE_SCHEMA = `${KV} staging/src/kubevirt.io/api/core/v1/schema.go`;
