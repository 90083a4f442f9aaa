/**
 * A preset as the start of `fix --preset`: what the recommendation for the configuration's guest
 * and target adds to the input's set (a feature the input leaves unset), and what it would set
 * differently (the input's value is kept). `fixConfig` (src/fix/) takes the result as its start.
 */
import type { ParsedConfig } from '../formats/types.js';
import { getValue, listedFeatures, setFeature } from '../model/index.js';
import type { PresetStart, PresetStep } from '../fix/fix-config.js';
import type { CheckOptions } from '../rules/index.js';
import { resolveGuest } from '../rules/index.js';
import { recommend } from './recommend.js';

/** The start for fixing `parsed` with the preset `name`. Throws on an unknown preset, as `recommend` does. */
export function applyPreset(parsed: ParsedConfig, options: CheckOptions, name: string): PresetStart {
  const guest = resolveGuest(options, parsed.context);
  const rec = recommend({
    ...options,
    ...(guest ? { os: guest.os.id } : {}),
    preset: name,
    target: options.target ?? parsed.format,
    ...(parsed.context.tscFrequency ? { tscFrequency: parsed.context.tscFrequency } : {}),
  });
  let set = parsed.set;
  const steps: PresetStep[] = [];
  for (const id of listedFeatures(rec.set)) {
    const want = getValue(rec.set, id)!;
    const have = getValue(set, id);
    const choice = rec.choices.find((c) => c.feature === id)!;
    if (have === undefined) {
      set = setFeature(set, id, want);
      steps.push({ feature: id, value: want, kept: false, reason: choice.reason, source: choice.source });
    } else if (have !== want) {
      steps.push({ feature: id, value: want, kept: true, reason: choice.reason, source: choice.source });
    }
  }
  return { set, steps };
}
