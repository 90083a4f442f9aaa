import type { Diagnostic } from '../diagnostics/index.js';
import type { ParsedConfig } from '../formats/types.js';

/** What the user told us about the guest, host and target; later rules read more of it. */
export interface CheckOptions {
  /** libosinfo short id of the guest OS (`win10`, `win2k22`, `linux`). */
  os?: string;
  cpuVendor?: 'intel' | 'amd';
  migratable?: boolean;
  qemuVersion?: string;
  libvirtVersion?: string;
  machine?: string;
}

export interface RuleContext {
  config: ParsedConfig;
  options: CheckOptions;
}

/** A check driven by catalog properties. */
export interface Rule {
  id: string;
  run(ctx: RuleContext): Diagnostic[];
}
