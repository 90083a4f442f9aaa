/**
 * What the page's Pick form holds, turned into the library's request, and the user's toggles
 * applied to the recommended set. Turning a feature on adds what it requires (closeDependencies);
 * turning one off turns off what needs it too (findMissingDependencies), and both say which.
 */
import type {
  EnlightenmentSet,
  FeatureId,
  FormatEntry,
  HostFacts,
  RecommendRequest,
  RecommendResult,
} from '../index.js';
import {
  CATALOG,
  FORMATS,
  closeDependencies,
  explainFeature,
  findMissingDependencies,
  getValue,
  recommend,
  setFeature,
  unsetFeature,
} from '../index.js';

export type YesNo = '' | 'yes' | 'no';

export interface Choices {
  os: string;
  vendor: '' | 'intel' | 'amd';
  apicv: YesNo;
  nested: YesNo;
  /** KVM's Hyper-V emulation: unknown, or none at all. */
  kvmHyperv: '' | 'none';
  /** A probe file's facts (`enlighten probe --json`), with its name. */
  probe?: { name: string; facts: HostFacts };
  nestedHyperv: boolean;
  gpuPassthrough: boolean;
  migratable: boolean;
  overcommitted: boolean;
  /** The syntax the user writes (a format id that prints). */
  target: string;
  qemuVersion: string;
  libvirtVersion: string;
  /** The user's toggles on top of the recommendation, in the order made. */
  toggles: { feature: FeatureId; on: boolean }[];
}

export const DEFAULT_CHOICES: Choices = {
  os: 'win11',
  vendor: '',
  apicv: '',
  nested: '',
  kvmHyperv: '',
  nestedHyperv: false,
  gpuPassthrough: false,
  migratable: false,
  overcommitted: false,
  target: 'qemu',
  qemuVersion: '',
  libvirtVersion: '',
  toggles: [],
};

/** The syntaxes the page writes: every format that prints. */
export const PRINTABLE: readonly FormatEntry[] = FORMATS.filter((f) => f.print);

/** A release number as the CLI's --qemu-version and --libvirt-version take it (7.2, 9.0.0). */
export const VERSION = /^\d+\.\d+(\.\d+)?$/;

/** The host as the choices give it: the probe file, then the yes/no choices over it. */
export function hostOf(c: Choices): HostFacts | undefined {
  let host = c.probe ? { ...c.probe.facts, source: c.probe.name } : undefined;
  if (c.apicv || c.nested || c.kvmHyperv) {
    host = { ...host, source: host?.source ? `${host.source} and the page's choices` : "the page's choices" };
    if (c.apicv) host.apicv = c.apicv === 'yes';
    if (c.nested) host.nested = c.nested === 'yes';
    if (c.kvmHyperv) host.kvmHyperv = { supported: false };
  }
  return host;
}

/** The guest, host, workload and versions as check, fix and recommend take them (no target). */
export function checkOptionsOf(c: Choices): RecommendRequest {
  const host = hostOf(c);
  return {
    os: c.os,
    ...(c.vendor ? { cpuVendor: c.vendor } : {}),
    ...(host ? { host } : {}),
    ...(c.migratable ? { migratable: true } : {}),
    ...(c.nestedHyperv ? { nestedHyperv: true } : {}),
    ...(c.gpuPassthrough ? { gpuPassthrough: true } : {}),
    ...(c.overcommitted ? { overcommitted: true } : {}),
    ...(VERSION.test(c.qemuVersion) ? { qemuVersion: c.qemuVersion } : {}),
    ...(VERSION.test(c.libvirtVersion) ? { libvirtVersion: c.libvirtVersion } : {}),
  };
}

export function targetFormat(c: Choices): FormatEntry {
  return PRINTABLE.find((f) => f.id === c.target) ?? PRINTABLE[0]!;
}

/** The recommendation for the choices, as `enlighten recommend --to TARGET` makes it. */
export function recommendFor(c: Choices): RecommendResult {
  return recommend({ ...checkOptionsOf(c), target: targetFormat(c).id });
}

export const isOnIn = (set: EnlightenmentSet, id: FeatureId) => {
  const v = getValue(set, id);
  return v !== undefined && v !== false;
};

/** What one toggle did: the feature, on or off, and what came with it or went with it. */
export interface ToggleEffect {
  feature: FeatureId;
  on: boolean;
  /** Turned on: the requirements added, each with the feature that needs it. Turned off: the features that lost a requirement, with it. */
  also: { feature: FeatureId; because: FeatureId }[];
}

const name = (id: FeatureId) => CATALOG[id].qemu.name;

/** The recommended set with the toggles applied, and what each did. */
export function applyToggles(
  result: RecommendResult,
  toggles: Choices['toggles'],
): { set: EnlightenmentSet; effects: ToggleEffect[] } {
  let set = result.set;
  const effects: ToggleEffect[] = [];
  for (const t of toggles) {
    if (t.on === isOnIn(set, t.feature)) continue;
    const also: ToggleEffect['also'] = [];
    if (t.on) {
      const recommended = result.choices.find((c) => c.feature === t.feature)?.value;
      const value = recommended !== null && recommended !== undefined ? recommended : explainFeature(t.feature)!.sample;
      const before = set;
      const closed = closeDependencies(setFeature(set, t.feature, value));
      const missing = findMissingDependencies(setFeature(before, t.feature, value));
      for (const id of closed.added)
        also.push({ feature: id, because: missing.find((m) => m.requires === id)?.feature ?? t.feature });
      set = closed.set;
    } else {
      set = unsetFeature(set, t.feature);
      for (;;) {
        const missing = findMissingDependencies(set).filter((m) => isOnIn(set, m.feature));
        if (!missing.length) break;
        for (const m of missing) {
          if (!also.some((a) => a.feature === m.feature)) also.push({ feature: m.feature, because: m.requires });
          set = unsetFeature(set, m.feature);
        }
      }
    }
    effects.push({ feature: t.feature, on: t.on, also });
  }
  return { set, effects };
}

/** One sentence for a toggle's effect, for the live region. */
export function describeEffect(e: ToggleEffect): string {
  const head = `${name(e.feature)} turned ${e.on ? 'on' : 'off'}`;
  if (!e.also.length) return `${head}.`;
  const parts = e.also.map((a) =>
    e.on
      ? `${name(a.feature)} (${name(a.because)} requires it)`
      : `${name(a.feature)} (it requires ${name(a.because)})`,
  );
  return e.on
    ? `${head}; it comes with ${parts.join(', ')}.`
    : `${head}; these lose it and are turned off too: ${parts.join(', ')}.`;
}
