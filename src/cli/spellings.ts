import type { FeatureId } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';

/** A short path naming where libvirt keeps the feature, or null when libvirt cannot express it. */
export function describeLibvirt(id: FeatureId): string | null {
  const s = CATALOG[id].libvirt;
  if (!s) return null;
  switch (s.kind) {
    case 'hyperv':
      return `hyperv/${s.element}${s.valueAttr ? `@${s.valueAttr}` : ''}`;
    case 'hyperv-child': {
      const parent = CATALOG[s.parentFeature].libvirt;
      return `hyperv/${parent && parent.kind === 'hyperv' ? parent.element : s.parentFeature}/${s.element}`;
    }
    case 'timer':
      return `clock/timer[@name='${s.name}']`;
    case 'panic':
      return `devices/panic[@model='${s.model}']`;
    case 'mode':
      return `hyperv@mode='${s.mode}'`;
    case 'kvm':
      return `kvm/${s.element}`;
  }
}

/** An example of the feature turned on in libvirt domain XML. */
export function libvirtExample(id: FeatureId): string | null {
  const s = CATALOG[id].libvirt;
  if (!s) return null;
  switch (s.kind) {
    case 'hyperv': {
      const value = s.valueAttr === 'retries' ? " retries='8191'" : s.valueAttr === 'value' ? " value='KVM Hv'" : '';
      return `<features><hyperv><${s.element} state='on'${value}/></hyperv></features>`;
    }
    case 'hyperv-child': {
      const parent = CATALOG[s.parentFeature].libvirt;
      const pe = parent && parent.kind === 'hyperv' ? parent.element : s.parentFeature;
      return `<features><hyperv><${pe} state='on'><${s.element} state='on'/></${pe}></hyperv></features>`;
    }
    case 'timer':
      return `<clock><timer name='${s.name}' present='yes'/></clock>`;
    case 'panic':
      return `<devices><panic model='${s.model}'/></devices>`;
    case 'mode':
      return `<features><hyperv mode='${s.mode}'/></features>`;
    case 'kvm':
      return `<features><kvm><${s.element} state='on'/></kvm></features>`;
  }
}

/** An example virt-xml command line fragment that turns the feature on. */
export function virtXmlExample(id: FeatureId): string | null {
  const def = CATALOG[id];
  const v = def.virtXml;
  if (v?.legacy) {
    const value = v.legacyValue ? `,${v.legacyValue}=8191` : '';
    return `${v.option} ${v.legacy}=${v.option === '--clock' ? 'yes' : 'on'}${value}`;
  }
  const s = def.libvirt;
  if (!s) return null;
  switch (s.kind) {
    case 'hyperv':
      return `--xml ./features/hyperv/${s.element}/@state=on`;
    case 'hyperv-child': {
      const parent = CATALOG[s.parentFeature].libvirt;
      const pe = parent && parent.kind === 'hyperv' ? parent.element : s.parentFeature;
      return `--xml ./features/hyperv/${pe}/${s.element}/@state=on`;
    }
    case 'timer':
      return `--clock ${s.name}_present=yes`;
    case 'panic':
      return `--add-device --panic model=${s.model}`;
    case 'mode':
      return `--xml ./features/hyperv/@mode=${s.mode}`;
    case 'kvm':
      return `--xml ./features/kvm/${s.element}/@state=on`;
  }
}
