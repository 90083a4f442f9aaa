/**
 * Host facts from a probe file (`enlighten probe --json`) or any JSON close to it. Read defensively:
 * every field is optional, several spellings are accepted, and what is missing stays unknown.
 * Pure (no file access), so it runs in a browser too.
 */
import type { FeatureId } from '../catalog/index.js';
import { featureByQemuName, isFeatureId } from '../catalog/index.js';
import type { ParseResult } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { HostFacts } from '../model/host-facts.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** A yes/no fact given as `true` or as `{"enabled": true}` / `{"supported": true}`. */
function flag(v: unknown): boolean | undefined {
  return bool(v) ?? bool(obj(v)?.enabled) ?? bool(obj(v)?.supported) ?? bool(obj(v)?.active);
}

function vendorOf(cpu: Json | undefined, data: Json): HostFacts['vendor'] {
  for (const v of [cpu?.vendor, cpu?.vendorId, cpu?.vendor_id, data.vendor]) {
    if (typeof v !== 'string') continue;
    const s = v.toLowerCase();
    if (s === 'intel' || s === 'genuineintel') return 'intel';
    if (s === 'amd' || s === 'authenticamd') return 'amd';
  }
  return undefined;
}

function featuresOf(list: unknown): FeatureId[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: FeatureId[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const id = isFeatureId(item) ? item : featureByQemuName(item);
    if (id && !out.includes(id)) out.push(id);
  }
  return out;
}

function avx2Of(cpu: Json | undefined): boolean | undefined {
  const flags = cpu?.flags;
  if (Array.isArray(flags)) return flags.includes('avx2');
  if (typeof flags === 'string') return flags.split(/\s+/).includes('avx2');
  return bool(cpu?.avx2) ?? bool(cpu?.modern);
}

/** The facts, or why the text holds none (one HOST_FILE_INVALID, its message naming `source`). */
export type HostFactsResult = ParseResult<HostFacts>;

const invalid = (message: string): HostFactsResult => ({
  ok: false,
  diagnostics: [makeDiagnostic('HOST_FILE_INVALID', message)],
});

/** Reads host facts from JSON text; `source` names the file in messages. */
export function hostFactsFromJson(text: string, source: string): HostFactsResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return invalid(`${source} is not JSON: ${(e as Error).message}`);
  }
  const data = obj(parsed);
  if (!data) return invalid(`${source}: expected a JSON object such as enlighten probe --json writes`);
  const cpu = obj(data.cpu);
  const hyperv = obj(data.hyperv);
  const kvm = obj(data.kvm);
  const facts: HostFacts = { source };
  const vendor = vendorOf(cpu, data);
  if (vendor) facts.vendor = vendor;
  const nested = flag(cpu?.nested) ?? flag(data.nested);
  if (nested !== undefined) facts.nested = nested;
  const apicv = flag(cpu?.apicv) ?? flag(cpu?.avic) ?? flag(data.apicv) ?? flag(data.avic);
  if (apicv !== undefined) facts.apicv = apicv;
  const clock = typeof data.clocksource === 'string' ? data.clocksource : obj(data.clocksource)?.current;
  if (typeof clock === 'string' && clock) facts.clocksource = clock;
  const avx2 = avx2Of(cpu);
  if (avx2 !== undefined) facts.modernCpu = avx2;
  const supported = kvm && bool(kvm.present) === false ? false : bool(hyperv?.supported);
  const features = featuresOf(hyperv?.features);
  if (supported !== undefined || features?.length) {
    facts.kvmHyperv = { ...(supported !== undefined ? { supported } : {}), ...(features?.length ? { features } : {}) };
  }
  if (Object.keys(facts).length === 1)
    return invalid(
      `${source}: no host facts found (expected cpu.vendor, cpu.nested, cpu.apicv, clocksource.current or hyperv)`,
    );
  return { ok: true, value: facts };
}
