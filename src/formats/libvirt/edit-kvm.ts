import type { EnlightenmentSet } from '../../model/index.js';
import type { XmlEditor, XmlElement } from '../../syntax/xml/index.js';
import { findChild, findChildren } from '../../syntax/xml/index.js';
import { insertBeforeAny, PLACE } from './placement.js';
import { featureSpec, stateAttributes } from './specs.js';
import { changedOfKind } from './spellings.js';

/**
 * `<features><kvm><hidden state=...>` and the other catalog kvm features: set the state of the
 * last such element (libvirt reads the last one), add one to `<kvm>` (creating `<kvm>` when
 * needed; a domain without `<features>` gets it from editLibvirt), or remove them all when the
 * feature is unset.
 */
export function editKvm(
  editor: XmlEditor,
  root: XmlElement,
  kind: 'domain' | 'features',
  base: EnlightenmentSet,
  target: EnlightenmentSet,
): void {
  const features = kind === 'features' ? root : findChild(root, 'features');
  const kvms = features ? findChildren(features, 'kvm') : [];
  for (const { id, spelling: s, value } of changedOfKind('kvm', base, target)) {
    const existing = kvms.flatMap((k) => findChildren(k, s.element));
    if (value === undefined) {
      for (const el of existing) editor.removeElement(el);
      continue;
    }
    const last = existing[existing.length - 1];
    if (last) {
      for (const [attr, wanted] of stateAttributes(id, value)) editor.setAttribute(last, attr, wanted);
      continue;
    }
    const spec = featureSpec(id, target);
    if (!spec) continue;
    const kvm = kvms[kvms.length - 1];
    if (kvm) editor.appendChild(kvm, spec);
    else if (features) insertBeforeAny(editor, features, { name: 'kvm', children: [spec] }, PLACE.kvm);
  }
}
