import type { Diagnostic, ParseResult } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import { emptySet } from '../../model/index.js';
import type { ConfigContext, ParsedConfig } from '../types.js';
import type { XmlDocument, XmlElement } from '../../syntax/xml/index.js';
import { DEFAULT_MAX_BYTES, findAll, findChildren, getChildElements, parseXml } from '../../syntax/xml/index.js';
import { qemuCpuModel } from './cpu-model.js';
import type { DomainFacts } from './read-domain.js';
import { checkHypervArch, readDomainFacts, readFeatureSwitches } from './read-domain.js';
import { readHypervElements } from './read-hyperv.js';
import type { CpuOverride } from './read-qemu-args.js';
import { readCpuOverrides } from './read-qemu-args.js';
import type { VersionNeed } from './read-state.js';
import { ReadState } from './read-state.js';

/** Largest domain XML read (1 MiB of characters); a domain XML is a few KB. */
export const LIBVIRT_MAX_CHARS = DEFAULT_MAX_BYTES;

export type LibvirtRoot = 'domain' | 'features' | 'hyperv';

export interface LibvirtParsed extends ParsedConfig {
  format: 'libvirt';
  /** The position-keeping tree, for lossless edits; null when the XML could not be read. */
  doc: XmlDocument | null;
  /** What the input is: a whole domain, or a `<features>` or `<hyperv>` fragment; null for parts of a domain printed one after another, and for unreadable input. */
  root: LibvirtRoot | null;
  /** The domain's CPU, timers and other -cpu sources (empty for fragments). */
  domain: DomainFacts;
  /** Facts whose meaning depends on the libvirt release (see checkLibvirtVersion). */
  versionNeeds: VersionNeed[];
  /** `-cpu` values of `<qemu:commandline>`, which come after libvirt's own -cpu (the last one wins). */
  cpuOverrides?: CpuOverride[];
}

export interface ParseLibvirtOptions {
  /** Largest input in characters (default LIBVIRT_MAX_CHARS). */
  maxChars?: number;
}

const ROOTS: readonly string[] = ['domain', 'features', 'hyperv'];

/** True when the text looks like XML (after a BOM and leading whitespace). */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

/**
 * Reads a libvirt domain XML (or a `<features>` / `<hyperv>` fragment) as libvirt does: the
 * `<hyperv>` enlightenments, the hypervclock timer, the hyperv panic device, `<kvm><hidden>` and
 * the `<cpu>`. Every item keeps where it came from. Never throws: a malformed document, a DTD or
 * an oversized input gives diagnostics (with line and column) and an empty set.
 */
export function parseLibvirt(text: string, opts: ParseLibvirtOptions = {}): ParseResult<LibvirtParsed> {
  return readResult(readLibvirt(text, opts));
}

function readLibvirt(text: string, opts: ParseLibvirtOptions): LibvirtParsed {
  const result = parseXml(text, { maxBytes: opts.maxChars ?? LIBVIRT_MAX_CHARS });
  if (!result.ok && result.diagnostics.every((d) => d.code === 'XML_MULTIPLE_ROOTS')) {
    const parts = readDomainParts(text, opts);
    if (parts) return parts;
  }
  if (!result.ok) {
    const diagnostics = result.diagnostics.map((d) =>
      makeDiagnostic(d.code, d.message, d.span ? { span: { start: d.span.start, end: d.span.end } } : {}),
    );
    return unreadable(text, diagnostics);
  }
  const doc = result.doc;
  const root = doc.root;
  if (!ROOTS.includes(root.name)) {
    const d = makeDiagnostic(
      'UNREADABLE_INPUT',
      `expected a libvirt <domain>, or a <features> or <hyperv> element, found <${root.name}>`,
      {
        span: { start: root.startTag.start, end: root.startTag.end },
        notes: ['`virsh dumpxml DOMAIN` prints a whole domain'],
      },
    );
    return { ...unreadable(text, [d]), doc };
  }
  const state = new ReadState();
  let facts: DomainFacts = { timers: [] };
  let hyperv: XmlElement[];
  let cpuOverrides: CpuOverride[] = [];
  if (root.name === 'domain') {
    facts = readDomainFacts(root, state);
    cpuOverrides = readCpuOverrides(root, state);
    hyperv = findAll(root, 'features/hyperv');
    checkHypervArch(hyperv[0], facts, state);
  } else if (root.name === 'features') {
    readFeatureSwitches(root, facts, state);
    hyperv = findChildren(root, 'hyperv');
  } else {
    hyperv = [root];
  }
  readHypervElements(hyperv, state);
  return {
    format: 'libvirt',
    source: text,
    set: state.set,
    origins: state.origins,
    context: contextOf(facts, root.name === 'domain'),
    diagnostics: state.diagnostics,
    doc,
    root: root.name as LibvirtRoot,
    domain: facts,
    versionNeeds: state.versionNeeds,
    ...(cpuOverrides.length ? { cpuOverrides } : {}),
  };
}

