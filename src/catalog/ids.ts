/**
 * Every feature id. The catalog's links between entries (`requires`, `parentFeature`, ...) are typed
 * with `FeatureId`, so the compiler checks them; `table.ts` checks that each id has exactly one entry.
 */
/**
 * The order enlighten prints features in: libvirt's (qemuBuildCpuCommandLine: hv-time from the timer,
 * hv-passthrough, the virDomainHyperv enum order with stimer-direct after stimer and tlbflush
 * direct/extended after tlbflush, then hv-crash from the panic device, then kvm=off from <kvm><hidden>),
 * then what libvirt cannot express.
 * Source: libvirt src/qemu/qemu_command.c @ c181c7dd and the .args files of its tests/qemuxmlconftest.c.
 */
export const PRINT_ORDER = [
  'time',
  'passthrough',
  'relaxed',
  'vapic',
  'spinlocks',
  'vpindex',
  'runtime',
  'synic',
  'stimer',
  'stimer-direct',
  'reset',
  'vendor-id',
  'frequencies',
  'reenlightenment',
  'tlbflush',
  'tlbflush-direct',
  'tlbflush-ext',
  'ipi',
  'evmcs',
  'avic',
  'emsr-bitmap',
  'xmm-input',
  'crash',
  'kvm-hidden',
  'syndbg',
  'no-nonarch-coresharing',
  'enforce-cpuid',
  'version-id-build',
  'version-id-major',
  'version-id-minor',
  'version-id-spack',
  'version-id-sbranch',
  'version-id-snumber',
  'x-max-vps',
  'x-synic-kvm-only',
] as const;

/** A catalog entry's id: `relaxed`, `stimer-direct`, `kvm-hidden`, ... */
export type FeatureId = (typeof PRINT_ORDER)[number];
