import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../catalog/index.js';
import type { Span } from '../../diagnostics/index.js';
import type { EnlightenmentSet, FeatureValues, Mode } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import { childrenOf, targetOf } from './targets.js';

/**
 * One change a virt-xml command makes to the domain, at the level of the XML it touches:
 * - state: `state='on|off'` of a hyperv element, `present='yes|no'` of a timer, a device added (on);
 * - value: the value attribute (`retries`, `value`);
 * - delete: the element removed (with its children), or the device removed;
 * - mode: the `mode` attribute of `<hyperv>`.
 * `span` covers the sub-option that makes it; `text` is that sub-option as written.
 */
export type VirtXmlEdit =
  | { op: 'state'; feature: FeatureId; on: boolean; span: Span; text: string }
  | { op: 'value'; feature: FeatureId; value: number | string; span: Span; text: string }
  | { op: 'delete'; feature: FeatureId; span: Span; text: string }
  | { op: 'mode'; mode: Mode; span: Span; text: string };

/** What the domain XML holds for one feature. */
interface Slot {
  present: boolean;
  state?: boolean;
  value?: number | string;
}

function slotOf(value: FeatureValue | undefined): Slot {
  if (value === undefined) return { present: false };
  if (typeof value === 'boolean') return { present: true, state: value };
  return value === 'auto' ? { present: true, state: true } : { present: true, state: true, value };
}

/**
 * The feature's value in a set, as libvirt reads the slot: a value-carrying element turned off
 * reads as unset (libvirt passes nothing to QEMU either way), one turned on without its value
 * gets the default newer libvirt uses (4294967295 retries; libvirt 9.0 refuses it instead).
 */
function slotValue(id: FeatureId, slot: Slot): FeatureValue | undefined {
  if (!slot.present || slot.state === undefined) return undefined;
  const t = targetOf(id);
  const valueAttr = t?.kind === 'hyperv' ? t.valueAttr : undefined;
  if (!valueAttr) return slot.state;
  if (!slot.state) return undefined;
  const fallback = CATALOG[id].default;
  return slot.value ?? (typeof fallback === 'number' || typeof fallback === 'string' ? fallback : undefined);
}

/**
 * The set a domain holding `from` has after the edits, as the XML holds it (a state without its
 * value keeps the value the domain has). Libvirt's rules for reading children of an element turned
 * off, and passthrough, are applied by viewAsDomain, not here.
 */
export function applyVirtXmlEdits(from: EnlightenmentSet, edits: readonly VirtXmlEdit[]): EnlightenmentSet {
  const slots = new Map<FeatureId, Slot>();
  for (const id of FEATURE_IDS) if (!CATALOG[id].setsMode) slots.set(id, slotOf(getValue(from, id)));
  let mode: Mode = from.mode;
  const remove = (id: FeatureId) => {
    slots.set(id, { present: false });
    for (const child of childrenOf(id)) remove(child);
  };
  for (const e of edits) {
    if (e.op === 'mode') {
      mode = e.mode;
      continue;
    }
    if (e.op === 'delete') {
      remove(e.feature);
      continue;
    }
    const slot = slots.get(e.feature) ?? { present: false };
    if (e.op === 'state') slots.set(e.feature, { ...slot, present: true, state: e.on });
    else slots.set(e.feature, { ...slot, present: true, value: e.value });
  }
  const features: FeatureValues = {};
  for (const [id, slot] of slots) {
    const v = slotValue(id, slot);
    if (v !== undefined) features[id] = v;
  }
  return { mode, features };
}
