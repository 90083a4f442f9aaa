// Reads the enlightenment set of a libvirt domain XML the way libvirt 9.0 reads it
// (reference/libvirt-hv-mapping.md "Parser rules"), from the catalog's libvirt spellings.
// An independent minimal reader; the real-virt-xml tests check the libvirt format's parse agrees.
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../src/catalog/index.js';
import type { EnlightenmentSet, FeatureValues, Mode } from '../../src/model/index.js';
import { find, findAll, getAttribute, getChildElements, parseXml } from '../../src/syntax/xml/index.js';
import type { XmlElement } from '../../src/syntax/xml/index.js';
import { parseCInteger } from '../../src/syntax/c-integer.js';

function hypervFeature(path: string[]): FeatureId | undefined {
  return FEATURE_IDS.find((id) => {
    const s = CATALOG[id].libvirt;
    if (s?.kind === 'hyperv') return path.length === 1 && s.element === path[0];
    if (s?.kind !== 'hyperv-child') return false;
    const p = CATALOG[s.parentFeature as FeatureId].libvirt;
    return p?.kind === 'hyperv' && path.length === 2 && p.element === path[0] && s.element === path[1];
  });
}

function readElement(el: XmlElement, id: FeatureId): FeatureValue | undefined {
  const state = getAttribute(el, 'state');
  if (state !== 'on' && state !== 'off') return undefined;
  const s = CATALOG[id].libvirt;
  const attr = s?.kind === 'hyperv' ? s.valueAttr : undefined;
  if (!attr) return state === 'on';
  // A value-carrying element turned off reads as unset; on without its value, as the default.
  if (state === 'off') return undefined;
  const raw = getAttribute(el, attr);
  const fallback = CATALOG[id].default;
  if (raw === undefined) return typeof fallback === 'number' || typeof fallback === 'string' ? fallback : undefined;
  return CATALOG[id].kind === 'string' ? raw : Number(parseCInteger(raw));
}

export function readDomainSet(xml: string): EnlightenmentSet {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`not XML: ${parsed.diagnostics[0]?.message}`);
  const root = parsed.doc.root;
  const features: FeatureValues = {};
  const hyperv = find(root, 'features/hyperv');
  const mode = ((hyperv && getAttribute(hyperv, 'mode')) ?? 'custom') as Mode;
  if (hyperv && mode !== 'passthrough') {
    for (const el of getChildElements(hyperv)) {
      const id = hypervFeature([el.name]);
      if (!id) throw new Error(`unknown hyperv element ${el.name}`);
      const v = readElement(el, id);
      if (v !== undefined) features[id] = v;
      if (v === undefined || v === false) continue;
      for (const child of getChildElements(el)) {
        const cid = hypervFeature([el.name, child.name]);
        const cv = cid && readElement(child, cid);
        if (cid && cv !== undefined) features[cid] = cv;
      }
    }
  }
  for (const id of FEATURE_IDS) {
    const s = CATALOG[id].libvirt;
    if (s?.kind === 'timer') {
      const timer = findAll(root, 'clock/timer').find((t) => getAttribute(t, 'name') === s.name);
      const present = timer && getAttribute(timer, 'present');
      if (present === 'yes' || present === 'no') features[id] = present === 'yes';
    }
    if (s?.kind === 'panic' && findAll(root, 'devices/panic').some((p) => getAttribute(p, 'model') === s.model))
      features[id] = true;
    if (s?.kind === 'kvm') {
      // libvirt reads every <kvm> child; the last one of a name wins.
      const el = findAll(root, `features/kvm/${s.element}`).at(-1);
      const v = el && readElement(el, id);
      if (v !== undefined) features[id] = v;
    }
  }
  return { mode, features };
}
