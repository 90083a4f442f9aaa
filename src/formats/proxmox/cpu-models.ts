/**
 * CPU facts qemu-server uses to build `-cpu`, restated from proxmox/qemu-server @e6352be6
 * (src/PVE/QemuServer/CPUConfig.pm and CPUFlags.pm; no code copied):
 * - the vendor each named model reports (`initialize_cpu_models`'s fallback table: Intel models,
 *   AMD models `athlon`, `phenom`, `Opteron_G*`, `EPYC*`, and generic models that take the host's);
 * - the built-in x86-64-vN models (`$builtin_models_by_arch`): reported as qemu64 plus flags;
 * - the deprecated names it maps (`$depreacated_cpu_map`);
 * - the flags a VM's own `cpu: flags=` may hold (`CPUFlags.pm` `$supported_vm_specific_cpu_flags_by_arch`);
 * - custom models from `/etc/pve/virtual-guest/cpu-models.conf` (section config, `cpu-model: NAME`
 *   then indented `key value` lines), read by `load_custom_cpu_model_config`/`get_custom_model`.
 */
import { CATALOG } from '../../catalog/index.js';

/** Models that take the host's vendor (no `vendor=` item). */
const GENERIC = new Set(['kvm32', 'kvm64', 'qemu32', 'qemu64', 'max', 'host']);

/** The vendor qemu-server adds as `vendor=` for a model, or undefined for a generic one. */
export function modelVendor(model: string): string | undefined {
  if (GENERIC.has(model)) return undefined;
  if (/^(athlon|phenom|Opteron_G\d|EPYC)/.test(model)) return 'AuthenticAMD';
  return 'GenuineIntel';
}

/** CPUConfig.pm `$builtin_models_by_arch` (x86_64): reported as qemu64 with these flags. */
export const BUILTIN_MODELS: Readonly<Record<string, string>> = {
  'x86-64-v2': '+popcnt;+pni;+sse4.1;+sse4.2;+ssse3',
  'x86-64-v2-AES': '+aes;+popcnt;+pni;+sse4.1;+sse4.2;+ssse3',
  'x86-64-v3': '+aes;+popcnt;+pni;+sse4.1;+sse4.2;+ssse3;+avx;+avx2;+bmi1;+bmi2;+f16c;+fma;+abm;+movbe;+xsave',
  'x86-64-v4':
    '+aes;+popcnt;+pni;+sse4.1;+sse4.2;+ssse3;+avx;+avx2;+bmi1;+bmi2;+f16c;+fma;+abm;+movbe;+xsave;+avx512f;+avx512bw;+avx512cd;+avx512dq;+avx512vl',
};

/** CPUConfig.pm `$depreacated_cpu_map`. */
export const DEPRECATED_MODELS: Readonly<Record<string, string>> = {
  'Icelake-Client': 'Icelake-Server',
  'Icelake-Client-noTSX': 'Icelake-Server-noTSX',
};

/** CPUFlags.pm: the flags a VM's `cpu: flags=` may hold (x86_64). */
export const VM_FLAGS = [
  'nested-virt',
  'md-clear',
  'pcid',
  'spec-ctrl',
  'ssbd',
  'ibpb',
  'virt-ssbd',
  'amd-ssbd',
  'amd-no-ssb',
  'pdpe1gb',
  CATALOG.tlbflush.qemu.name,
  CATALOG.evmcs.qemu.name,
  'aes',
];

/** CPUFlags.pm's descriptions of the two Hyper-V flags a VM may set, quoted. */
export const VM_FLAG_NOTES: Readonly<Record<string, string>> = {
  [CATALOG.tlbflush.qemu.name]:
    'Improve performance in overcommitted Windows guests. May lead to guest bluescreens on old CPUs.',
  [CATALOG.evmcs.qemu.name]: 'Improve performance for nested virtualization. Only supported on Intel CPUs.',
};

/** One custom model of cpu-models.conf. */
export interface CustomModel {
  name: string;
  props: Record<string, string>;
}

/** Reads cpu-models.conf: `cpu-model: NAME` headers, then `key value` lines indented below. */
export function readCpuModels(text: string): Map<string, CustomModel> {
  const out = new Map<string, CustomModel>();
  let current: CustomModel | undefined;
  for (const line of text.split('\n')) {
    const header = /^cpu-model:\s*(\S+)\s*$/.exec(line);
    if (header) {
      current = { name: header[1]!, props: {} };
      out.set(current.name, current);
      continue;
    }
    const prop = /^\s+(\S+)\s+(.*?)\s*$/.exec(line);
    if (prop && current) current.props[prop[1]!] = prop[2]!;
    else if (!/^\s*(#.*)?$/.test(line)) current = undefined;
  }
  return out;
}
