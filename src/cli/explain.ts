import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, FEATURE_IDS, KVM_IDENTITY, formatCitation, isFeatureId, qemuNames } from '../catalog/index.js';
import { dependentsOf } from '../model/index.js';
import { FORMATS, featureNamed, getFormat } from '../formats/registry.js';
import type { FormatEntry, FormatExample } from '../formats/types.js';
import { suggest } from '../util/suggest.js';
import { printJsonOrText } from './common.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { argument } from './spec.js';
import { featureIds } from './values.js';

/** Splits prose into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const hex = (n: number, w = 8) => `0x${n.toString(16).toUpperCase().padStart(w, '0')}`;

/** Accepts an id (stimer, stimer_direct) or a name any syntax gives the feature (hv_stimer, hv-apicv, emsr_bitmap). */
export function resolveFeature(name: string): FeatureId {
  const lower = name.trim().toLowerCase();
  if (isFeatureId(lower)) return lower;
  const dashed = lower.replaceAll('_', '-');
  if (isFeatureId(dashed)) return dashed;
  const named = featureNamed(lower);
  if (named) return named;
  const hints = suggest(lower, [...FEATURE_IDS, ...qemuNames().filter((n) => !n.includes('_'))]);
  throw new UsageError(
    `unknown enlightenment '${name}'`,
    hints.length ? `did you mean ${hints.join(', ')}?` : 'run `enlighten list` to see every one',
  );
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

export function explainText(id: FeatureId): string {
  const d = CATALOG[id];
  const out: string[] = [`${d.qemu.name}: ${d.summary}`, '', ...wrap(d.description, 96).map((l) => `  ${l}`), ''];
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
  out.push('Guest sees', ...(guest.length ? guest.map((g) => `  ${g}`) : ['  nothing by itself']), '');
  const name = (f: FeatureId) => CATALOG[f].qemu.name;
  const facts: [string, string][] = [
    [
      'Value',
      d.kind === 'bool'
        ? 'on/off (default off)'
        : `${d.kind}${d.default !== null ? `, default ${typeof d.default === 'number' && d.printHex ? hex(d.default, 1) : String(d.default)}` : ''}`,
    ],
    ['Requires', d.requires.map(name).join(', ') || 'nothing'],
    ['Needed by', dependentsOf(id).map(name).join(', ') || 'nothing'],
  ];
  if (d.recommendedWith.length) facts.push(['Goes well with', d.recommendedWith.map(name).join(', ')]);
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
  const w = Math.max(...facts.map(([k]) => k.length));
  out.push(...facts.map(([k, v]) => `${k.padEnd(w)}  ${v}`), '');
  const sample = sampleValue(id);
  out.push('How to write it');
  const examples = exampleFormats();
  const width = Math.max(...examples.map((e) => e.label.length));
  for (const e of examples) out.push(`  ${e.label.padEnd(width)}  ${e.write(id, sample) ?? e.none}`);
  out.push('', 'Sources');
  for (const [fact, src] of Object.entries(d.sources)) out.push(`  ${fact}: ${formatCitation(src)}`);
  return `${out.join('\n')}\n`;
}

export async function runExplain(name: string, flags: { json?: boolean }, io: Io): Promise<number> {
  const id = resolveFeature(name);
  const json = () => {
    const examples = exampleFormats().flatMap((e) =>
      e.jsonKey ? [[e.jsonKey, e.write(id, sampleValue(id))] as const] : [],
    );
    return { ...CATALOG[id], neededBy: dependentsOf(id), ...Object.fromEntries(examples) };
  };
  return printJsonOrText(io, flags.json, json, () => explainText(id));
}

export const explainCommand: CommandSpec = {
  name: 'explain',
  summary: 'explain one enlightenment: what it does, what the guest sees, requirements, caveats, spellings',
  arguments: [
    argument('feature', 'an id (stimer), a QEMU name (hv-stimer, hv_stimer) or a libvirt element (emsr_bitmap)', {
      values: featureIds,
    }),
  ],
  options: [jsonOption('print the catalog entry as JSON')],
  examples: ['enlighten explain stimer', 'enlighten explain hv_evmcs', 'enlighten explain --json vapic'],
  run: (args, flags, io) => runExplain(args[0]!, flags as { json?: boolean }, io),
};
