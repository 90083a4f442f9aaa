import { ruleTable } from './table.js';

const win10 = { time: true, relaxed: true, vapic: true, vpindex: true, synic: true, stimer: true } as const;

ruleTable('host: CPU vendor', [
  { name: 'evmcs on an AMD host', features: { vapic: true, evmcs: true }, options: { cpuVendor: 'amd' }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: true, severity: 'error', feature: 'evmcs', says: /AMD/, fixes: true },
  { name: 'evmcs on AMD from a probe file', features: { vapic: true, evmcs: true }, options: { host: { vendor: 'amd', source: 'host.json' } }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: true },
  { name: 'evmcs on an Intel host', features: { vapic: true, evmcs: true }, options: { cpuVendor: 'intel' }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: false },
  { name: 'evmcs with the vendor unknown', features: { vapic: true, evmcs: true }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: false },
  { name: 'evmcs turned off on AMD', features: { vapic: true, evmcs: false }, options: { cpuVendor: 'amd' }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: false },
  { name: 'emsr-bitmap on AMD (works on both)', features: { 'emsr-bitmap': true }, options: { cpuVendor: 'amd' }, code: 'HOST_VENDOR_UNSUPPORTED', trigger: false },
]);

ruleTable('host: capabilities', [
  { name: 'avic without APICv', features: { avic: true }, options: { host: { apicv: false } }, code: 'HOST_LACKS_CAPABILITY', trigger: true, severity: 'warning', feature: 'avic', says: /APICv\/AVIC/, fixes: true },
  { name: 'avic on an AMD host without AVIC', features: { avic: true }, options: { cpuVendor: 'amd', host: { apicv: false } }, code: 'HOST_LACKS_CAPABILITY', trigger: true, says: /AVIC/ },
  { name: 'avic with APICv on', features: { avic: true }, options: { host: { apicv: true } }, code: 'HOST_LACKS_CAPABILITY', trigger: false },
  { name: 'avic with APICv unknown', features: { avic: true }, options: { cpuVendor: 'intel' }, code: 'HOST_LACKS_CAPABILITY', trigger: false },
  { name: 'time on an hpet clocksource', features: { time: true }, options: { host: { clocksource: 'hpet' } }, code: 'HOST_LACKS_CAPABILITY', trigger: true, severity: 'warning', feature: 'time', says: /tsc/, fixes: false },
  { name: 'time on a tsc clocksource', features: { time: true }, options: { host: { clocksource: 'tsc' } }, code: 'HOST_LACKS_CAPABILITY', trigger: false },
  { name: 'evmcs without nested virtualization', features: { vapic: true, evmcs: true }, options: { host: { vendor: 'intel', nested: false } }, code: 'HOST_LACKS_CAPABILITY', trigger: true, feature: 'evmcs', says: /nested/, fixes: true },
  { name: 'evmcs with nesting on', features: { vapic: true, evmcs: true }, options: { host: { vendor: 'intel', nested: true } }, code: 'HOST_LACKS_CAPABILITY', trigger: false },
  { name: 'tlbflush on a CPU without AVX2', features: { vpindex: true, tlbflush: true }, options: { host: { modernCpu: false } }, code: 'HOST_LACKS_CAPABILITY', trigger: true, feature: 'tlbflush', says: /blue/, fixes: true },
  { name: 'tlbflush on a CPU with AVX2', features: { vpindex: true, tlbflush: true }, options: { host: { modernCpu: true } }, code: 'HOST_LACKS_CAPABILITY', trigger: false },
]);

ruleTable("host: KVM's Hyper-V support", [
  { name: 'a KVM without Hyper-V', features: win10, options: { host: { kvmHyperv: { supported: false } } }, code: 'HOST_LACKS_FEATURE', trigger: true, severity: 'error', feature: 'stimer', says: /no Hyper-V emulation/, fixes: true },
  { name: 'a feature KVM does not list', features: win10, options: { host: { kvmHyperv: { supported: true, features: ['relaxed', 'vapic', 'time', 'vpindex', 'synic'] } } }, code: 'HOST_LACKS_FEATURE', trigger: true, feature: 'stimer', says: /not among/ },
  { name: 'every feature listed', features: win10, options: { host: { kvmHyperv: { supported: true, features: ['relaxed', 'vapic', 'time', 'vpindex', 'synic', 'stimer'] } } }, code: 'HOST_LACKS_FEATURE', trigger: false },
  { name: 'support unknown', features: win10, options: { host: { kvmHyperv: {} } }, code: 'HOST_LACKS_FEATURE', trigger: false },
  { name: 'only a vendor id on a KVM without Hyper-V', features: { 'vendor-id': 'KVM Hv' }, options: { host: { kvmHyperv: { supported: false } } }, code: 'HOST_LACKS_FEATURE', trigger: false },
]);
