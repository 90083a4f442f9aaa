import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Mode } from '../../model/index.js';
import type { XmlElement } from '../../syntax/xml/index.js';
import { getAttributeNode, getChildElements } from '../../syntax/xml/index.js';
import { LIBVIRT_LIMITS, LIBVIRT_SAYS } from './messages.js';
import type { ReadState } from './read-state.js';
import { featureOfMode, libvirtIndex } from './spellings.js';
import { readState } from './state-attribute.js';
import { LIBVIRT_CHANGES, libvirtSince, SIGNED_RETRIES_MAX } from './versions.js';
import { decimalAndHex, readUnsigned, stringRefusal } from './values.js';

const MODES: readonly Mode[] = ['custom', 'passthrough', 'host-model'];

/**
 * Reads `<hyperv>` elements as libvirt's virDomainFeaturesHyperVDefParse does. Every `<hyperv>` of
 * `<features>` is read in turn (libvirt 9.0 merges them; a later one wins), so is each child.
 */
export function readHypervElements(elements: readonly XmlElement[], state: ReadState): void {
  const seen = new Map<FeatureId, XmlElement>();
  const reported = new Set<FeatureId>();
  for (const hyperv of elements) {
    const mode = readMode(hyperv, state);
    const children = getChildElements(hyperv);
    if (mode === 'passthrough' && children.length > 0) {
      state.report(
        'LIBVIRT_PASSTHROUGH_CHILDREN',
        "<hyperv mode='passthrough'> has children: libvirt's schema forbids them (virt-xml-validate fails)",
        hyperv.startTag,
        {
          notes: [
            'libvirt 9.0 still passes them to QEMU after hv-passthrough=on; newer releases ignore them',
            "passthrough gives the guest every enlightenment the host supports; drop the children, or use mode='custom'",
          ],
        },
      );
    }
    for (const child of children) readChild(child, seen, reported, state);
  }
}

function readMode(hyperv: XmlElement, state: ReadState): Mode {
  const attr = getAttributeNode(hyperv, 'mode');
  if (!attr) {
    state.setMode('custom');
    return 'custom';
  }
  const mode = MODES.find((m) => m === attr.value);
  if (!mode) {
    state.report(
      'LIBVIRT_INVALID_VALUE',
      `mode='${attr.value}' (libvirt: ${LIBVIRT_SAYS.invalidAttribute('mode', 'hyperv', attr.value)})`,
      attr.span,
      {
        notes: [`libvirt accepts ${MODES.map((m) => `'${m}'`).join(', ')}`],
      },
    );
    state.setMode('custom');
    return 'custom';
  }
  state.setMode(mode);
  if (mode === 'host-model') {
    state.need({
      what: "<hyperv mode='host-model'>",
      since: LIBVIRT_CHANGES.hostModelMode,
      span: attr.span,
      older: 'refuses',
      olderSays: LIBVIRT_SAYS.invalidAttribute('mode', 'hyperv', mode),
    });
  }
  const feature = featureOfMode(mode);
  const since = feature ? libvirtSince(feature) : null;
  if (feature && since)
    state.need({ what: `<hyperv mode='${mode}'>`, since, span: attr.span, feature, older: 'refuses' });
  if (feature) state.origins[feature] = attr.span;
  return mode;
}

function readChild(el: XmlElement, seen: Map<FeatureId, XmlElement>, reported: Set<FeatureId>, state: ReadState): void {
  const id = libvirtIndex().hyperv.get(el.name);
  if (!id) {
    const known = [...libvirtIndex().hyperv.keys()];
    state.report(
      'LIBVIRT_UNKNOWN_ELEMENT',
      `<${el.name}> is not a Hyper-V enlightenment libvirt knows (libvirt: ${LIBVIRT_SAYS.unknownHyperv(el.name)})`,
      el.startTag,
      {
        notes: [`libvirt knows ${known.map((k) => `<${k}>`).join(', ')}`],
      },
    );
    return;
  }
  const earlier = seen.get(id);
  if (earlier && !reported.has(id)) {
    reported.add(id);
    state.report('DUPLICATE_FEATURE', `<${el.name}> is given more than once; libvirt uses the last one`, el.startTag, {
      feature: id,
    });
  }
  seen.set(id, el);
  const since = libvirtSince(id);
  if (since)
    state.need({
      what: `<${el.name}>`,
      since,
      span: el.startTag,
      feature: id,
      older: 'refuses',
      olderSays: LIBVIRT_SAYS.unknownHyperv(el.name),
    });
  const on = readState(el, state, id);
  if (on === undefined) return;
  const def = CATALOG[id];
  const spelling = def.libvirt?.kind === 'hyperv' ? def.libvirt : undefined;
  if (!on) {
    // A value-carrying feature that is off is simply not set (QEMU has no "off" for it).
    state.put(id, def.kind === 'bool' ? false : undefined, el.startTag);
    return;
  }
  if (spelling?.valueAttr === 'retries') readRetries(el, id, state);
  else if (spelling?.valueAttr === 'value') readVendor(el, id, state);
  else state.put(id, true, el.startTag);
  readGrandchildren(el, id, state);
}

