/**
 * `fix` without the files: applies a preset (optional: `applyPreset` in src/recommend/ makes the
 * start) and every fix `check` offers to a parsed configuration, then writes the result in the
 * input's own syntax through the format's lossless edit (or its printer when it has none), and
 * checks the result again.
 */
import type { Citation, FeatureId, FeatureValue } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { FormatEntry, ParsedConfig } from '../formats/types.js';
import type { EnlightenmentSet } from '../model/index.js';
import { setsEqual } from '../model/index.js';
import type { CheckOptions } from '../rules/index.js';
import { checkConfig } from '../rules/index.js';
import type { FixAction } from './fix-set.js';
import { fixSet } from './fix-set.js';

/** A feature the preset adds, or one the user set differently and keeps. */
export interface PresetStep {
  feature: FeatureId;
  value: FeatureValue;
  /** True when the user's own value was kept instead. */
  kept: boolean;
  reason: string;
  source: Citation;
}

export interface FixConfigResult {
  text: string;
  changed: boolean;
  set: EnlightenmentSet;
  preset: PresetStep[];
  actions: FixAction[];
  /** What writing the result said (a refusal to edit, a value the syntax cannot hold), then what `check` still reports on it. */
  remaining: Diagnostic[];
}

/** Where `fix` starts from with a preset: the input's set with what the preset adds, and each step. */
export interface PresetStart {
  set: EnlightenmentSet;
  steps: PresetStep[];
}

/** The text with the set written in, and what the format said while writing (a refusal, a value it cannot hold). */
function render(
  parsed: ParsedConfig,
  format: FormatEntry,
  set: EnlightenmentSet,
  style?: string,
): { text: string; diagnostics: Diagnostic[] } {
  if (setsEqual(parsed.set, set)) return { text: parsed.source, diagnostics: [] };
  const opts = { input: parsed, ...(style ? { style } : {}) };
  if (format.edit) return format.edit(parsed, set, opts);
  const out = format.print!(set, opts);
  return {
    text: parsed.source.endsWith('\n') && !out.text.endsWith('\n') ? `${out.text}\n` : out.text,
    diagnostics: out.diagnostics,
  };
}

export function fixConfig(
  parsed: ParsedConfig,
  format: FormatEntry,
  options: CheckOptions,
  opts: { preset?: PresetStart; style?: string } = {},
): FixConfigResult {
  const start = opts.preset ?? { set: parsed.set, steps: [] };
  const fixed = fixSet({ ...parsed, set: start.set }, options);
  const { text, diagnostics: written } = render(parsed, format, fixed.set, opts.style);
  const reread = format.parse(text);
  return {
    text,
    changed: text !== parsed.source,
    set: fixed.set,
    preset: start.steps,
    actions: fixed.actions,
    // A refusal to write (NOT_EDITABLE) comes first: the fixes above are then a plan, not a result.
    // What the format wrote and cannot read back is what remains.
    remaining: [...written, ...(reread.ok ? checkConfig(reread.value, options) : reread.diagnostics)],
  };
}
