import type { Diagnostic } from '../diagnostics/index.js';
import type { FormatId, ParsedConfig } from '../formats/types.js';
import type { HostFacts } from '../model/host-facts.js';
import type { Target } from './target.js';

/** What the user told us about the guest, host and target; later rules read more of it. */
export interface CheckOptions {
  /** libosinfo short id of the guest OS (`win10`, `win2k22`, `linux`). */
  os?: string;
  cpuVendor?: 'intel' | 'amd';
  migratable?: boolean;
  qemuVersion?: string;
  libvirtVersion?: string;
  machine?: string;
  /** What is known about the host; cpuVendor, when given, wins over host.vendor. */
  host?: HostFacts;
  /** The guest runs a hypervisor itself: Hyper-V, WSL2 or VBS. */
  nestedHyperv?: boolean;
  /** A GPU is passed through to the guest. */
  gpuPassthrough?: boolean;
  /** The host runs more vCPUs than it has CPUs. */
  overcommitted?: boolean;
  /** The syntax the set is meant for, when it is not the input's (json written for libvirt). */
  target?: FormatId;
}

export interface RuleContext {
  config: ParsedConfig;
  options: CheckOptions;
  /** The target the options and the configuration give, worked out once by checkConfig for every rule (`ruleTarget`). */
  target?: Target;
}

/** A check driven by catalog properties. */
export interface Rule {
  id: string;
  run(ctx: RuleContext): Diagnostic[];
}
