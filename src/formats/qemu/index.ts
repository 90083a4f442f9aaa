export { parseQemu, looksLikeQemuCommandLine } from './parse.js';
export type { QemuParsed } from './parse.js';
export { parseCpuValue } from './parse-cpu.js';
export type { CpuItem, CpuParse, QemuStyle } from './parse-cpu.js';
export { printQemuCpu, printQemuItems, printQemuItem, spellQemuChange } from './print.js';
export type { QemuPrintOptions } from './print.js';
export { parseQemuValue, parseCInteger } from './values.js';
export { editQemu } from './edit.js';
