/**
 * The `-cpu` value qemu-server builds for a VM configuration, restated from proxmox/qemu-server
 * @e6352be6 (AGPL; behaviour learnt, no code copied):
 * - src/PVE/QemuServer/CPUConfig.pm `get_cpu_options` (model, custom and built-in models,
 *   `hidden`, the vendor id, `level`, the flag layers and their order, `enforce`, `kvm=off`,
 *   `vendor=`, phys-bits), `get_pve_cpu_flags` (lahf_lm, sep, x2apic, rdtscp, kvm_pv_*, cet, vmx-mbec),
 *   `get_hyperv_enlightenments` (the hv_* set per Windows version and machine version, the vendor
 *   id for GPU passthrough, no set for OVMF below Windows 8, hv_evmcs on Intel from 11.0+pve2),
 *   `resolve_cpu_flags` (later layers replace a flag of the same name) and `print_cpu_flags`
 *   (flags sorted by name, `op name=value`);
 * - src/PVE/QemuServer/PCI.pm `print_hostpci_devices` (a hostpci with `x-vga=1` sets kvm_off and
 *   gpu_passthrough);
 * - src/PVE/QemuServer.pm `config_to_command` (the node's QEMU version, the machine, the guard).
 * Expected values are qemu-server's own cfg2cmd tests (src/test/cfg2cmd/*.conf.cmd), cited per fixture.
 */
import type { FeatureId } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Span } from '../../diagnostics/index.js';
import type { CustomModel } from './cpu-models.js';
import { BUILTIN_MODELS, DEPRECATED_MODELS, modelVendor, VM_FLAGS } from './cpu-models.js';
import { VENDOR_KEY } from './express.js';
import type { MachineChoice, Version } from './machine.js';
import { atLeast, chooseMachine, versionGuard, windowsVersion } from './machine.js';

/** What the -cpu builder needs from the configuration, each with the span it came from. */
export interface CpuInputs {
  ostype?: { value: string; span: Span };
  /** The `cpu:` line's parts. */
  cpu?: {
    span: Span;
    cputype: string;
    cputypeSpan: Span;
    flags?: { entries: { text: string; span: Span }[] };
    hidden?: { value: boolean; span: Span };
    hvVendorId?: { value: string; span: Span };
    level?: { value: string; span: Span };
    physBits?: string;
    guestPhysBits?: string;
  };
  machine?: { value: string; span: Span };
  creationQemu?: string;
  bios?: { value: string; span: Span };
  /** The first hostpci line with x-vga on. */
  xvga?: Span;
  /** `kvm: 0` turns KVM off. */
  kvm?: { on: boolean; span: Span };
  arch?: string;
}

export interface CpuAssumptions {
  /** The host CPU vendor (`GenuineIntel`, `AuthenticAMD`); qemu-server reads /proc/cpuinfo. */
  hostVendor: string;
  /** The QEMU version on the node. */
  qemu: Version;
  models?: Map<string, CustomModel>;
}

/** One item of the built value and the configuration text responsible for it. */
export interface BuiltItem {
  text: string;
  origin?: Span;
  /** Why qemu-server adds it (its own reason strings, restated). */
  reason: string;
}

export interface BuiltCpu {
  /** Absent when qemu-server would refuse to start the VM (see `problems`). */
  value?: string;
  items: BuiltItem[];
  model: string;
  machine: MachineChoice;
  /** The +pve revision a guarded feature needs (qemu-server writes it into the machine type). */
  requiredRevision: number;
  windows: number;
  hypervSet: boolean;
  /** Why qemu-server would refuse: an unknown custom model, flags outside the VM list. */
  problems: { message: string; span?: Span; hint: string }[];
  /** VM-specific flags a `cpu: flags=` entry asked for, with their spans. */
  vmFlags: { name: string; op: '+' | '-'; span: Span }[];
}

interface Flag {
  op: '' | '+' | '-';
  value?: string;
  origin?: Span;
  reason: string;
}

type Layer = Map<string, Flag>;

function flagList(text: string | undefined, origin: Span | undefined, reason: string, only?: readonly string[]): Layer {
  const out: Layer = new Map();
  for (const f of (text ?? '').split(';')) {
    const m = /^([+-])([a-zA-Z0-9\-_.]+)$/.exec(f);
    if (!m || (only && !only.includes(m[2]!))) continue;
    out.set(m[2]!, { op: m[1] as '+' | '-', ...(origin ? { origin } : {}), reason });
  }
  return out;
}

