import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { DomainCapabilities } from './domcaps.js';
import type { CpuFacts, CpuFeatureFact, DomainFacts } from './read-domain.js';

/**
 * libvirt's names for CPU features that QEMU spells differently (virQEMUCapsCPUFeaturesX86 in
 * qemu_capabilities.c); every other name is passed as is.
 */
const QEMU_FEATURE_NAMES: Readonly<Record<string, string>> = {
  cmp_legacy: 'cmp-legacy',
  ds_cpl: 'ds-cpl',
  fxsr_opt: 'fxsr-opt',
  kvm_pv_eoi: 'kvm-pv-eoi',
  kvm_pv_unhalt: 'kvm-pv-unhalt',
  lahf_lm: 'lahf-lm',
  nodeid_msr: 'nodeid-msr',
  pclmuldq: 'pclmulqdq',
  perfctr_core: 'perfctr-core',
  perfctr_nb: 'perfctr-nb',
  tsc_adjust: 'tsc-adjust',
};

/** The model libvirt 9.0 gives a guest without one (measured: `-cpu qemu64`, `-cpu qemu32` for i686). */
const DEFAULT_MODELS: Readonly<Record<string, string>> = { x86_64: 'qemu64', i686: 'qemu32' };

export function defaultCpuModel(arch: string | undefined): string {
  return DEFAULT_MODELS[arch ?? 'x86_64'] ?? 'qemu64';
}

/** The QEMU model name libvirt uses for the domain's `<cpu>` (host-model: the capabilities' model, if known). */
export function qemuCpuModel(facts: DomainFacts, caps?: DomainCapabilities): string | undefined {
  const cpu = facts.cpu;
  switch (effectiveMode(cpu)) {
    case 'host-passthrough':
      return 'host';
    case 'maximum':
      return 'max';
    case 'host-model':
      return caps?.hostModel?.model;
    default:
      return cpu?.model ?? defaultCpuModel(facts.arch);
  }
}

/**
 * The mode whose model part libvirt writes: `<cpu mode='custom' match='minimum'>` with a model is
 * replaced by the host's CPU before the command line is built, as host-model is (measured with
 * libvirt 9.0: `EPYC,acpi=on,...` then the domain's features).
 */
function effectiveMode(cpu: CpuFacts | undefined): string {
  const mode = cpu?.mode ?? 'custom';
  return mode === 'custom' && cpu?.match === 'minimum' && cpu.model ? 'host-model' : mode;
}

/** `<feature>` items; `optional` ones only where libvirt resolves them against the host (custom and host-model). */
function featureItems(
  features: readonly CpuFeatureFact[],
  diagnostics: Diagnostic[],
  resolvesOptional = true,
): string[] {
  const out: string[] = [];
  for (const f of features) {
    const name = QEMU_FEATURE_NAMES[f.name] ?? f.name;
    if (f.policy === 'require' || f.policy === 'force') out.push(`${name}=on`);
    else if (f.policy === 'disable' || f.policy === 'forbid') out.push(`${name}=off`);
    else if (f.policy === 'optional' && resolvesOptional) {
      diagnostics.push(
        makeDiagnostic(
          'LIBVIRT_HOST_DEPENDENT',
          `<feature policy='optional' name='${f.name}'>: libvirt writes ${name}=on or ${name}=off depending on the host; shown as ${name}=on`,
          {
            notes: ['libvirt keeps an optional feature only when the host CPU has it'],
          },
        ),
      );
      out.push(`${name}=on`);
    }
  }
  return out;
}

/**
 * The model part of -cpu as libvirt's qemuBuildCpuModelArgStr writes it: the model (host for
 * host-passthrough, max for maximum, the named, host or default model), `migratable=` where libvirt
 * adds it, `vendor=` from `<model vendor_id=>` (custom and host-model CPUs; libvirt drops it for the
 * others, measured), then the `<feature>` items in document order. An optional feature of a
 * host-passthrough or maximum CPU writes nothing (measured: `max,pmu=off`).
 */
export function buildModelPart(
  facts: DomainFacts,
  caps?: DomainCapabilities,
): { items: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cpu = facts.cpu;
  const mode = effectiveMode(cpu);
  const own = featureItems(cpu?.features ?? [], diagnostics, mode !== 'host-passthrough' && mode !== 'maximum');
  const vendor = cpu?.vendorId ? [`vendor=${cpu.vendorId}`] : [];
  switch (mode) {
    case 'host-passthrough':
      return { items: ['host', `migratable=${cpu?.migratable ?? 'on'}`, ...own], diagnostics };
    case 'maximum':
      return { items: ['max', ...(cpu?.migratable ? [`migratable=${cpu.migratable}`] : []), ...own], diagnostics };
    case 'host-model': {
      const host = caps?.hostModel;
      if (host)
        return { items: [host.model, ...vendor, ...featureItems(host.features, diagnostics), ...own], diagnostics };
      diagnostics.push(
        makeDiagnostic(
          'LIBVIRT_HOST_DEPENDENT',
          `<cpu mode='${cpu?.mode ?? 'custom'}'${cpu?.match === 'minimum' ? " match='minimum'" : ''}>: libvirt passes the host's CPU model and features (for example EPYC,acpi=on,...); shown as host`,
          {
            ...(cpu ? { span: cpu.span } : {}),
            notes: [
              'give the domain capabilities (virsh domcapabilities > caps.xml; --capabilities caps.xml) to get the exact model part',
            ],
          },
        ),
      );
      return { items: ['host', ...vendor, ...own], diagnostics };
    }
    default:
      return { items: [cpu?.model ?? defaultCpuModel(facts.arch), ...(cpu?.model ? vendor : []), ...own], diagnostics };
  }
}
