import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue, isOn, unsetFeature } from '../../model/index.js';
import { targetOf, XML } from './targets.js';

export interface DomainView {
  /** The part of the set a libvirt domain (and so virt-xml) can hold. */
  set: EnlightenmentSet;
  /** One NOT_EXPRESSIBLE diagnostic per feature left out. */
  diagnostics: Diagnostic[];
}

/**
 * What a libvirt domain can hold of a set, read as libvirt reads its XML
 * (libvirt src/conf/domain_conf.c virDomainFeaturesHyperVDefParse):
 * - features libvirt has no XML for are left out;
 * - a child element (`<stimer><direct/>`) is read only inside its parent turned on;
 * - with `<hyperv mode='passthrough'>` libvirt reads no child element at all;
 * - a value-carrying feature needs its value (`retries`, `value`) to be on, and off reads as unset;
 * - a device feature (the panic device) is there or not: off is the same as absent;
 * - virt-xml writes an empty xpath value as "remove the attribute", so an empty text value cannot be set,
 *   and it escapes & < > " ' in attribute values twice (`&amp;quot;`, measured with virt-xml 4.1).
 */
export function viewAsDomain(set: EnlightenmentSet): DomainView {
  let out = set;
  const diagnostics: Diagnostic[] = [];
  const drop = (id: FeatureId, why: string, notes: string[] = []) => {
    out = unsetFeature(out, id);
    diagnostics.push(
      makeDiagnostic('NOT_EXPRESSIBLE', `${CATALOG[id].qemu.name}: ${why}; virt-xml leaves it out`, {
        feature: id,
        notes,
      }),
    );
  };
  for (const id of FEATURE_IDS) {
    const def = CATALOG[id];
    if (def.setsMode) continue;
    const value = getValue(set, id);
    if (value === undefined) continue;
    const target = targetOf(id);
    if (!target) {
      drop(id, 'libvirt domain XML has no element for it', [
        'set it with <qemu:commandline> or a QEMU -cpu override, outside virt-xml',
      ]);
      continue;
    }
    // Off and absent read the same for a device, and for a value-carrying element (libvirt's parse).
    if (value === false && (target.kind === 'panic' || (target.kind === 'hyperv' && target.valueAttr))) {
      out = unsetFeature(out, id);
      continue;
    }
    if (target.kind !== 'hyperv') continue;
    if (set.mode === 'passthrough' && target.path[0] === XML.hyperv) {
      drop(id, "libvirt reads no <hyperv> child element when mode='passthrough'", [
        'passthrough already gives every feature the host supports',
      ]);
      continue;
    }
    if (target.parent && !isOn(set, target.parent)) {
      drop(id, `libvirt reads <${target.path.at(-1)}> only inside <${target.path.at(-2)} state='on'>`, [
        `turn ${CATALOG[target.parent].qemu.name} on as well`,
      ]);
      continue;
    }
    if (target.valueAttr && value === true) {
      drop(id, `libvirt needs a ${target.valueAttr} value to turn it on`, [
        `give it a value, e.g. ${String(def.example ?? def.default)}`,
      ]);
      continue;
    }
    if (value === '') drop(id, 'virt-xml treats an empty value as "remove the attribute"');
    else if (typeof value === 'string' && /[&<>"']/.test(value)) {
      drop(
        id,
        `virt-xml 4.1 writes & < > " ' in an attribute value escaped twice (&amp;quot;), so the domain would get another value`,
        ['use a value without those characters, or edit the XML with virsh edit'],
      );
    }
  }
  return { set: out, diagnostics };
}
