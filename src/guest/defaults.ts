import type { CpuidValueField, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, HYPERV_IDENTITY } from '../catalog/index.js';

/** Which feature carries each field of HYPERV_IDENTITY.compat61Version (the pc_compat_6_1 defaults). */
const COMPAT61_FIELDS = {
  build: 'version-id-build',
  major: 'version-id-major',
  minor: 'version-id-minor',
} as const satisfies Record<keyof typeof HYPERV_IDENTITY.compat61Version, FeatureId>;

const compat61Default = (id: FeatureId): number | undefined => {
  for (const [field, fid] of Object.entries(COMPAT61_FIELDS)) {
    if (fid === id) return HYPERV_IDENTITY.compat61Version[field as keyof typeof COMPAT61_FIELDS];
  }
  return undefined;
};

/** True when every version field holds the machine-type-6.1 default (so the values say "old machine type"). */
export function matchesCompat61(values: Partial<Record<FeatureId, FeatureValue>>): boolean {
  return Object.values(COMPAT61_FIELDS).every((id) => values[id] === compat61Default(id));
}

/** The value QEMU uses for a value-carrying feature the set leaves unset (compat61: machine types up to 6.1). */
export function defaultCpuidValue(id: FeatureId, compat61 = false): FeatureValue | null {
  const def = CATALOG[id];
  const old = compat61 ? compat61Default(id) : undefined;
  if (old !== undefined) return old;
  // The vendor string has no property default; x86_cpu_hyperv_realize fills in "Microsoft Hv".
  if (def.cpuidValue?.encoding === 'string12') return def.default ?? HYPERV_IDENTITY.vendor;
  return def.default;
}

/** Mask of a field `width` bits wide (32 and more: the whole register). */
export function fieldMask(field: CpuidValueField): number {
  return field.width >= 32 ? 0xffffffff : (1 << field.width) - 1;
}

/** The number a value puts in its field (int32 -1 becomes 0xffffffff, as in the register). */
export function fieldNumber(field: CpuidValueField, value: FeatureValue): number {
  const n = typeof value === 'number' ? value : Number(value);
  return ((Number.isFinite(n) ? n : 0) & fieldMask(field)) >>> 0;
}
