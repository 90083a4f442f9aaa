import type { FeatureId, LibvirtSpelling } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';

type Kind = LibvirtSpelling['kind'];
type SpellingOf<K extends Kind> = Extract<LibvirtSpelling, { kind: K }>;

/** Lookup tables from libvirt's spellings to feature ids, built once from the catalog. */
interface LibvirtIndex {
  /** `<hyperv>` child element name -> feature. */
  hyperv: Map<string, FeatureId>;
  /** Parent feature -> (child element name -> feature), e.g. stimer -> direct -> stimer-direct. */
  children: Map<FeatureId, Map<string, FeatureId>>;
  /** `<timer name=...>` -> feature. */
  timers: Map<string, FeatureId>;
  /** `<panic model=...>` -> feature. */
  panics: Map<string, FeatureId>;
  /** `<hyperv mode=...>` (other than custom) -> feature. */
  modes: Map<string, FeatureId>;
  /** `<features><kvm>` child element name -> feature. */
  kvm: Map<string, FeatureId>;
  /** Position of each feature in libvirt's order. */
  order: Map<FeatureId, number>;
}

let index: LibvirtIndex | undefined;

function build(): LibvirtIndex {
  const idx: LibvirtIndex = { hyperv: new Map(), children: new Map(), timers: new Map(), panics: new Map(), modes: new Map(), kvm: new Map(), order: new Map() };
  PRINT_ORDER.forEach((id, i) => {
    idx.order.set(id, i);
  });
  for (const id of PRINT_ORDER) {
    const s = CATALOG[id].libvirt;
    if (!s) continue;
    switch (s.kind) {
      case 'hyperv':
        idx.hyperv.set(s.element, id);
        break;
      case 'hyperv-child': {
        const parent = s.parentFeature;
        const map = idx.children.get(parent) ?? new Map<string, FeatureId>();
        map.set(s.element, id);
        idx.children.set(parent, map);
        break;
      }
      case 'timer':
        idx.timers.set(s.name, id);
        break;
      case 'panic':
        idx.panics.set(s.model, id);
        break;
      case 'mode':
        idx.modes.set(s.mode, id);
        break;
      case 'kvm':
        idx.kvm.set(s.element, id);
        break;
    }
  }
  return idx;
}

export function libvirtIndex(): LibvirtIndex {
  index ??= build();
  return index;
}

/** The feature's libvirt spelling when it is of the given kind. */
export function spellingOf<K extends Kind>(id: FeatureId, kind: K): SpellingOf<K> | undefined {
  const s = CATALOG[id].libvirt;
  return s && s.kind === kind ? (s as SpellingOf<K>) : undefined;
}

/** The element a feature is written as inside `<hyperv>` or inside its parent. */
export function elementOf(id: FeatureId): string | undefined {
  const s = CATALOG[id].libvirt;
  return s && (s.kind === 'hyperv' || s.kind === 'hyperv-child') ? s.element : undefined;
}

/** The parent feature of a hyperv-child feature (stimer for stimer-direct). */
export function parentOf(id: FeatureId): FeatureId | undefined {
  const s = spellingOf(id, 'hyperv-child');
  return s?.parentFeature;
}

/** Features of one libvirt kind, in libvirt's order. */
export function featuresOfKind(kind: Kind): FeatureId[] {
  return PRINT_ORDER.filter((id) => CATALOG[id].libvirt?.kind === kind);
}

/** The feature set by `<hyperv mode=...>` for a mode name, if any. */
export function featureOfMode(mode: string): FeatureId | undefined {
  return libvirtIndex().modes.get(mode);
}
