import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../catalog/index.js';

/**
 * Where a feature lives in libvirt domain XML, and so what virt-xml has to touch. Derived from the
 * catalog's libvirt spelling (kind by kind), never from feature ids.
 *
 * - hyperv: an element with a state under `<features>`: `<hyperv><ELEMENT state='on|off' [VALUEATTR='...']/>`,
 *   or `<kvm><ELEMENT state=...>` for the related KVM settings; `path` is relative to `<features>`
 *   (`['hyperv', 'stimer', 'direct']` for a child element, `['kvm', 'hidden']`).
 * - timer: `<clock><timer name='NAME' present='yes|no'/>`.
 * - panic: `<devices><panic model='MODEL'/>`; present or absent, no off state.
 * - mode: the `mode` attribute of `<hyperv>`, which the set keeps in `mode`.
 */
export type VirtXmlTarget =
  | { kind: 'hyperv'; feature: FeatureId; path: string[]; valueAttr?: string; parent?: FeatureId }
  | { kind: 'timer'; feature: FeatureId; name: string }
  | { kind: 'panic'; feature: FeatureId; model: string }
  | { kind: 'mode'; feature: FeatureId; mode: string };

/** Structural names of libvirt domain XML (not feature spellings). */
export const XML = {
  features: 'features',
  hyperv: 'hyperv',
  kvm: 'kvm',
  clock: 'clock',
  timer: 'timer',
  devices: 'devices',
  panic: 'panic',
  state: 'state',
  present: 'present',
  mode: 'mode',
  model: 'model',
  name: 'name',
} as const;

let cache: Map<FeatureId, VirtXmlTarget> | undefined;

function buildTargets(): Map<FeatureId, VirtXmlTarget> {
  const map = new Map<FeatureId, VirtXmlTarget>();
  for (const id of FEATURE_IDS) {
    const s = CATALOG[id].libvirt;
    if (!s) continue;
    switch (s.kind) {
      case 'hyperv':
        map.set(id, {
          kind: 'hyperv',
          feature: id,
          path: [XML.hyperv, s.element],
          ...(s.valueAttr ? { valueAttr: s.valueAttr } : {}),
        });
        break;
      case 'hyperv-child': {
        const parent = s.parentFeature;
        const ps = CATALOG[parent]?.libvirt;
        if (ps?.kind === 'hyperv')
          map.set(id, { kind: 'hyperv', feature: id, path: [XML.hyperv, ps.element, s.element], parent });
        break;
      }
      case 'timer':
        map.set(id, { kind: 'timer', feature: id, name: s.name });
        break;
      case 'panic':
        map.set(id, { kind: 'panic', feature: id, model: s.model });
        break;
      case 'mode':
        map.set(id, { kind: 'mode', feature: id, mode: s.mode });
        break;
      case 'kvm':
        map.set(id, { kind: 'hyperv', feature: id, path: [XML.kvm, s.element] });
        break;
    }
  }
  return map;
}

/** The XML target of a feature, or undefined when libvirt has no XML for it. */
export function targetOf(id: FeatureId): VirtXmlTarget | undefined {
  cache ??= buildTargets();
  return cache.get(id);
}

/** Every feature libvirt keeps in domain XML, in print order. */
export function allTargets(): VirtXmlTarget[] {
  cache ??= buildTargets();
  return [...cache.values()];
}

/** Features kept as elements with a state under `<features>` (in `<hyperv>` or `<kvm>`). */
export function elementTargets(): Extract<VirtXmlTarget, { kind: 'hyperv' }>[] {
  return allTargets().filter((t): t is Extract<VirtXmlTarget, { kind: 'hyperv' }> => t.kind === 'hyperv');
}

/** Features kept as (child) elements of `<hyperv>`. */
export function hypervTargets(): Extract<VirtXmlTarget, { kind: 'hyperv' }>[] {
  return elementTargets().filter((t) => t.path[0] === XML.hyperv);
}

/** Features kept as elements of `<kvm>`. */
export function kvmTargets(): Extract<VirtXmlTarget, { kind: 'hyperv' }>[] {
  return elementTargets().filter((t) => t.path[0] === XML.kvm);
}

/** The child features of a hyperv feature (stimer -> stimer-direct). */
export function childrenOf(id: FeatureId): FeatureId[] {
  return hypervTargets()
    .filter((t) => t.parent === id)
    .map((t) => t.feature);
}
