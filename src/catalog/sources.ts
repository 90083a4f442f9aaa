/**
 * The sources the catalog cites, by id (SOURCES), and citations: a list of source ids, each with an
 * optional detail ("items 4, 6, 8"). Everything enlighten prints as a source is a formatted citation.
 */
import type { SourceDef } from './source-types.js';
import type { HostNeeds } from './types.js';
import { UPSTREAM_SOURCES } from './sources-upstream.js';
import { PEER_SOURCES } from './sources-peers.js';

export type { SourceDef } from './source-types.js';

export const SOURCES = { ...UPSTREAM_SOURCES, ...PEER_SOURCES } satisfies Record<string, SourceDef>;
export type SourceId = keyof typeof SOURCES;

/** One cited source, with what in it, when the source alone is not precise enough. */
export interface Cite {
  source: SourceId;
  detail?: string;
}
export type Citation = readonly Cite[];

/** Builds a citation: each part is a source id, or [id, detail]. */
export function cite(...parts: (SourceId | readonly [SourceId, string])[]): Citation {
  return parts.map((p) => (typeof p === 'string' ? { source: p } : { source: p[0], detail: p[1] }));
}

/** A single-source citation for each id, for the common case. */
export const SRC = Object.fromEntries(Object.keys(SOURCES).map((id) => [id, cite(id as SourceId)])) as Record<
  SourceId,
  Citation
>;

/** The short text a user sees for a source: `QEMU target/i386/kvm/kvm.c kvm_hyperv_properties[] @ 00001a22`. */
export function sourceLabel(id: SourceId): string {
  const s: SourceDef = SOURCES[id];
  const what = s.path ? ` ${s.path}${s.symbol ? ` ${s.symbol}` : ''}` : `: ${s.title}`;
  return `${s.project}${what}${s.ref ? ` @ ${s.ref}` : ''}`;
}

/** A citation as one line: the sources' labels, each with its detail in parentheses, joined by "; ". */
export function formatCitation(c: Citation): string {
  return c.map((x) => `${sourceLabel(x.source)}${x.detail ? ` (${x.detail})` : ''}`).join('; ');
}

/** A diagnostic's last note: `source: ` and the citation. */
export function sourceNote(c: Citation): string {
  return `source: ${formatCitation(c)}`;
}

/** Why a nested-only feature needs nesting on the host. */
const NESTED_HOST_WHY = {
  severity: 'info',
  affects: 'runtime',
  reason: 'without nested virtualization on the host the guest runs no hypervisor that could use it',
  removeToFix: true,
  hostFix: 'enable nesting on the host (kvm_intel nested=1 or kvm_amd nested=1)',
  source: SRC.qemuDocs,
} as const;

/** The host needs of a nested-only entry: nesting on the host, and why (a new object each time). */
export function nestedHost(): HostNeeds {
  return { capabilities: ['nested'], why: { nested: NESTED_HOST_WHY } };
}

/**
 * The citations most Hyper-V entries give for the same facts: QEMU's kvm_hyperv_properties[] for the
 * spelling and the CPUID bits, libvirt's docs for the versions, QEMU's docs for the description. An
 * entry spreads this and adds its own citations after it.
 */
export const QEMU_TABLE_SOURCES = {
  spelling: SRC.qemuTable,
  cpuid: SRC.qemuTable,
  since: SRC.libvirtDocs,
  description: SRC.qemuDocs,
} as const;

/** The same for an entry that requires others: QEMU's table also lists what it requires. */
export const QEMU_TABLE_REQUIRES_SOURCES = {
  spelling: SRC.qemuTable,
  cpuid: SRC.qemuTable,
  requires: SRC.qemuTable,
  since: SRC.libvirtDocs,
  description: SRC.qemuDocs,
} as const;
