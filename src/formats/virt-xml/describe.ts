import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import { showValue } from '../../model/index.js';
import { XML, targetOf } from './targets.js';

/**
 * A feature as messages name it for virt-xml: the element of the domain the commands change
 * (`<synic>`, `<stimer><direct>`, `<timer name='hypervclock'>`), or the setting given a value
 * (`<spinlocks> 0x1fff`); QEMU's name when the domain has no element for it.
 */
export function spellVirtXml(id: FeatureId, value?: FeatureValue): string {
  const t = targetOf(id);
  let name: string;
  if (!t) name = CATALOG[id].qemu.name;
  else if (t.kind === 'hyperv')
    name = (t.path[0] === XML.hyperv ? t.path.slice(1) : t.path).map((e) => `<${e}>`).join('');
  else if (t.kind === 'timer') name = `<${XML.timer} ${XML.name}='${t.name}'>`;
  else if (t.kind === 'panic') name = `<${XML.panic} ${XML.model}='${t.model}'>`;
  else name = `<${XML.hyperv} ${XML.mode}='${t.mode}'>`;
  return value === undefined ? name : `${name} ${showValue(id, value)}`;
}

/** A virt-xml command line fragment that gives the feature the value: the named sub-option when virt-xml has one, else an xpath. */
export function virtXmlExample(id: FeatureId, value: FeatureValue): string | null {
  const v = CATALOG[id].virtXml;
  if (v?.legacy) {
    const valuePart = v.legacyValue ? `,${v.legacyValue}=${String(value)}` : '';
    return `${v.option} ${v.legacy}=${v.option === '--clock' ? 'yes' : 'on'}${valuePart}`;
  }
  const t = targetOf(id);
  if (!t) return null;
  switch (t.kind) {
    case 'hyperv':
      return `--xml ./${XML.features}/${t.path.join('/')}/@${XML.state}=on`;
    case 'timer':
      return `--clock ${t.name}_present=yes`;
    case 'panic':
      return `--add-device --${XML.panic} ${XML.model}=${t.model}`;
    case 'mode':
      return `--xml ./${XML.features}/${XML.hyperv}/@${XML.mode}=${t.mode}`;
  }
}

/**
 * The feature a virt-xml or virt-install sub-option names, for `explain` and the page's search:
 * `hyperv_stimer`, `hyperv.spinlocks.retries`, `hypervclock_present`, or the element path's
 * sub-option (`hyperv.stimer.state`, `hyperv.stimer.direct.state`); with or without `--features`
 * and `=value`.
 */
export function featureOfVirtXmlName(name: string): FeatureId | undefined {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/^--(features|clock)[\s=]+/, '')
    .replace(/=.*$/, '');
  for (const id of PRINT_ORDER) {
    const v = CATALOG[id].virtXml;
    if (v && [v.legacy, v.legacyValue, v.modern, v.modernValue].includes(n)) return id;
    const t = targetOf(id);
    if (t?.kind === 'hyperv') {
      const path = t.path[0] === XML.hyperv ? t.path : [XML.hyperv, ...t.path];
      if ([...path, XML.state].join('.') === n) return id;
    }
  }
  return undefined;
}
