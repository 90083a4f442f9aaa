import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';
import type { XmlEditor, XmlElement } from '../../syntax/xml/index.js';
import { findChild, findChildren, getAttribute, getAttributeNode, getChildElements } from '../../syntax/xml/index.js';
import { insertBeforeAny, insertByRank, PLACE } from './placement.js';
import { featureSpec, hypervSpec, isEmptyHyperv, stateAttributes } from './specs.js';
import { libvirtIndex, parentOf } from './spellings.js';
import { readUnsigned } from './values.js';

/** Where the `<hyperv>` elements live and how to create one. */
export interface HypervHome {
  /** Every `<hyperv>` of the document, in order (libvirt reads them all; a later one wins). */
  elements: readonly XmlElement[];
  /** Adds a new `<hyperv>` (inside `<features>`, creating it when needed). */
  create(editor: XmlEditor, spec: ReturnType<typeof hypervSpec>): void;
}

function rankOfElement(el: XmlElement, scope: ReadonlyMap<string, FeatureId> | undefined): number | undefined {
  const id = scope?.get(el.name);
  return id === undefined ? undefined : libvirtIndex().order.get(id);
}

/** The last element spelling `id` among the children of `parents` (libvirt uses the last one). */
function lastNamed(parents: readonly XmlElement[], name: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const p of parents) for (const c of findChildren(p, name)) found = c;
  return found;
}

/** Rewrites an existing element's state and value attributes, touching only those that differ. */
function updateElement(editor: XmlEditor, el: XmlElement, id: FeatureId, value: FeatureValue): void {
  for (const [attr, wanted] of stateAttributes(id, value)) {
    const now = getAttributeNode(el, attr);
    const same = attr === 'retries' && now ? readUnsigned(now.value) === Number(wanted) : now?.value === wanted;
    if (!same) editor.setAttribute(el, attr, wanted);
  }
}

/**
 * Applies the changes from `base` to `target` to the `<hyperv>` elements: the mode attribute, then
 * each changed feature in libvirt's order (set attributes in place, add elements among their
 * neighbours in libvirt's order, remove unset ones). Switching to passthrough replaces the element,
 * since libvirt's schema allows no children there.
 */
export function editHyperv(
  editor: XmlEditor,
  home: HypervHome,
  base: EnlightenmentSet,
  target: EnlightenmentSet,
): void {
  const idx = libvirtIndex();
  const changed = PRINT_ORDER.filter((id) => {
    const kind = CATALOG[id].libvirt?.kind;
    return (kind === 'hyperv' || kind === 'hyperv-child') && getValue(base, id) !== getValue(target, id);
  });
  if (base.mode === target.mode && changed.length === 0) return;
  const all = home.elements;
  const main = all[all.length - 1];
  if (!main) {
    const spec = hypervSpec(target);
    if (!isEmptyHyperv(spec)) home.create(editor, spec);
    return;
  }
  if (base.mode !== target.mode) {
    if (target.mode === 'passthrough' && all.some((h) => getChildElements(h).length > 0)) {
      for (const h of all) if (h !== main) editor.removeElement(h);
      // Keep the quote the mode attribute had; the mode is one of three fixed words.
      const q = getAttributeNode(main, 'mode')?.quote ?? editor.style.quote;
      editor.replaceElement(main, `<${main.name} mode=${q}${target.mode}${q}/>`);
      return;
    }
    if (target.mode !== 'custom' || getAttribute(main, 'mode') !== undefined)
      editor.setAttribute(main, 'mode', target.mode);
  }
  if (target.mode === 'passthrough') return;
  const removed = new Set<XmlElement>();
  const created = new Set<FeatureId>();
  for (const id of changed) {
    const value = getValue(target, id);
    const parent = parentOf(id);
    if (parent) {
      if (created.has(parent)) continue;
      const parentSpelling = CATALOG[parent].libvirt;
      const parentEl = parentSpelling?.kind === 'hyperv' ? lastNamed(all, parentSpelling.element) : undefined;
      if (!parentEl || removed.has(parentEl) || getValue(target, parent) !== true) continue;
      editOne(editor, [parentEl], parentEl, id, value, target, removed, idx.children.get(parent));
      continue;
    }
    const spec = editOne(editor, all, main, id, value, target, removed, idx.hyperv);
    if (spec) created.add(id);
  }
}

/** Changes, adds or removes one feature's element under `parents`; true when it added a new element. */
function editOne(
  editor: XmlEditor,
  parents: readonly XmlElement[],
  into: XmlElement,
  id: FeatureId,
  value: FeatureValue | undefined,
  target: EnlightenmentSet,
  removed: Set<XmlElement>,
  scope: ReadonlyMap<string, FeatureId> | undefined,
): boolean {
  const s = CATALOG[id].libvirt;
  if (!s || (s.kind !== 'hyperv' && s.kind !== 'hyperv-child')) return false;
  const existing = parents.flatMap((p) => findChildren(p, s.element));
  if (value === undefined) {
    for (const el of existing) {
      editor.removeElement(el);
      removed.add(el);
    }
    return false;
  }
  const el = existing[existing.length - 1];
  if (el) {
    updateElement(editor, el, id, value);
    return false;
  }
  const spec = featureSpec(id, target);
  if (!spec) return false;
  insertByRank(editor, into, spec, libvirtIndex().order.get(id) ?? 0, (c) => rankOfElement(c, scope), removed);
  return true;
}

/** The `<hyperv>` home of a document root: inside `<features>` of a domain, a `<features>` fragment, or the fragment itself. */
export function hypervHome(root: XmlElement, kind: 'domain' | 'features' | 'hyperv'): HypervHome {
  if (kind === 'hyperv') return { elements: [root], create: () => undefined };
  const features = kind === 'features' ? root : findChild(root, 'features');
  const elements = features ? findChildren(features, 'hyperv') : [];
  return {
    elements,
    create(editor, spec) {
      if (features) insertBeforeAny(editor, features, spec, PLACE.hyperv);
      else insertBeforeAny(editor, root, { name: 'features', children: [spec] }, PLACE.features);
    },
  };
}
