/**
 * Names that begin like a Hyper-V property and are none. Every hv- spelling lives in the catalog
 * (the features' own in their entries), these too, each with its source, so that a reader that
 * meets one can tell it from an enlightenment.
 */
import { cite } from './sources.js';
import type { Cite } from './sources.js';

/**
 * virtinst's `--cpu` special mode SPECIAL_MODE_HV_DEFAULT ("Hypervisor default" in virt-manager):
 * the domain gets no `<cpu>` at all, and so the hypervisor's default CPU. virtinst keeps its
 * special modes as stable command-line API (domain/cpu.py).
 */
export const VIRTINST_CPU_HYPERVISOR_DEFAULT: { readonly value: string; readonly cites: readonly Cite[] } = {
  value: 'hv-default',
  cites: cite('virtinstCpu'),
};