const PARTS: readonly string[] = ['features', 'clock', 'devices', 'cpu'];
const WRAP_OPEN = '<domain>';

/**
 * Reads the parts of a domain printed one after another (`<features>`, `<clock>`, `<devices>`,
 * `<cpu>`, as `convert --to libvirt` and `recommend --to libvirt` print them) as if they stood in
 * a `<domain>`. Positions point into the original text. Such input can be read and checked, not
 * edited in place.
 */
function readDomainParts(text: string, opts: ParseLibvirtOptions): LibvirtParsed | undefined {
  const wrapped = `${WRAP_OPEN}${text}</domain>`;
  const check = parseXml(wrapped, { maxBytes: (opts.maxChars ?? LIBVIRT_MAX_CHARS) + WRAP_OPEN.length + 9 });
  if (!check.ok || !getChildElements(check.doc.root).every((e) => PARTS.includes(e.name))) return undefined;
  const inner = readLibvirt(wrapped, { maxChars: (opts.maxChars ?? LIBVIRT_MAX_CHARS) + WRAP_OPEN.length + 9 });
  const shift = (value: unknown): unknown => shiftSpans(value, -WRAP_OPEN.length);
  return {
    ...inner,
    source: text,
    origins: shift(inner.origins) as LibvirtParsed['origins'],
    context: shift(inner.context) as ConfigContext,
    diagnostics: shift(inner.diagnostics) as Diagnostic[],
    domain: shift(inner.domain) as DomainFacts,
    doc: null,
    root: null,
  };
}

/** A copy of plain data with every `{start, end}` span moved by `delta`. */
function shiftSpans(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftSpans(v, delta));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = shiftSpans(v, delta);
  if (typeof obj['start'] === 'number' && typeof obj['end'] === 'number' && Object.keys(obj).length === 2) {
    out['start'] = (obj['start'] as number) + delta;
    out['end'] = (obj['end'] as number) + delta;
  }
  return out;
}

function unreadable(text: string, diagnostics: Diagnostic[]): LibvirtParsed {
  return {
    format: 'libvirt',
    source: text,
    set: emptySet(),
    origins: {},
    context: {},
    diagnostics,
    doc: null,
    root: null,
    domain: { timers: [] },
    versionNeeds: [],
  };
}

function contextOf(facts: DomainFacts, whole: boolean): ConfigContext {
  const ctx: ConfigContext = {};
  const model = whole ? qemuCpuModel(facts) : undefined;
  if (model) ctx.cpuModel = model;
  if (facts.cpu?.modelSpan) ctx.cpuModelSpan = facts.cpu.modelSpan;
  if (facts.machine) ctx.machine = facts.machine;
  const tsc = facts.timers.find((t) => t.name === 'tsc' && t.frequency !== undefined);
  const hz = tsc ? Number(tsc.frequency) : NaN;
  if (Number.isInteger(hz) && hz > 0) ctx.tscFrequency = hz;
  if (facts.cpu?.migratable) ctx.migratable = facts.cpu.migratable === 'on';
  if (facts.guestOs) ctx.guestOs = facts.guestOs;
  return ctx;
}
