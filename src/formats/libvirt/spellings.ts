import type { FeatureId, FeatureValue, LibvirtSpelling } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue } from '../../model/index.js';

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

/** The features of one kind by the name the XML finds them by (element, timer name, panic model, mode). */
function byName<K extends Kind>(kind: K, name: (s: SpellingOf<K>) => string): Map<string, FeatureId> {
  return new Map(featuresOfKind(kind).map((id) => [name(spellingOf(id, kind)!), id]));
}

function build(): LibvirtIndex {
  const children = new Map<FeatureId, Map<string, FeatureId>>();
  for (const id of featuresOfKind('hyperv-child')) {
    const s = spellingOf(id, 'hyperv-child')!;
    const map = children.get(s.parentFeature) ?? new Map<string, FeatureId>();
    map.set(s.element, id);
    children.set(s.parentFeature, map);
  }
  return {
    hyperv: byName('hyperv', (s) => s.element),
    children,
    timers: byName('timer', (s) => s.name),
    panics: byName('panic', (s) => s.model),
    modes: byName('mode', (s) => s.mode),
    kvm: byName('kvm', (s) => s.element),
    order: new Map(PRINT_ORDER.map((id, i) => [id, i])),
  };
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

/** The features of one libvirt kind whose value `target` changes from `base`, in libvirt's order, with their spelling. */
export function changedOfKind<K extends Kind>(
  kind: K,
  base: EnlightenmentSet,
  target: EnlightenmentSet,
): { id: FeatureId; spelling: SpellingOf<K>; value: FeatureValue | undefined }[] {
  return featuresOfKind(kind).flatMap((id) => {
    const value = getValue(target, id);
    return value === getValue(base, id) ? [] : [{ id, spelling: spellingOf(id, kind)!, value }];
  });
}

/** The feature set by `<hyperv mode=...>` for a mode name, if any. */
export function featureOfMode(mode: string): FeatureId | undefined {
  return libvirtIndex().modes.get(mode);
}
