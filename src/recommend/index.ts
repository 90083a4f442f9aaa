export { recommend, recommendContext } from './recommend.js';
export { PRESETS, findPreset } from './presets.js';
export type { Preset, PresetChoice } from './presets.js';
export { OS_TABLE, findOs, findOsByLibosinfoId, WINDOWS_GENERATIONS } from './os-table.js';
export type { OsEntry, WindowsGeneration } from './os-table.js';
export { PEERS, findPeer } from './peers.js';
export { compareWithPeer } from './compare.js';
export type { Comparison, CompareRow } from './compare.js';
export type * from './types.js';
