/**
 * Applies the fixes of every error and warning until none is left: dependencies are closed, what
 * the target cannot run is removed, values are corrected, and advised features are added. A
 * feature removed once is never brought back: whatever needs it goes too, with the reason.
 * Info findings are advice and never change anything. Runs on sets, so it serves `fix` (which then
 * edits the file) and `recommend` (which starts from a preset).
 */
import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics/index.js';
import type { ParsedConfig } from '../formats/types.js';
import type { EnlightenmentSet } from '../model/index.js';
import { getValue, setFeature, unsetFeature } from '../model/index.js';
import { checkConfig } from '../rules/index.js';
import type { CheckOptions } from '../rules/types.js';
import { nameFeature } from '../rules/names.js';

export interface FixAction {
  feature: FeatureId;
  /** The value before (undefined: unset) and after (undefined: removed). */
  from: FeatureValue | undefined;
  to: FeatureValue | undefined;
  code: DiagnosticCode;
  /** The finding that asked for the change, in words. */
  why: string;
  source?: Citation;
}

export interface FixSetResult {
  set: EnlightenmentSet;
  actions: FixAction[];
}

const MAX_ROUNDS = 40;

/** The sources behind a diagnostic, if it names any. */
export function sourceOf(d: Diagnostic): Citation | undefined {
  return d.cites;
}

/** Fixes the set of `config` against `options`. Parser findings no rule can fix stay as they are. */
export function fixSet(config: ParsedConfig, options: CheckOptions): FixSetResult {
  let set = config.set;
  const actions: FixAction[] = [];
  const removed = new Set<FeatureId>();
  const apply = (feature: FeatureId, value: FeatureValue | null, d: Diagnostic, why = d.message) => {
    const from = getValue(set, feature);
    const to = value === null ? undefined : value;
    if (from === to) return false;
    set = value === null ? unsetFeature(set, feature) : setFeature(set, feature, value);
    if (value === null) removed.add(feature);
    const source = sourceOf(d);
    actions.push({ feature, from, to, code: d.code, why, ...(source ? { source } : {}) });
    return true;
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Without the parser's findings: rules then offer fixes for what the parser refused (libvirt's retries).
    const found = checkConfig({ ...config, set, diagnostics: [] }, options);
    const fixable = found.filter((d) => d.severity !== 'info' && d.fix && d.fix.changes.length > 0);
    // Removals first: what they take away changes what the rest of the findings ask for.
    const removals = fixable.filter((d) => d.fix!.changes.some((c) => c.value === null));
    const batch = removals.length ? removals : fixable;
    let changed = false;
    for (const d of batch) {
      for (const c of d.fix!.changes) {
        if (c.value !== null && removed.has(c.feature)) {
          // It would bring back something removed for a reason: drop what asks for it instead.
          if (d.feature && getValue(set, d.feature) !== undefined)
            changed = apply(d.feature, null, d, `${d.message}, which was removed`) || changed;
          continue;
        }
        const why =
          d.code !== 'MISSING_DEPENDENCY' && d.feature && c.feature !== d.feature && c.value !== null
            ? `needed by ${nameFeature(d.feature, config.format, config.context.spelling)}`
            : d.message;
        changed = apply(c.feature, c.value, d, why) || changed;
      }
    }
    if (!changed) break;
  }
  return { set, actions };
}
