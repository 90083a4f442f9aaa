/**
 * The table builder. As in QEMU's kvm_hyperv_properties[] (target/i386/kvm/kvm.c), an entry states
 * only what differs from the common case: an on/off property, off by default, with no named virt-xml
 * option, no CPUID bits, no MSRs, no requirements, nothing it goes well with, no identification, not
 * nested-only, no host needs, no migration hazard. Its QEMU spelling gives the property's name and
 * what QEMU adds to it (aliases, its description); the legacy spelling follows from the name.
 * `defineFeatures` fills those in and takes each entry's id from its key, so consumers still read
 * complete `FeatureDef`s.
 */
import type { FeatureId } from './ids.js';
import type { FeatureDef, QemuSpelling } from './types.js';

type Defaulted =
  | 'kind'
  | 'default'
  | 'virtXml'
  | 'cpuid'
  | 'msrs'
  | 'requires'
  | 'recommendedWith'
  | 'identification'
  | 'nestedOnly'
  | 'host'
  | 'migration';

/** A QEMU spelling as an entry writes it: the name, and aliases and description where QEMU has them. */
export type QemuSpec = Pick<QemuSpelling, 'name' | 'inverted'> & Partial<Pick<QemuSpelling, 'aliases' | 'desc'>>;

/** One entry as the feature files write it: without its id, and without the fields that are the common case. */
export type FeatureSpec = Omit<FeatureDef, 'id' | 'qemu' | Defaulted> &
  Partial<Pick<FeatureDef, Defaulted>> & { qemu: QemuSpec };

/**
 * The complete QEMU spelling. QEMU's feat2prop turns `_` into `-` in every -cpu key, so the legacy
 * spelling is the name with `-` turned into `_`.
 */
function qemuSpelling(q: QemuSpec): QemuSpelling {
  return {
    name: q.name,
    legacy: q.name.replaceAll('-', '_'),
    aliases: q.aliases ?? [],
    desc: q.desc ?? null,
    ...(q.inverted ? { inverted: true } : {}),
  };
}

/**
 * The order of a complete entry's fields, the order `explain --json` prints them in (the order the
 * feature files have always written them in).
 */
export const FIELD_ORDER = [
  'id',
  'kind',
  'default',
  'max',
  'printHex',
  'example',
  'qemu',
  'libvirt',
  'virtXml',
  'summary',
  'description',
  'cpuid',
  'cpuidValue',
  'cpuidLeaves',
  'msrs',
  'requires',
  'requiresWaivedBy',
  'recommendedWith',
  'identification',
  'nestedOnly',
  'minimum',
  'specialValues',
  'whenMissing',
  'requirementMessages',
  'nestedCost',
  'stringLimits',
  'guestExpects',
  'host',
  'migration',
  'skipPassthrough',
  'setsMode',
  'experimental',
  'related',
  'hidesKvmSignature',
  'since',
  'sources',
] as const satisfies readonly (keyof FeatureDef)[];

/** Fails to compile when FeatureDef gains a field FIELD_ORDER does not list. */
const allFieldsOrdered: [Exclude<keyof FeatureDef, (typeof FIELD_ORDER)[number]>] extends [never] ? true : never = true;
void allFieldsOrdered;

/**
 * Complete entries from specs keyed by feature id. Each entry is made by one object literal with
 * every field in FIELD_ORDER, a field the spec leaves out being its common case or undefined (JSON
 * output leaves those out, as before; a stated null stays null): every entry then has one shape. Spreading the specs and copying field by field
 * gave each entry a shape of its own, which cost about 3 ms at every start of the CLI and made
 * every read of the catalog polymorphic. test/catalog checks the order against FIELD_ORDER.
 */
export function defineFeatures<K extends FeatureId>(specs: { [P in K]: FeatureSpec }): Record<K, FeatureDef> {
  const out = {} as Record<K, FeatureDef>;
  for (const id of Object.keys(specs) as K[]) {
    const s = specs[id];
    out[id] = {
      id,
      kind: s.kind === undefined ? 'bool' : s.kind,
      default: s.default === undefined ? false : s.default,
      max: s.max,
      printHex: s.printHex,
      example: s.example,
      qemu: qemuSpelling(s.qemu),
      libvirt: s.libvirt,
      virtXml: s.virtXml === undefined ? null : s.virtXml,
      summary: s.summary,
      description: s.description,
      cpuid: s.cpuid === undefined ? [] : s.cpuid,
      cpuidValue: s.cpuidValue,
      cpuidLeaves: s.cpuidLeaves,
      msrs: s.msrs === undefined ? [] : s.msrs,
      requires: s.requires === undefined ? [] : s.requires,
      requiresWaivedBy: s.requiresWaivedBy,
      recommendedWith: s.recommendedWith === undefined ? [] : s.recommendedWith,
      identification: s.identification === undefined ? false : s.identification,
      nestedOnly: s.nestedOnly === undefined ? false : s.nestedOnly,
      minimum: s.minimum,
      specialValues: s.specialValues,
      whenMissing: s.whenMissing,
      requirementMessages: s.requirementMessages,
      nestedCost: s.nestedCost,
      stringLimits: s.stringLimits,
      guestExpects: s.guestExpects,
      host: s.host === undefined ? {} : s.host,
      migration: s.migration === undefined ? null : s.migration,
      skipPassthrough: s.skipPassthrough,
      setsMode: s.setsMode,
      experimental: s.experimental,
      related: s.related,
      hidesKvmSignature: s.hidesKvmSignature,
      since: s.since,
      sources: s.sources,
    };
  }
  return out;
}
