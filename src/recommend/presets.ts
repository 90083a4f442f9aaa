/** Every named preset: the guests' bases and the workloads' overlays. */
import type { Preset } from './preset-types.js';
import { windowsLegacy, windowsModern, windowsXp } from './presets-windows.js';
import { gpuPassthrough, linux, nestedHyperv, qemuRecommended, rhelGuide } from './presets-other.js';

export const PRESETS: readonly Preset[] = [
  windowsModern,
  windowsLegacy,
  windowsXp,
  linux,
  nestedHyperv,
  gpuPassthrough,
  rhelGuide,
  qemuRecommended,
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

export type { Preset, PresetChoice } from './preset-types.js';