/** Builds the -cpu value; never throws. */
export function buildCpu(input: CpuInputs, assume: CpuAssumptions): BuiltCpu {
  const problems: BuiltCpu['problems'] = [];
  const arch = input.arch ?? 'x86_64';
  const kvm = input.kvm ? input.kvm.on : true;
  const x86 = arch === 'x86_64';
  const win = windowsVersion(input.ostype?.value);
  const machine = chooseMachine(input.machine?.value, win > 0, input.creationQemu, assume.qemu);
  const { guard, required } = versionGuard(machine.version);
  const ostypeSpan = input.ostype?.span;
  const cpuSpan = input.cpu?.span;

  let cputype = kvm ? 'kvm64' : 'qemu64';
  let modelOrigin: Span | undefined;
  let kvmOff = input.xvga !== undefined;
  let kvmOffOrigin = input.xvga;
  let hvVendor: { value: string; origin?: Span } | undefined;
  let builtinFlags: string | undefined;
  let custom: CustomModel | undefined;
  let level: string | undefined;
  if (input.cpu) {
    cputype = input.cpu.cputype;
    modelOrigin = input.cpu.cputypeSpan;
    if (BUILTIN_MODELS[cputype]) {
      builtinFlags = BUILTIN_MODELS[cputype];
      cputype = 'qemu64';
    } else if (cputype.startsWith('custom-')) {
      custom = assume.models?.get(cputype.slice(7));
      if (!custom) {
        problems.push({
          message: `custom CPU model '${cputype.slice(7)}' is not defined${assume.models ? ' in the CPU models file' : ''}`,
          span: input.cpu.cputypeSpan,
          hint: assume.models
            ? 'define it in /etc/pve/virtual-guest/cpu-models.conf, or name a built-in model'
            : "give the cluster's /etc/pve/virtual-guest/cpu-models.conf with --companion FILE, so enlighten knows the model",
        });
      } else {
        cputype = custom.props['reported-model'] ?? 'kvm64';
        const hidden = custom.props['hidden'];
        if (hidden !== undefined && hidden !== '0') {
          kvmOff = hidden === '1';
          kvmOffOrigin = modelOrigin;
        }
        const vendorId = custom.props[VENDOR_KEY];
        if (vendorId) hvVendor = { value: vendorId, origin: modelOrigin };
        level = custom.props['level'];
      }
    }
    cputype = DEPRECATED_MODELS[cputype] ?? cputype;
    if (input.cpu.hidden) {
      kvmOff = input.cpu.hidden.value;
      kvmOffOrigin = input.cpu.hidden.span;
    }
    if (input.cpu.hvVendorId) hvVendor = { value: input.cpu.hvVendorId.value, origin: input.cpu.hvVendorId.span };
    if (input.cpu.level) level = input.cpu.level.value;
  }

  // get_pve_cpu_flags
  const pve: Layer = new Map();
  const set = (layer: Layer, name: string, flag: Flag) => layer.set(name, flag);
  if (cputype === 'kvm64' && x86)
    set(pve, 'lahf_lm', {
      op: '+',
      ...(modelOrigin ? { origin: modelOrigin } : {}),
      reason: 'to support Windows 8.1+',
    });
  if (input.ostype?.value === 'solaris')
    set(pve, 'x2apic', { op: '-', origin: ostypeSpan!, reason: 'incompatible with Solaris' });
  if (cputype === 'kvm64' || cputype === 'kvm32')
    set(pve, 'sep', { op: '+', ...(modelOrigin ? { origin: modelOrigin } : {}), reason: 'to support Windows 8+' });
  if (cputype.startsWith('Opteron'))
    set(pve, 'rdtscp', { op: '-', origin: modelOrigin!, reason: 'broken on AMD Opteron' });
  if (guard(2, 3) && kvm && x86) {
    set(pve, 'kvm_pv_unhalt', { op: '+', reason: 'to improve Linux guest spinlock performance' });
    set(pve, 'kvm_pv_eoi', { op: '+', reason: 'to improve Linux guest interrupt performance' });
  }
  if (x86 && atLeast(assume.qemu, 11, 0) && win >= 11) {
    const why = 'to avoid issues with certain Windows configurations like VBS (QEMU 11.0 or newer)';
    set(pve, 'cet-ibt', { op: '-', ...(ostypeSpan ? { origin: ostypeSpan } : {}), reason: why });
    set(pve, 'cet-ss', { op: '-', ...(ostypeSpan ? { origin: ostypeSpan } : {}), reason: why });
  }
  if (x86 && atLeast(assume.qemu, 11, 0) && cputype === 'host' && !guard(11, 0))
    set(pve, 'vmx-mbec', {
      op: '-',
      ...(modelOrigin ? { origin: modelOrigin } : {}),
      reason: 'for machine versions below 11.0',
    });

  // get_hyperv_enlightenments
  const hv: Layer = new Map();
  let hypervSet = false;
  const ovmfOld = input.bios?.value === 'ovmf' && win < 8;
  if (kvm && x86 && win >= 6 && !ovmfOld) {
    hypervSet = true;
    // qemu-server writes QEMU's legacy names (hv_relaxed), as the catalog holds them.
    const hvFlag = (
      id: FeatureId,
      value?: string,
      origin: Span | undefined = ostypeSpan,
      reason = 'automatic Hyper-V enlightenment for Windows',
    ) =>
      hv.set(CATALOG[id].qemu.legacy, { op: '', ...(value ? { value } : {}), ...(origin ? { origin } : {}), reason });
    if (input.xvga || hvVendor)
      hvFlag(
        'vendor-id',
        hvVendor?.value ?? 'proxmox',
        hvVendor ? hvVendor.origin : input.xvga,
        hvVendor
          ? `custom ${CATALOG['vendor-id'].qemu.legacy} set`
          : 'NVIDIA workaround for GPU passthrough (a hostpci with x-vga=1)',
      );
    if (guard(2, 3)) {
      hvFlag('spinlocks', '0x1fff');
      hvFlag('vapic');
      hvFlag('time');
    } else hvFlag('spinlocks', '0xffff');
    if (guard(2, 6)) {
      hvFlag('reset');
      hvFlag('vpindex');
      hvFlag('runtime');
    }
    if (win >= 7) {
      hvFlag('relaxed');
      if (guard(2, 12)) {
        hvFlag('synic');
        hvFlag('stimer');
      }
      if (guard(3, 1)) hvFlag('ipi');
    }
    if (assume.hostVendor === 'GenuineIntel' && win >= 11 && guard(11, 0, 2))
      hvFlag('evmcs', undefined, ostypeSpan, 'for Windows 11 on an Intel host, machine 11.0+pve2 or newer');
  }

  const builtin = flagList(builtinFlags, modelOrigin, 'set by the built-in CPU model');
  const customFlags = flagList(custom?.props['flags'], modelOrigin, 'set by the custom CPU model');
  const vmFlags: BuiltCpu['vmFlags'] = [];
  const vm: Layer = new Map();
  for (const e of input.cpu?.flags?.entries ?? []) {
    const m = /^([+-])([a-zA-Z0-9\-_.]+)$/.exec(e.text);
    if (!m || !(VM_FLAGS as readonly string[]).includes(m[2]!)) {
      problems.push({
        message: `'${e.text}' cannot be a VM's CPU flag: qemu-server refuses to start the VM`,
        span: e.span,
        hint: `a VM's flags= takes +FLAG or -FLAG of: ${VM_FLAGS.join(', ')}; other flags go into a custom CPU model`,
      });
      continue;
    }
    vm.set(m[2]!, { op: m[1] as '+' | '-', origin: e.span, reason: "set in the VM's cpu: flags=" });
    vmFlags.push({ name: m[2]!, op: m[1] as '+' | '-', span: e.span });
  }
  const forced: Layer = new Map();
  if (cputype !== 'host' && kvm && x86)
    forced.set('enforce', { op: '', reason: 'error if requested CPU settings not available' });
  if (kvmOff && x86)
    forced.set('kvm', {
      op: '',
      value: 'off',
      ...(kvmOffOrigin ? { origin: kvmOffOrigin } : {}),
      reason: 'hide KVM virtualization from guest',
    });
  const vendor = modelVendor(cputype);
  if (x86 && vendor)
    forced.set('vendor', {
      op: '',
      value: vendor,
      ...(modelOrigin ? { origin: modelOrigin } : {}),
      reason: "the model's vendor",
    });

  // resolve_cpu_flags: a later layer replaces a flag of the same name when op or value differ.
  const flags: Layer = new Map();
  for (const layer of [pve, hv, builtin, customFlags, vm, forced]) {
    for (const [name, flag] of layer) {
      const old = flags.get(name);
      if (old && old.op === flag.op && old.value === flag.value) continue;
      flags.set(name, flag);
    }
  }
  const items: BuiltItem[] = [
    { text: cputype, ...(modelOrigin ? { origin: modelOrigin } : {}), reason: 'the CPU model' },
  ];
  if (level !== undefined && x86)
    items.push({ text: `level=${level}`, ...(cpuSpan ? { origin: cpuSpan } : {}), reason: 'cpu: level=' });
  const names = [...flags.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const f = flags.get(name)!;
    items.push({
      text: `${f.op}${name}${f.value ? `=${f.value}` : ''}`,
      ...(f.origin ? { origin: f.origin } : {}),
      reason: f.reason,
    });
  }
  for (const opt of ['guest-phys-bits', 'phys-bits'] as const) {
    let text: string | undefined;
    for (const v of [custom?.props[opt], opt === 'phys-bits' ? input.cpu?.physBits : input.cpu?.guestPhysBits]) {
      if (!v) continue;
      text = v === 'host' ? 'host-phys-bits=true' : `${opt}=${v}`;
    }
    if (text) items.push({ text, ...(cpuSpan ? { origin: cpuSpan } : {}), reason: `cpu: ${opt}=` });
  }
  const blocked = problems.length > 0;
  return {
    ...(blocked ? {} : { value: items.map((i) => i.text).join(',') }),
    items,
    model: cputype,
    machine,
    requiredRevision: required(),
    windows: win,
    hypervSet,
    problems,
    vmFlags,
  };
}
