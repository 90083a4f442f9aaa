import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import { emptySet, setFeature, showValue } from '../../model/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import type { XmlElementSpec, XmlQuote } from '../../syntax/xml/index.js';
import { serializeElement } from '../../syntax/xml/index.js';
import { featureSpec, hypervSpec } from './specs.js';
import { elementOf, libvirtIndex, parentOf } from './spellings.js';

/** Where a feature lives in a domain, and how people are told about it. */
interface LibvirtPlace {
  /** How messages name it: `<synic>`, `<stimer><direct>`, `<timer name='hypervclock'>`, `<kvm><hidden>`. */
  name: string;
  /** Its path under `<features>` or the domain, for `list`: `hyperv/spinlocks@retries`, `clock/timer[@name='hypervclock']`. */
  path: string;
  /** The element it goes into, as fix words say it: `<hyperv>`, `<stimer>`, `<clock>`, `<features><kvm>`. */
  home: string;
  /** Its own tag as remove words name it, in the file's quotes: `<synic>`, `<timer name='hypervclock'>`. */
  tag(quote: XmlQuote): string;
  /** The elements above the example, outermost first. */
  within: string[];
  /** The element an example writes for the set: the feature's own, its parent's with it, or `<hyperv mode=...>`. */
  example(set: EnlightenmentSet): XmlElementSpec | undefined;
}

/** An element named by one attribute under a parent element: `<timer name='hypervclock'>` in `<clock>`, `<panic model='hyperv'>` in `<devices>`. */
function byAttribute(
  parent: string,
  element: string,
  attr: string,
  value: string,
  example: LibvirtPlace['example'],
): LibvirtPlace {
  return {
    name: `<${element} ${attr}='${value}'>`,
    path: `${parent}/${element}[@${attr}='${value}']`,
    home: `<${parent}>`,
    tag: (q) => `<${element} ${attr}=${q}${value}${q}>`,
    within: [parent],
    example,
  };
}

/**
 * The place of a feature in libvirt domain XML, from the catalog's libvirt spelling; undefined when
 * libvirt has no element for it. Reading (spellings.ts) and writing (specs.ts) have their own.
 */
export function placeOf(id: FeatureId): LibvirtPlace | undefined {
  const s = CATALOG[id].libvirt;
  if (!s) return undefined;
  const own = (set: EnlightenmentSet) => featureSpec(id, set);
  switch (s.kind) {
    case 'hyperv':
      return {
        name: `<${s.element}>`,
        path: `hyperv/${s.element}${s.valueAttr ? `@${s.valueAttr}` : ''}`,
        home: '<hyperv>',
        tag: () => `<${s.element}>`,
        within: ['features', 'hyperv'],
        example: own,
      };
    case 'hyperv-child': {
      const parent = parentOf(id)!;
      const pe = elementOf(parent) ?? s.parentFeature;
      return {
        name: `<${pe}><${s.element}>`,
        path: `hyperv/${pe}/${s.element}`,
        home: `<${pe}>`,
        tag: () => `<${s.element}>`,
        within: ['features', 'hyperv'],
        example: (set) => featureSpec(parent, set),
      };
    }
    case 'timer':
      return byAttribute('clock', 'timer', 'name', s.name, own);
    case 'panic':
      return byAttribute('devices', 'panic', 'model', s.model, own);
    case 'mode':
      return {
        name: `<hyperv mode='${s.mode}'>`,
        path: `hyperv@mode='${s.mode}'`,
        home: '<features>',
        tag: (q) => `<hyperv mode=${q}${s.mode}${q}>`,
        within: ['features'],
        example: hypervSpec,
      };
    case 'kvm':
      return {
        name: `<kvm><${s.element}>`,
        path: `kvm/${s.element}`,
        home: '<features><kvm>',
        tag: () => `<${s.element}>`,
        within: ['features', 'kvm'],
        example: own,
      };
  }
}

/** A feature as messages name it in libvirt XML, or the setting given a value (`<spinlocks> 0x1fff`); QEMU's name when libvirt has none. */
export function spellLibvirt(id: FeatureId, value?: FeatureValue): string {
  const name = placeOf(id)?.name ?? CATALOG[id].qemu.name;
  return value === undefined ? name : `${name} ${showValue(id, value)}`;
}

/** The path `list` shows for a feature (`hyperv/stimer/direct`), or null when libvirt cannot express it. */
export function locateLibvirt(id: FeatureId): string | null {
  return placeOf(id)?.path ?? null;
}

/** The feature with a value (its parent on), as a whole `<features>`, `<clock>` or `<devices>` element on one line. */
export function libvirtExample(id: FeatureId, value: FeatureValue): string | null {
  const place = placeOf(id);
  if (!place) return null;
  const parent = parentOf(id);
  let set = setFeature(emptySet(), id, value);
  if (parent) set = setFeature(set, parent, true);
  const spec = place.example(set);
  if (!spec) return null;
  const whole = place.within.reduceRight<XmlElementSpec>((inner, name) => ({ name, children: [inner] }), spec);
  return serializeElement(whole, { quote: "'", indentUnit: '', newline: '' });
}

/** The feature a libvirt name stands for: a `<hyperv>` element (`emsr_bitmap`) or a timer (`hypervclock`). */
export function featureOfLibvirtName(name: string): FeatureId | undefined {
  const index = libvirtIndex();
  return index.hyperv.get(name) ?? index.timers.get(name);
}
