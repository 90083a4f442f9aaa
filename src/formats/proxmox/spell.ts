/**
 * How messages name features for a Proxmox configuration: qemu-server writes QEMU's legacy
 * spelling (the catalog's `qemu.legacy`, with `=VALUE`, and `kvm=off`), and a fix says which line changes.
 */
import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import { printQemuItem } from '../../syntax/qemu-cpu/print.js';
import { CPU_KEYS, howGiven, VM_HV_FLAGS } from './express.js';

export function spellProxmox(feature: FeatureId, value?: FeatureValue): string {
  return value === undefined ? CATALOG[feature].qemu.legacy : printQemuItem(feature, value, 'legacy');
}

/** Fix words: the cpu: line change, or where the feature comes from. */
export function spellProxmoxChange(feature: FeatureId, value: FeatureValue | null, derived = false): string {
  const flag = VM_HV_FLAGS[feature];
  // A flag the ostype gives (hv_evmcs for win11) goes only with -FLAG.
  if (flag && value === null && derived) return `add -${flag} to cpu: flags=`;
  if (flag)
    return value === null
      ? `remove ${flag} from cpu: flags=`
      : `add ${value === false ? '-' : '+'}${flag} to cpu: flags=`;
  const key = CPU_KEYS[feature];
  if (key === 'hidden') return value === true ? 'set cpu: hidden=1' : 'remove hidden= from cpu:';
  if (key) return value === null ? `remove ${key}= from cpu:` : `set cpu: ${key}=${String(value)}`;
  const name = CATALOG[feature].qemu.legacy;
  return value === null || value === false
    ? `${name} comes with ${howGiven(feature)}: remove it there`
    : `${name} comes with ${howGiven(feature)}`;
}
