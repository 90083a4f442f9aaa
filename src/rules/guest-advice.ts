/**
 * Advice for the guest and workload (--os, --nested-hyperv, --overcommitted, --gpu-passthrough):
 * features the guest needs and lacks (stimer on Windows 10 and later, relaxed, the Hyper-V clock),
 * and nested-only features for a guest that runs no hypervisor. Read from the catalog's
 * whenMissing, nestedOnly and nestedCost; a feature is advised only when this target can run it.
 */
import type { FeatureId, FeatureValue, MissingAdvice } from '../catalog/index.js';
import { CATALOG, PRINT_ORDER, cite, sourceNote } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { closeDependencies, findMissingDependencies, getValue, isOn, setFeature } from '../model/index.js';
import type { OsEntry } from '../model/os-table.js';
import { OS_TABLE, osMatches } from '../model/os-table.js';
import { blockingObstacles } from './admissible.js';
import { nameFeature, nameSetting } from './names.js';
import type { Target } from './target.js';
import { ruleTarget } from './target.js';
import type { Rule } from './types.js';

/** Whether the advice is for this guest and workload. */
export function adviceApplies(a: MissingAdvice, t: Target): boolean {
  if (a.guest && !osMatches(t.os, a.guest)) return false;
  if (a.workload === 'overcommitted') return t.overcommitted;
  if (a.workload === 'nested-hyperv') return t.nestedHyperv;
  if (a.workload === 'gpu-passthrough') return t.gpuPassthrough;
  return a.guest !== undefined;
}

/** The value to add for a piece of advice. */
export function adviceValue(id: FeatureId, a: MissingAdvice): FeatureValue {
  const def = CATALOG[id];
  return a.value ?? def.example ?? (def.kind === 'bool' || def.kind === 'on-off-auto' ? true : (def.default ?? true));
}

/** True when the feature is not in effect: off, unset, or left at QEMU's default value. */
function missing(set: EnlightenmentSet, id: FeatureId, want: FeatureValue): boolean {
  const v = getValue(set, id);
  if (!isOn(set, id) || v === CATALOG[id].default) return true;
  // A value feature with a different value than the workload wants (spinlocks 8191 when 0xfff is advised) is fine.
  return typeof want === 'boolean' && v !== want;
}

function missingAdvice(set: EnlightenmentSet, t: Target): Diagnostic[] {
  const out: Diagnostic[] = [];
  // What a feature that is on already requires is reported (and fixed) as a missing dependency.
  const required = new Set(findMissingDependencies(set).map((m) => m.requires));
  let lacking: Set<FeatureId> | undefined;
  for (const id of PRINT_ORDER) {
    if (required.has(id)) continue;
    const applicable = (CATALOG[id].whenMissing ?? []).filter((a) => adviceApplies(a, t));
    if (!applicable.length) continue;
    const first = applicable.find((a) => a.severity === 'warning') ?? applicable[0]!;
    const value = adviceValue(id, first);
    if (!missing(set, id, value) || blockingObstacles(id, value, t).length) continue;
    const { set: closed, added } = closeDependencies(setFeature(set, id, value));
    // Only what this feature brings: what the set already lacks is a missing dependency of its own.
    lacking ??= new Set(closeDependencies(set).added);
    const deps = added.filter((d) => d !== id && !lacking!.has(d));
    const blockedDep = deps.find(
      (d) => getValue(set, d) === false || blockingObstacles(d, getValue(closed, d)!, t).length,
    );
    const name = nameFeature(id, t.syntax, t.spelling);
    const turnedOff = getValue(set, id) === false;
    const cites = applicable.flatMap((a) => a.source);
    const notes = [...applicable.slice(1).map((a) => a.reason), sourceNote(cites)];
    const who = first.workload ? `this ${first.workload} workload` : `this ${t.os?.name ?? 'guest'} guest`;
    if (turnedOff || blockedDep) {
      notes.unshift(
        turnedOff
          ? `${name} is turned off here: keep it off only if you measured that this guest does better without it`
          : `it needs ${nameFeature(blockedDep!, t.syntax, t.spelling)}, which is turned off or cannot run here`,
      );
      out.push(
        makeDiagnostic('RECOMMENDED_FEATURE_MISSING', `${name} is off for ${who}: ${first.reason}`, {
          severity: 'info',
          feature: id,
          notes,
          cites,
        }),
      );
      continue;
    }
    const changes = [{ feature: id, value }, ...deps.map((d) => ({ feature: d, value: getValue(closed, d)! }))];
    out.push(
      makeDiagnostic('RECOMMENDED_FEATURE_MISSING', `${name} is off for ${who}: ${first.reason}`, {
        severity: first.severity,
        feature: id,
        notes,
        cites,
        fix: {
          description: `add ${changes.map((c) => nameSetting(c.feature, c.value, t.syntax, t.spelling)).join(', ')}`,
          changes,
        },
      }),
    );
  }
  return out;
}

