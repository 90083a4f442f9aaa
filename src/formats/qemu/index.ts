export { parseQemu, looksLikeQemuCommandLine } from './parse.js';
export type { QemuParsed } from './parse.js';
export {
  parseCpuValue,
  printQemuCpu,
  printQemuItems,
  printQemuItem,
  spellQemuChange,
  parseQemuValue,
} from '../../syntax/qemu-cpu/index.js';
export type { CpuItem, CpuParse, QemuStyle, QemuPrintOptions } from '../../syntax/qemu-cpu/index.js';
export { editQemu } from './edit.js';
