/**
 * The target a configuration is checked against, resolved once from the options and the input:
 * host facts, QEMU and libvirt versions, the machine type, migratability and the output syntax.
 */
import type { ConfigContext, FormatId, GuestOsFact, TscFrequencyByPlatform } from '../formats/types.js';
import type { OsEntry } from '../model/os-table.js';
import { findOs, findOsByLibosinfoId } from '../model/os-table.js';
import type { HostFacts } from '../model/host-facts.js';
import { machineQemuVersion } from './target-versions.js';
import type { CheckOptions, RuleContext } from './types.js';

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
  /** The platform pins the TSC frequency where it can (a KubeVirt VMI). */
  tscFrequencyByPlatform?: TscFrequencyByPlatform;
  /** The syntax names are shown in, and whose limits apply. */
  syntax: FormatId;
  /** How that syntax names fields in the input's kind of document (`ConfigContext.spelling`), when the input is in it. */
  spelling: string | undefined;
  nestedHyperv: boolean;
  gpuPassthrough: boolean;
  overcommitted: boolean;
}

/** The guest a configuration is checked for, and where that came from. */
export interface GuestChoice {
  os: OsEntry;
  /** `option`: CheckOptions.os (--os); `libosinfo`: the domain's libosinfo metadata; `virt-install`: its --osinfo. */
  source: 'option' | 'libosinfo' | 'virt-install' | 'config';
  /** For `config`: where the configuration names it. */
  says?: string;
  /** The libosinfo id (or virt-install's short id), when the guest came from the configuration. */
  libosinfo?: string;
}

/** The guest: the `os` option wins; else the one the configuration names (a domain's libosinfo metadata), when the OS table knows it. */
export function resolveGuest(options: CheckOptions, context: ConfigContext): GuestChoice | undefined {
  if (options.os) {
    const os = findOs(options.os);
    return os ? { os, source: 'option' } : undefined;
  }
  const named = context.guestOs;
  if (!named) return undefined;
  const os = guestOsEntry(named);
  return os
    ? { os, source: named.source, libosinfo: named.libosinfo, ...(named.says ? { says: named.says } : {}) }
    : undefined;
}

/** The OS table entry of the guest a configuration names: a libosinfo URI, or a short id (virt-install --osinfo win11). */
export function guestOsEntry(named: GuestOsFact): OsEntry | undefined {
  return named.libosinfo.includes('://') ? findOsByLibosinfoId(named.libosinfo) : findOs(named.libosinfo);
}

/** True when two entries are the same guest for enlighten (every Linux distribution is Linux). */
export function sameGuest(a: OsEntry, b: OsEntry): boolean {
  return a.id === b.id || (a.family === 'linux' && b.family === 'linux');
}

export function resolveTarget(options: CheckOptions, context: ConfigContext, format: FormatId): Target {
  const vendor = options.cpuVendor ?? options.host?.vendor;
  const host: HostFacts | undefined =
    options.host || vendor ? { ...options.host, ...(vendor ? { vendor } : {}) } : undefined;
  const machine = options.machine ?? context.machine;
  const os = resolveGuest(options, context)?.os;
  const migratableBecause = options.migratable
    ? '--migratable was given'
    : context.migratable
      ? 'the domain is marked migratable'
      : undefined;
  // Every field is there, undefined where there is nothing to say: one shape for every file, so
  // the rules that read a target see one hidden class (a shape per combination of fields made
  // their property loads polymorphic in an audit of mixed files).
  return {
    host,
    os,
    qemuVersion: options.qemuVersion || undefined,
    libvirtVersion: options.libvirtVersion || undefined,
    machine: machine || undefined,
    machineQemu: machineQemuVersion(machine),
    migratable: migratableBecause !== undefined,
    migratableBecause,
    tscFrequency: context.tscFrequency || undefined,
    tscFrequencyByPlatform: context.tscFrequencyByPlatform || undefined,
    syntax: options.target ?? format,
    spelling: options.target && options.target !== format ? undefined : context.spelling,
    nestedHyperv: options.nestedHyperv === true,
    gpuPassthrough: options.gpuPassthrough === true,
    overcommitted: options.overcommitted === true,
  };
}

/** The rule's target: the one checkConfig worked out for all rules, or worked out now for a rule run alone. */
export function ruleTarget({ target, options, config }: RuleContext): Target {
  return target ?? resolveTarget(options, config.context, config.format);
}