/** The catalog's nested-only features, in print order. */
const NESTED_ONLY = PRINT_ORDER.filter((id) => CATALOG[id].nestedOnly);

function nestedOnlyAdvice(
  set: EnlightenmentSet,
  origins: Partial<Record<FeatureId, { start: number; end: number }>>,
  t: Target,
): Diagnostic[] {
  if (!t.os || t.nestedHyperv || set.mode === 'passthrough') return [];
  // A feature this target cannot run at all is reported by the host or version rules already.
  const cannotRun = (id: FeatureId) => blockingObstacles(id, getValue(set, id)!, t).some((o) => o.severity === 'error');
  return NESTED_ONLY.filter((id) => isOn(set, id) && !cannotRun(id)).map((id) => {
    const def = CATALOG[id];
    const name = nameFeature(id, t.syntax, t.spelling);
    const span = origins[id];
    return makeDiagnostic(
      'NESTED_ONLY_FEATURE',
      `${name} only helps a guest that runs Hyper-V itself (WSL2, VBS, the Hyper-V role)${def.nestedCost ? `; otherwise ${def.nestedCost}` : ''}`,
      {
        severity: def.nestedCost ? 'warning' : 'info',
        feature: id,
        ...(span ? { span } : {}),
        notes: [
          `say --nested-hyperv if this ${t.os!.name} guest runs one`,
          sourceNote(cite(['qemuDocs', 'nested-specific enlightenments'])),
        ],
        cites: cite(['qemuDocs', 'nested-specific enlightenments']),
        ...(def.nestedCost ? { fix: { description: `remove ${name}`, changes: [{ feature: id, value: null }] } } : {}),
      },
    );
  });
}

/**
 * The advice of the last sets and targets asked about. It depends on nothing else (its findings
 * carry no position), and an audit asks about the same few sets and guests for thousands of
 * files: the most expensive part of a check, worked out once for each. The findings are frozen,
 * since files share them.
 */
const ADVICE = new Map<string, readonly Diagnostic[]>();
const ADVICE_KEPT = 256;

/**
 * The guest in the memo's key: an entry of the OS table by its id, which names one entry only; any
 * other (a Linux distribution's, made per name) whole. The whole entry was half the key, and the
 * key's JSON and its hash a third of the rule's time in an audit (profiled over 10,000 files).
 */
function guestKey(os: OsEntry | undefined): string | undefined {
  return os === undefined ? undefined : OS_TABLE.includes(os) ? os.id : JSON.stringify(os);
}

/**
 * Every field of a target, for the memo's key, which is then an array of plain values (quick to
 * make into JSON) rather than a copy of the target. `everyField` does not compile when Target gains
 * a field this list lacks, which would otherwise give one guest's advice to another.
 */
const TARGET_FIELDS = [
  'host',
  'os',
  'qemuVersion',
  'libvirtVersion',
  'machine',
  'machineQemu',
  'migratable',
  'migratableBecause',
  'tscFrequency',
  'tscFrequencyByPlatform',
  'syntax',
  'spelling',
  'nestedHyperv',
  'gpuPassthrough',
  'overcommitted',
] as const satisfies readonly (keyof Target)[];
const everyField: [Exclude<keyof Target, (typeof TARGET_FIELDS)[number]>] extends [never] ? true : never = true;
void everyField;

function adviceKey(set: EnlightenmentSet, t: Target): string {
  const parts: unknown[] = [set.mode, set.features];
  for (const f of TARGET_FIELDS) parts.push(f === 'os' ? guestKey(t.os) : t[f]);
  return JSON.stringify(parts);
}

function adviceFor(set: EnlightenmentSet, t: Target): readonly Diagnostic[] {
  const key = adviceKey(set, t);
  let advice = ADVICE.get(key);
  if (!advice) {
    advice = deepFreeze(missingAdvice(set, t));
    if (ADVICE.size >= ADVICE_KEPT) ADVICE.delete(ADVICE.keys().next().value!);
    ADVICE.set(key, advice);
  }
  return advice;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const guestAdviceRule: Rule = {
  id: 'guest-advice',
  run(ctx) {
    const { config } = ctx;
    const t = ruleTarget(ctx);
    if (config.set.mode === 'passthrough') return [];
    return [...adviceFor(config.set, t), ...nestedOnlyAdvice(config.set, config.origins, t)];
  },
};