function readRetries(el: XmlElement, id: FeatureId, state: ReadState): void {
  const attr = getAttributeNode(el, 'retries');
  if (!attr) {
    // libvirt 11.9 made retries optional (never notify); older releases require it.
    state.need({
      what: `<${el.name}> without retries`,
      since: LIBVIRT_CHANGES.spinlocksRetriesOptional,
      span: el.startTag,
      feature: id,
      older: 'refuses',
      olderSays: LIBVIRT_SAYS.missingAttribute('retries', el.name),
    });
    state.put(id, LIBVIRT_LIMITS.maxRetries, el.startTag);
    return;
  }
  const { minimum, example } = CATALOG[id];
  const n = readUnsigned(attr.value);
  if (n === null) {
    state.report(
      'LIBVIRT_INVALID_VALUE',
      `retries='${attr.value}' (libvirt: ${LIBVIRT_SAYS.invalidUnsigned('retries', el.name, attr.value)})`,
      attr.span,
      {
        feature: id,
        notes: [`write a number from ${minimum?.value ?? 0} to ${LIBVIRT_LIMITS.maxRetries}, decimal or 0x hex`],
      },
    );
    return;
  }
  if (!/^\d+$/.test(attr.value)) {
    state.report(
      'LIBVIRT_INVALID_VALUE',
      `retries='${attr.value}' is ${n}: libvirt reads it, but its schema wants a plain decimal number`,
      attr.span,
      {
        severity: 'warning',
        feature: id,
        notes: [`write retries='${n}' so that virt-xml-validate accepts the domain`],
      },
    );
  }
  if (n > SIGNED_RETRIES_MAX) {
    state.need({
      what: `<${el.name} retries='${attr.value}'> (over 2147483647)`,
      since: LIBVIRT_CHANGES.retriesPrintedUnsigned,
      span: attr.span,
      feature: id,
      older: 'breaks',
      olderSays: `dumpxml writes retries='${n - 2 ** 32}', which libvirt then refuses (${LIBVIRT_SAYS.invalidUnsigned('retries', el.name, String(n - 2 ** 32))})`,
    });
  }
  if (minimum && n < minimum.value) {
    state.report(
      'LIBVIRT_REFUSES_VALUE',
      `retries='${attr.value}' is too low (libvirt: ${minimum.message})`,
      attr.span,
      {
        feature: id,
        notes: [
          'QEMU itself would take it; libvirt refuses the domain',
          ...(typeof example === 'number' ? [`the usual value is ${decimalAndHex(example)}`] : []),
        ],
      },
    );
  }
  state.put(id, n, attr.span);
}

function readVendor(el: XmlElement, id: FeatureId, state: ReadState): void {
  const limits = CATALOG[id].stringLimits;
  const attr = getAttributeNode(el, 'value');
  if (!attr) {
    state.report(
      'LIBVIRT_MISSING_ATTRIBUTE',
      `<${el.name} state='on'> has no value (libvirt: ${LIBVIRT_SAYS.missingVendorValue()})`,
      el.startTag,
      {
        feature: id,
        notes: [`write <${el.name} state='on' value='KVM Hv'/>, at most ${limits?.maxBytes} characters`],
      },
    );
    return;
  }
  const says = limits ? stringRefusal(attr.value, limits) : null;
  if (limits && says) {
    state.report('LIBVIRT_VENDOR_ID_INVALID', `value='${attr.value}' (libvirt: ${says})`, attr.span, {
      feature: id,
      notes: [`libvirt takes at most ${limits.maxBytes} bytes and no comma`],
    });
  }
  state.put(id, attr.value, attr.span);
}

/** `<stimer><direct/>` and `<tlbflush><direct/><extended/>`: read only when the parent is on, as libvirt does. */
function readGrandchildren(parent: XmlElement, parentId: FeatureId, state: ReadState): void {
  const known = libvirtIndex().children.get(parentId);
  for (const el of getChildElements(parent)) {
    if (!known) continue; // libvirt ignores children of the other elements
    const id = known.get(el.name);
    if (!id) {
      state.report(
        'LIBVIRT_UNKNOWN_ELEMENT',
        `<${el.name}> in <${parent.name}> is not known to libvirt (libvirt: ${LIBVIRT_SAYS.unknownChild(parent.name, el.name)})`,
        el.startTag,
        {
          notes: [`libvirt knows ${[...known.keys()].map((k) => `<${k}>`).join(', ')} there`],
        },
      );
      continue;
    }
    const since = libvirtSince(id);
    if (since)
      state.need({ what: `<${parent.name}><${el.name}>`, since, span: el.startTag, feature: id, older: 'ignores' });
    const on = readState(el, state, id);
    if (on !== undefined) state.put(id, on, el.startTag);
  }
}
