/**
 * The target a configuration is checked against, resolved once from the options and the input:
 * host facts, QEMU and libvirt versions, the machine type, migratability and the output syntax.
 */
import type { ConfigContext, FormatId } from '../formats/types.js';
import type { OsEntry } from '../model/os-table.js';
import { findOs } from '../model/os-table.js';
import type { HostFacts } from './host-facts.js';
import { machineQemuVersion } from './target-versions.js';
import type { CheckOptions } from './types.js';

export interface Target {
  host?: HostFacts;
  os?: OsEntry;
  qemuVersion?: string;
  libvirtVersion?: string;
  machine?: string;
  /** The QEMU version a versioned machine type is pinned to. */
  machineQemu: string | null;
  migratable: boolean;
  /** Why the VM counts as migratable, for messages. */
  migratableBecause?: string;
  tscFrequency?: number;
  /** The syntax names are shown in, and whose limits apply. */
  syntax: FormatId;
  nestedHyperv: boolean;
  gpuPassthrough: boolean;
  overcommitted: boolean;
}

export function resolveTarget(options: CheckOptions, context: ConfigContext, format: FormatId): Target {
  const vendor = options.cpuVendor ?? options.host?.vendor;
  const host: HostFacts | undefined = options.host || vendor ? { ...options.host, ...(vendor ? { vendor } : {}) } : undefined;
  const machine = options.machine ?? context.machine;
  const os = options.os ? findOs(options.os) : undefined;
  const migratableBecause = options.migratable ? '--migratable was given' : context.migratable ? 'the domain is marked migratable' : undefined;
  return {
    ...(host ? { host } : {}),
    ...(os ? { os } : {}),
    ...(options.qemuVersion ? { qemuVersion: options.qemuVersion } : {}),
    ...(options.libvirtVersion ? { libvirtVersion: options.libvirtVersion } : {}),
    ...(machine ? { machine } : {}),
    machineQemu: machineQemuVersion(machine),
    migratable: migratableBecause !== undefined,
    ...(migratableBecause ? { migratableBecause } : {}),
    ...(context.tscFrequency ? { tscFrequency: context.tscFrequency } : {}),
    syntax: options.target ?? format,
    nestedHyperv: options.nestedHyperv === true,
    gpuPassthrough: options.gpuPassthrough === true,
    overcommitted: options.overcommitted === true,
  };
}
