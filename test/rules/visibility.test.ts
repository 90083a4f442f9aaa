import { ruleTable } from './table.js';

ruleTable('visibility: identification', [
  {
    name: 'a vendor id alone',
    features: { 'vendor-id': 'KVM Hv' },
    code: 'IDENTIFICATION_OFF',
    trigger: true,
    severity: 'warning',
    says: /does not turn Hyper-V identification on/,
  },
  {
    name: 'a version alone',
    features: { 'version-id-build': 7100 },
    code: 'IDENTIFICATION_OFF',
    trigger: true,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'a vendor id with spinlocks at the default',
    features: { 'vendor-id': 'KVM Hv', spinlocks: 0xffffffff },
    code: 'IDENTIFICATION_OFF',
    trigger: true,
  },
  {
    name: 'a vendor id with relaxed',
    features: { 'vendor-id': 'KVM Hv', relaxed: true },
    code: 'IDENTIFICATION_OFF',
    trigger: false,
  },
  {
    name: 'a vendor id with spinlocks 8191',
    features: { 'vendor-id': 'KVM Hv', spinlocks: 8191 },
    code: 'IDENTIFICATION_OFF',
    trigger: false,
  },
  { name: 'relaxed alone', features: { relaxed: true }, code: 'IDENTIFICATION_OFF', trigger: false },
]);

ruleTable('visibility: Linux and the vendor id', [
  {
    name: 'KVM Hv on a Linux guest',
    features: { relaxed: true, 'vendor-id': 'KVM Hv' },
    options: { os: 'linux' },
    code: 'GUEST_WILL_NOT_DETECT',
    trigger: true,
    severity: 'warning',
    says: /Microsoft Hv/,
    fixes: true,
  },
  {
    name: 'KVM Hv on a distribution id',
    features: { relaxed: true, 'vendor-id': 'KVM Hv' },
    options: { os: 'fedora39' },
    code: 'GUEST_WILL_NOT_DETECT',
    trigger: true,
  },
  {
    name: 'Microsoft Hv on Linux',
    features: { relaxed: true, 'vendor-id': 'Microsoft Hv' },
    options: { os: 'linux' },
    code: 'GUEST_WILL_NOT_DETECT',
    trigger: false,
  },
  {
    name: 'KVM Hv on Windows',
    features: { relaxed: true, 'vendor-id': 'KVM Hv' },
    options: { os: 'win10' },
    code: 'GUEST_WILL_NOT_DETECT',
    trigger: false,
  },
  {
    name: 'KVM Hv on Linux without identification',
    features: { 'vendor-id': 'KVM Hv' },
    options: { os: 'linux' },
    code: 'GUEST_WILL_NOT_DETECT',
    trigger: false,
  },
]);

ruleTable('visibility: passthrough', [
  {
    name: 'passthrough next to explicit features',
    features: { relaxed: true, evmcs: false },
    mode: 'passthrough',
    code: 'PASSTHROUGH_IGNORES_FEATURES',
    trigger: true,
    severity: 'warning',
    feature: 'passthrough',
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'passthrough alone',
    features: {},
    mode: 'passthrough',
    code: 'PASSTHROUGH_IGNORES_FEATURES',
    trigger: false,
  },
  {
    name: 'explicit features without passthrough',
    features: { relaxed: true },
    code: 'PASSTHROUGH_IGNORES_FEATURES',
    trigger: false,
  },
]);
