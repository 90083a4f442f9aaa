import type { FeatureId } from '../../catalog/index.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { getAttributeNode } from '../../syntax/xml/index.js';
import { LIBVIRT_SAYS } from './messages.js';
import type { ReadState } from './read-state.js';
import { readSwitch } from './values.js';

/**
 * Reads the required `state` attribute of a `<hyperv>` or `<kvm>` child; undefined (with
 * libvirt's own words) when it is missing or not exactly `on`/`off`.
 */
export function readState(
  el: XmlElement,
  state: ReadState,
  feature: FeatureId | undefined,
  notes = {
    missing: `write <${el.name} state='on'/> or state='off'`,
    invalid: "libvirt accepts exactly 'on' or 'off' (lower case)",
  },
): boolean | undefined {
  const attr = getAttributeNode(el, 'state');
  if (!attr) {
    state.report(
      'LIBVIRT_MISSING_ATTRIBUTE',
      `<${el.name}> has no state (libvirt: ${LIBVIRT_SAYS.missingAttribute('state', el.name)})`,
      el.startTag,
      {
        ...(feature ? { feature } : {}),
        notes: [notes.missing],
      },
    );
    return undefined;
  }
  const on = readSwitch(attr.value);
  if (on === undefined) {
    state.report(
      'LIBVIRT_INVALID_VALUE',
      `state='${attr.value}' (libvirt: ${LIBVIRT_SAYS.invalidAttribute('state', el.name, attr.value)})`,
      attr.span,
      {
        ...(feature ? { feature } : {}),
        notes: [notes.invalid],
      },
    );
  }
  return on;
}
