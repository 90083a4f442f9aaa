import type { XmlEditor, XmlElement, XmlElementSpec } from '../../syntax/xml/index.js';
import { getChildElements } from '../../syntax/xml/index.js';

/**
 * Where libvirt writes elements (virDomainDefFormat order), so that a new element lands before
 * the first sibling libvirt writes after it. Only the order matters, not validity: the schema
 * takes these in any order.
 */
const TAIL = [
  'seclabel',
  'keywrap',
  'launchSecurity',
  'qemu:commandline',
  'qemu:override',
  'qemu:capabilities',
  'qemu:deprecation',
];
const AFTER_DEVICES = TAIL;
const AFTER_CLOCK = ['on_poweroff', 'on_reboot', 'on_crash', 'on_lockfailure', 'pm', 'perf', 'devices', ...TAIL];
const AFTER_FEATURES = ['cpu', 'clock', ...AFTER_CLOCK];
/** `<features>` children libvirt writes after `<hyperv>`. */
const AFTER_HYPERV = [
  'kvm',
  'xen',
  'pvspinlock',
  'capabilities',
  'pmu',
  'vmport',
  'gic',
  'smm',
  'ioapic',
  'hpt',
  'vmcoreinfo',
  'htm',
  'nested-hv',
  'msrs',
  'ccf-assist',
  'cfpc',
  'sbbc',
  'ibs',
  'tcg',
  'async-teardown',
  'ras',
  'ps2',
  'aia',
];

/** `<features>` children libvirt writes after `<kvm>`. */
const AFTER_KVM = AFTER_HYPERV.slice(AFTER_HYPERV.indexOf('kvm') + 1);

export const PLACE = {
  features: AFTER_FEATURES,
  clock: AFTER_CLOCK,
  devices: AFTER_DEVICES,
  hyperv: AFTER_HYPERV,
  kvm: AFTER_KVM,
} as const;

/** Inserts `spec` into `parent` before the first child named in `after` (or last). */
export function insertBeforeAny(
  editor: XmlEditor,
  parent: XmlElement,
  spec: XmlElementSpec,
  after: readonly string[],
): void {
  const next = getChildElements(parent).find((c) => after.includes(c.name));
  if (next) editor.insertBefore(next, spec);
  else editor.appendChild(parent, spec);
}

/**
 * Inserts `spec` into `parent` in order: before the first child whose rank is higher than `rank`
 * (children without a rank, and removed ones, are passed over), else last.
 */
export function insertByRank(
  editor: XmlEditor,
  parent: XmlElement,
  spec: XmlElementSpec,
  rank: number,
  rankOf: (el: XmlElement) => number | undefined,
  removed: ReadonlySet<XmlElement>,
): void {
  const next = getChildElements(parent).find((c) => !removed.has(c) && (rankOf(c) ?? -1) > rank);
  if (next) editor.insertBefore(next, spec);
  else editor.appendChild(parent, spec);
}
