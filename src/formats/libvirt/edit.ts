import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import type { PrintResult } from '../types.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { findChild, findChildren, getAttribute, XmlEditor, XmlValueError } from '../../syntax/xml/index.js';
import { editHyperv, hypervHome } from './edit-hyperv.js';
import { editKvm } from './edit-kvm.js';
import type { LibvirtParsed } from './parse.js';
import { planLibvirtSet } from './plan.js';
import { insertBeforeAny, PLACE } from './placement.js';
import { featureSpec, hypervSpec, isEmptyHyperv, kvmSpec } from './specs.js';
import { changedOfKind } from './spellings.js';
import { LATEST_LIBVIRT } from './versions.js';

export interface EditLibvirtOptions {
  /** The libvirt release the document is for (default LATEST_LIBVIRT): newer elements are not written. */
  libvirtVersion?: string;
}

/**
 * Rewrites the document so that it holds `set`, changing only the nodes concerned: attributes in
 * place (keeping their quotes), new elements among their neighbours in libvirt's order, indented
 * like them, in the document's quote style and line endings; `<features>`, `<hyperv>`, `<kvm>`,
 * `<clock>` and `<devices>` are created only when needed. Every other byte stays as it was. What the target
 * libvirt cannot take is left as it was and reported.
 */
export function editLibvirt(parsed: LibvirtParsed, set: EnlightenmentSet, opts: EditLibvirtOptions = {}): PrintResult {
  if (!parsed.doc || !parsed.root) {
    const parts = parsed.diagnostics.every((d) => d.severity !== 'error');
    const message = parts
      ? 'the parts of a domain printed one after another (<features>, <clock>, <devices>) cannot be edited in place'
      : 'the document cannot be edited: it is not a readable libvirt domain XML';
    const notes = parts
      ? ['merge them into a domain with `enlighten convert --to libvirt --into DOMAIN.xml`, then edit that']
      : [];
    return { text: parsed.source, diagnostics: [makeDiagnostic('UNREADABLE_INPUT', message, { notes })] };
  }
  const version = opts.libvirtVersion ?? LATEST_LIBVIRT;
  const plan = planLibvirtSet(set, { version, base: parsed.set, root: parsed.root });
  const editor = new XmlEditor(parsed.doc);
  const root = parsed.doc.root;
  const diagnostics: Diagnostic[] = [...plan.diagnostics];
  try {
    if (parsed.root === 'domain' && !findChild(root, 'features')) addFeatures(editor, root, plan.set);
    else {
      editHyperv(editor, hypervHome(root, parsed.root), parsed.set, plan.set);
      if (parsed.root !== 'hyperv') editKvm(editor, root, parsed.root, parsed.set, plan.set);
    }
    if (parsed.root === 'domain') {
      editTimers(editor, root, parsed.set, plan.set);
      editPanics(editor, root, parsed.set, plan.set);
    }
    return { text: editor.apply(), diagnostics };
  } catch (e) {
    if (!(e instanceof XmlValueError)) throw e;
    diagnostics.push(makeDiagnostic('INVALID_VALUE', `cannot write the change into XML: ${e.message}`));
    return { text: parsed.source, diagnostics };
  }
}

/** A domain without `<features>`: one new `<features>` with the `<hyperv>` and `<kvm>` the set needs. */
function addFeatures(editor: XmlEditor, domain: XmlElement, set: EnlightenmentSet): void {
  const hyperv = hypervSpec(set);
  const kvm = kvmSpec(set);
  const children = [...(isEmptyHyperv(hyperv) ? [] : [hyperv]), ...(kvm ? [kvm] : [])];
  if (children.length) insertBeforeAny(editor, domain, { name: 'features', children }, PLACE.features);
}

/** `<clock><timer name='hypervclock' present=...>`: set present on every such timer, add one, or remove them. */
function editTimers(editor: XmlEditor, domain: XmlElement, base: EnlightenmentSet, target: EnlightenmentSet): void {
  for (const { id, spelling: s, value } of changedOfKind('timer', base, target)) {
    const clock = findChild(domain, 'clock');
    const timers = clock ? findChildren(clock, 'timer').filter((t) => getAttribute(t, 'name') === s.name) : [];
    if (value === undefined) {
      for (const t of timers) editor.removeElement(t);
      continue;
    }
    const present = value === false ? 'no' : 'yes';
    for (const t of timers) if (getAttribute(t, 'present') !== present) editor.setAttribute(t, 'present', present);
    if (timers.length) continue;
    const spec = featureSpec(id, target);
    if (!spec) continue;
    // libvirt's schema wants an offset on <clock>; utc is libvirt's default.
    if (clock) editor.appendChild(clock, spec);
    else
      insertBeforeAny(
        editor,
        domain,
        { name: 'clock', attributes: [['offset', 'utc']], children: [spec] },
        PLACE.clock,
      );
  }
}

/** `<devices><panic model='hyperv'/>`: add one at the end of `<devices>`, or remove them. */
function editPanics(editor: XmlEditor, domain: XmlElement, base: EnlightenmentSet, target: EnlightenmentSet): void {
  for (const { id, spelling: s } of changedOfKind('panic', base, target)) {
    const devices = findChild(domain, 'devices');
    const panics = devices ? findChildren(devices, 'panic').filter((p) => getAttribute(p, 'model') === s.model) : [];
    const spec = featureSpec(id, target);
    if (!spec) {
      for (const p of panics) editor.removeElement(p);
      continue;
    }
    if (panics.length) continue;
    if (devices) editor.appendChild(devices, spec);
    else insertBeforeAny(editor, domain, { name: 'devices', children: [spec] }, PLACE.devices);
  }
}
