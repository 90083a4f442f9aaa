/**
 * The value of QEMU's `-cpu` option (`MODEL,KEY=VALUE,+KEY,...`) as QEMU 7.2 reads it, and its
 * items as QEMU and libvirt write them. Shared by the qemu format (command lines and bare values)
 * and the libvirt format (`<qemu:commandline>` overrides, the command line libvirt builds).
 */
export { parseCpuValue } from './parse.js';
export type { CpuItem, CpuParse, QemuStyle } from './parse.js';
export { printQemuCpu, printQemuItems, printQemuItem, spellQemuChange, unprintableQemuValue } from './print.js';
export type { QemuPrintOptions } from './print.js';
export { parseQemuValue, formatQemuValue } from './values.js';
export type { ValueProblem, ValueResult } from './values.js';
