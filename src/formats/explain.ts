/**
 * One enlightenment's facts, as `enlighten explain` prints them and the web page shows them: what it
 * does, what the guest sees, what it requires and what needs it, the releases that brought it, how
 * each syntax writes it (through the registry's examples) and its sources. Found by any spelling a
 * syntax gives it: its id, QEMU's property and legacy name, a libvirt element, a virt-xml sub-option,
 * a KubeVirt field (each format answers for its own, `FormatEntry.featureNamed`).
 */
import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, KVM_IDENTITY, isFeatureId } from '../catalog/index.js';
import { dependentsOf } from '../model/index.js';
import { FORMATS, featureNamed, getFormat } from './registry.js';
import type { FormatEntry, FormatExample } from './types.js';

export interface FeatureExample {
  /** The syntax's label (`QEMU`, `libvirt`). */
  label: string;
  /** The feature written in the syntax with the sample value, or what to say when it cannot be. */
  text: string;
  /** Whether `text` is the feature written (false: the syntax's explanation why not). */
  written: boolean;
  /** The key in `explain --json`, when it has one. */
  jsonKey?: string;
}

export interface FeatureExplanation {
  id: FeatureId;
  /** The QEMU property's name (the catalog's `qemu.name`), the title everything uses. */
  name: string;
  summary: string;
  description: string;
  /** One line per CPUID bit, value, leaf or MSR the guest sees; empty when it sees nothing by itself. */
  guestSees: string[];
  /** Value, requires, needed by, host needs, migration, since...: label and text. */
  facts: [string, string][];
  /** Requires and needed-by as ids, for links. */
  requires: FeatureId[];
  neededBy: FeatureId[];
  /** The value the examples write (the catalog's example, else on, else the default). */
  sample: FeatureValue;
  /** How each syntax writes it, each after the syntax it builds (libvirt, then virt-xml). */
  examples: FeatureExample[];
  /** Each fact's sources. */
  sources: { fact: string; citation: Citation }[];
}

const hex = (n: number, w = 8) => `0x${n.toString(16).toUpperCase().padStart(w, '0')}`;

/**
 * An id (stimer, stimer_direct) or a name any syntax gives the feature (QEMU's property or legacy
 * name, a virt-xml sub-option, a KubeVirt field), also written as an element (`<stimer>`,
 * `<stimer/>`) or with a value (`NAME=VALUE`).
 */
export function findFeature(name: string): FeatureId | undefined {
  const lower = name.trim().toLowerCase();
  if (!lower) return undefined;
  const element = lower.replace(/^<\/?\s*|\s*\/?>$/g, '');
  const bare = lower.replace(/=.*$/, '');
  for (const n of [...new Set([lower, element, bare])]) {
    if (isFeatureId(n)) return n;
    const dashed = n.replaceAll('_', '-');
    if (isFeatureId(dashed)) return dashed;
    const named = featureNamed(n);
    if (named) return named;
  }
  return undefined;
}

function bitList(mask: number): string {
  const bits: number[] = [];
  for (let b = 0; b < 32; b++) if (mask & (1 << b)) bits.push(b);
  return bits.length === 1 ? `bit ${bits[0]}` : `bits ${bits.join(', ')}`;
}

/** The value examples give the feature: the catalog's example, else on, else its default. */
function sampleValue(id: FeatureId): FeatureValue {
  const d = CATALOG[id];
  return d.example ?? (d.kind === 'bool' || d.kind === 'on-off-auto' ? true : (d.default ?? ''));
}

/** How many syntaxes stand between a syntax and one that builds nothing (virt-xml builds libvirt: 1). */
function buildDepth(f: FormatEntry): number {
  const built = f.builds ? getFormat(f.builds) : undefined;
  return built ? buildDepth(built) + 1 : 0;
}

/** The syntaxes with an example, each after the one it builds (libvirt, then virt-xml), else in registry order. */
function exampleFormats(): FormatExample[] {
  return FORMATS.filter((f) => f.example)
    .sort((a, b) => buildDepth(a) - buildDepth(b))
    .map((f) => f.example!);
}

