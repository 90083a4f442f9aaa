/**
 * One rule case, written in each syntax enlighten reads: a QEMU -cpu value or command line,
 * enlighten's JSON, and a libvirt domain. Context facts (machine type, tsc-frequency, a hidden KVM
 * signature, a migratable CPU) go where each syntax keeps them; JSON keeps none.
 */
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import type { Diagnostic, DiagnosticCode } from '../../src/diagnostics/index.js';
import { getFormat } from '../../src/formats/registry.js';
import type { FormatId, ParsedConfig } from '../../src/formats/types.js';
import { parseJsonSet, printJsonSet } from '../../src/formats/json/index.js';
import { parseQemu, printQemuItems } from '../../src/formats/qemu/index.js';
import type { EnlightenmentSet, Mode } from '../../src/model/index.js';
import { emptySet, setFeature } from '../../src/model/index.js';
import type { CheckOptions } from '../../src/rules/index.js';
import { checkConfig } from '../../src/rules/index.js';
import { okValue } from '../support/parse-result.js';

export type Syntax = 'qemu' | 'json' | 'libvirt' | 'virt-xml';
export const SYNTAXES: Syntax[] = ['qemu', 'json', 'libvirt', 'virt-xml'];

export interface Context {
  machine?: string;
  tscFrequency?: number;
  migratable?: boolean;
}

export function makeSet(features: Partial<Record<FeatureId, FeatureValue>>, mode: Mode = 'custom'): EnlightenmentSet {
  let set = emptySet(mode);
  for (const [id, v] of Object.entries(features) as [FeatureId, FeatureValue][]) set = setFeature(set, id, v);
  return set;
}

function qemuText(set: EnlightenmentSet, ctx: Context): string {
  const items = ['host', ...printQemuItems(set, 'modern')];
  if (ctx.tscFrequency) items.push(`tsc-frequency=${ctx.tscFrequency}`);
  const cpu = items.join(',');
  return ctx.machine ? `qemu-system-x86_64 -machine ${ctx.machine},accel=kvm -cpu '${cpu}'` : cpu;
}

function libvirtText(set: EnlightenmentSet, ctx: Context): string {
  const lv = getFormat('libvirt');
  if (!lv?.print) throw new Error('the libvirt format has no printer');
  const input: ParsedConfig = {
    format: 'libvirt',
    source: '',
    set: emptySet(),
    origins: {},
    context: {},
    diagnostics: [],
  };
  let body = lv.print(set, { input }).text;
  if (ctx.tscFrequency) {
    const timer = `<timer name='tsc' frequency='${ctx.tscFrequency}'/>`;
    body = body.includes('<clock')
      ? body.replace(/<clock([^>]*)>/, `<clock$1>${timer}`)
      : `${body}\n<clock offset='utc'>${timer}</clock>`;
  }
  const machine = ctx.machine ? ` machine='${ctx.machine}'` : '';
  const cpu = ctx.migratable ? "\n  <cpu mode='host-passthrough' migratable='on'/>" : '';
  return `<domain type='kvm'>\n  <name>t</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'${machine}>hvm</type>\n  </os>\n${body}${cpu}\n</domain>\n`;
}

/**
 * virt-xml commands that turn the set on in a domain; null when virt-xml cannot say it all (the rule
 * tables need the whole set) or has nothing to say. `partial` accepts what it can say.
 */
export function virtXmlText(set: EnlightenmentSet, ctx: Context, partial = false): string | null {
  if (Object.keys(ctx).length) return null;
  const printed = getFormat('virt-xml')!.print!(set, {});
  if (printed.text.startsWith('#')) return null;
  return printed.diagnostics.length && !partial ? null : printed.text;
}

/** The case as text in the syntax; null when the syntax cannot hold the context. */
export function textIn(syntax: Syntax, set: EnlightenmentSet, ctx: Context = {}): string | null {
  if (syntax === 'qemu') return ctx.migratable ? null : qemuText(set, ctx);
  if (syntax === 'json') return Object.keys(ctx).length ? null : printJsonSet(set);
  if (syntax === 'virt-xml') return virtXmlText(set, ctx);
  return libvirtText(set, ctx);
}

export function parseIn(syntax: Syntax, text: string): ParsedConfig {
  if (syntax === 'qemu') return okValue(parseQemu(text));
  if (syntax === 'json') return okValue(parseJsonSet(text));
  return okValue(getFormat(syntax)!.parse(text));
}

export function checkIn(
  syntax: Syntax,
  set: EnlightenmentSet,
  options: CheckOptions,
  ctx: Context = {},
): Diagnostic[] | null {
  const text = textIn(syntax, set, ctx);
  return text === null ? null : checkConfig(parseIn(syntax, text), options);
}

export function codesOf(diags: Diagnostic[]): DiagnosticCode[] {
  return diags.map((d) => d.code);
}

export const formatOf = (s: Syntax): FormatId => s;
