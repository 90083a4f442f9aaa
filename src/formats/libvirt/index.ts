export { parseLibvirt, looksLikeXml, LIBVIRT_MAX_CHARS } from './parse.js';
export type { LibvirtParsed, LibvirtRoot, ParseLibvirtOptions } from './parse.js';
export type { CpuFacts, DomainFacts, TimerFact } from './read-domain.js';
export type { VersionNeed } from './read-state.js';
export { printLibvirt } from './print.js';
export type { PrintLibvirtOptions } from './print.js';
export { editLibvirt } from './edit.js';
export type { EditLibvirtOptions } from './edit.js';
export { planLibvirtSet } from './plan.js';
export { translateLibvirtToQemu } from './to-qemu.js';
export type { LibvirtToQemuOptions } from './to-qemu.js';
export { buildModelPart, qemuCpuModel, defaultCpuModel } from './cpu-model.js';
export { parseDomainCapabilities } from './domcaps.js';
export type { DomainCapabilities } from './domcaps.js';
export { expandHostModel } from './host-model.js';
export { checkLibvirtVersion } from './check-version.js';
export { spellLibvirtChange } from './spell.js';
export {
  LATEST_LIBVIRT,
  LIBVIRT_CHANGES,
  compareLibvirtVersions,
  formatLibvirtVersion,
  isAtLeast,
  libvirtKnows,
  libvirtSince,
  parseLibvirtVersion,
} from './versions.js';
export type { LibvirtVersion } from './versions.js';
export { LIBVIRT_SAYS, LIBVIRT_LIMITS } from './messages.js';
export { libvirtFormat } from './format.js';
