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
  /** What `check` still reports on the result. */
  remaining: Diagnostic[];
}

/** Where `fix` starts from with a preset: the input's set with what the preset adds, and each step. */
export interface PresetStart {
  set: EnlightenmentSet;
  steps: PresetStep[];
}

function render(parsed: ParsedConfig, format: FormatEntry, set: EnlightenmentSet, style?: string): string {
  if (setsEqual(parsed.set, set)) return parsed.source;
  const opts = { input: parsed, ...(style ? { style } : {}) };
  if (format.edit) return format.edit(parsed, set, opts).text;
  const text = format.print!(set, opts).text;
  return parsed.source.endsWith('\n') && !text.endsWith('\n') ? `${text}\n` : text;
}

export function fixConfig(parsed: ParsedConfig, format: FormatEntry, options: CheckOptions, opts: { preset?: PresetStart; style?: string } = {}): FixConfigResult {
  const start = opts.preset ?? { set: parsed.set, steps: [] };
  const fixed = fixSet({ ...parsed, set: start.set }, options);
  const text = render(parsed, format, fixed.set, opts.style);
  const reparsed = format.parse(text);
  return {
    text,
    changed: text !== parsed.source,
    set: fixed.set,
    preset: start.steps,
    actions: fixed.actions,
    remaining: checkConfig(reparsed, options),
  };
}
