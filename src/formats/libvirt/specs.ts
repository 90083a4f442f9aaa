import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { XmlElementSpec } from '../../syntax/xml/index.js';
import { libvirtIndex } from './spellings.js';

type Attr = readonly [string, string];

/** The attributes of a `<hyperv>` child or grandchild for a value: state, then retries or value. */
export function stateAttributes(id: FeatureId, value: FeatureValue): Attr[] {
  const s = CATALOG[id].libvirt;
  const attrs: Attr[] = [['state', value === false ? 'off' : 'on']];
  if (s?.kind === 'hyperv' && s.valueAttr && value !== false && value !== true)
    attrs.push([s.valueAttr, String(value)]);
  return attrs;
}

/**
 * The element for a feature in the set, with its children (`<stimer state='on'><direct state='on'/></stimer>`);
 * undefined when the set leaves it unset or libvirt has no element for it.
 */
export function featureSpec(id: FeatureId, set: EnlightenmentSet): XmlElementSpec | undefined {
  const value = getValue(set, id);
  const s = CATALOG[id].libvirt;
  if (value === undefined || !s) return undefined;
  switch (s.kind) {
    case 'hyperv': {
      const children = childSpecs(id, set);
      return { name: s.element, attributes: stateAttributes(id, value), ...(children.length ? { children } : {}) };
    }
    case 'hyperv-child':
    case 'kvm':
      return { name: s.element, attributes: stateAttributes(id, value) };
    case 'timer':
      return {
        name: 'timer',
        attributes: [
          ['name', s.name],
          ['present', value === false ? 'no' : 'yes'],
        ],
      };
    case 'panic':
      return value === true ? { name: 'panic', attributes: [['model', s.model]] } : undefined;
    case 'mode':
      return undefined;
  }
}

/** The child elements of a parent feature that the set gives a value, in libvirt's order; none unless the parent is on. */
export function childSpecs(parent: FeatureId, set: EnlightenmentSet): XmlElementSpec[] {
  const known = libvirtIndex().children.get(parent);
  if (!known || getValue(set, parent) !== true) return [];
  const out: XmlElementSpec[] = [];
  for (const id of known.values()) {
    const spec = featureSpec(id, set);
    if (spec) out.push(spec);
  }
  return out;
}

/** `<hyperv [mode=...]>` with every hyperv feature the set gives a value, in libvirt's order (none in passthrough mode). */
export function hypervSpec(set: EnlightenmentSet): XmlElementSpec {
  const attributes: Attr[] = set.mode === 'custom' ? [] : [['mode', set.mode]];
  if (set.mode === 'passthrough') return { name: 'hyperv', attributes };
  const children: XmlElementSpec[] = [];
  for (const id of PRINT_ORDER) {
    if (CATALOG[id].libvirt?.kind !== 'hyperv') continue;
    const spec = featureSpec(id, set);
    if (spec) children.push(spec);
  }
  return { name: 'hyperv', attributes, ...(children.length ? { children } : {}) };
}

/** `<kvm>` with every kvm feature the set gives a value, in libvirt's order; undefined when there is none. */
export function kvmSpec(set: EnlightenmentSet): XmlElementSpec | undefined {
  const children = PRINT_ORDER.flatMap((id) =>
    CATALOG[id].libvirt?.kind === 'kvm' ? (featureSpec(id, set) ?? []) : [],
  );
  return children.length ? { name: 'kvm', children } : undefined;
}

/** True when the hyperv spec would say nothing (custom mode, no feature). */
export function isEmptyHyperv(spec: XmlElementSpec): boolean {
  return !spec.children?.length && !(spec.attributes as readonly Attr[] | undefined)?.length;
}