function guestSees(id: FeatureId): string[] {
  const d = CATALOG[id];
  const guest: string[] = [];
  for (const c of d.cpuid) {
    const cond = c.unlessFeature
      ? ` (only while ${CATALOG[c.unlessFeature].qemu.name} is off)`
      : c.onlyForValue !== undefined
        ? ' (value on)'
        : '';
    guest.push(`CPUID ${hex(c.leaf)}.${c.reg.toUpperCase()} ${bitList(c.mask)}: ${c.names.join(', ')}${cond}`);
  }
  if (d.cpuidValue)
    guest.push(
      `CPUID ${hex(d.cpuidValue.leaf)}.${d.cpuidValue.reg.toUpperCase()}: the value${d.cpuidValue.encoding === 'string12' ? ' (12 characters over EBX, ECX, EDX)' : ` (bits ${d.cpuidValue.shift + d.cpuidValue.width - 1}:${d.cpuidValue.shift})`}`,
    );
  for (const l of d.cpuidLeaves ?? []) guest.push(`CPUID ${hex(l.leaf)}: ${l.note}`);
  for (const m of d.msrs) guest.push(`MSR ${hex(m.number)}: ${m.name}`);
  if (d.hidesKvmSignature)
    guest.push(
      `no KVM signature ("KVMKVMKVM") at CPUID ${hex(KVM_IDENTITY.base)} or ${hex(KVM_IDENTITY.baseWithHyperv)} when on`,
    );
  return guest;
}

/** The facts of the feature `name` names (any spelling), or undefined when it names none. */
export function explainFeature(name: string): FeatureExplanation | undefined {
  const id = findFeature(name);
  if (!id) return undefined;
  const d = CATALOG[id];
  const qemuName = (f: FeatureId) => CATALOG[f].qemu.name;
  const neededBy = dependentsOf(id);
  const facts: [string, string][] = [
    [
      'Value',
      d.kind === 'bool'
        ? 'on/off (default off)'
        : `${d.kind}${d.default !== null ? `, default ${typeof d.default === 'number' && d.printHex ? hex(d.default, 1) : String(d.default)}` : ''}`,
    ],
    ['Requires', d.requires.map(qemuName).join(', ') || 'nothing'],
    ['Needed by', neededBy.map(qemuName).join(', ') || 'nothing'],
  ];
  if (d.recommendedWith.length) facts.push(['Goes well with', d.recommendedWith.map(qemuName).join(', ')]);
  if (d.host.vendors) facts.push(['Host CPU', `${d.host.vendors.join(', ')} only`]);
  if (d.host.capabilities?.length) facts.push(['Host needs', d.host.capabilities.join(', ')]);
  if (d.nestedOnly) facts.push(['Nested', 'only useful when the guest runs Hyper-V itself (WSL2, VBS, Hyper-V role)']);
  if (d.migration) facts.push(['Migration', d.migration.reason]);
  if (!d.identification) facts.push(['Identification', 'does not turn Hyper-V identification on by itself']);
  if (d.experimental) facts.push(['Experimental', 'an x- property of QEMU, not a stable interface']);
  facts.push([
    'Since',
    `QEMU ${d.since.qemu ?? 'unknown'}, libvirt ${d.since.libvirt ?? (d.libvirt ? 'unknown' : 'n/a')}`,
  ]);
  const sample = sampleValue(id);
  const examples = exampleFormats().map((e): FeatureExample => {
    const written = e.write(id, sample);
    return {
      label: e.label,
      text: written ?? e.none,
      written: written !== null,
      ...(e.jsonKey ? { jsonKey: e.jsonKey } : {}),
    };
  });
  return {
    id,
    name: d.qemu.name,
    summary: d.summary,
    description: d.description,
    guestSees: guestSees(id),
    facts,
    requires: [...d.requires],
    neededBy,
    sample,
    examples,
    sources: Object.entries(d.sources).map(([fact, citation]) => ({ fact, citation: citation as Citation })),
  };
}
