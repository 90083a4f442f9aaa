import { describe, expect, it } from 'vitest';
import { checkIn, makeSet } from './syntaxes.js';
import { ruleTable } from './table.js';

const base = {
  time: true,
  relaxed: true,
  vapic: true,
  spinlocks: 8191,
  vpindex: true,
  runtime: true,
  synic: true,
} as const;

ruleTable('guest advice: Windows', [
  {
    name: 'no stimer on Windows 10',
    features: base,
    options: { os: 'win10' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    severity: 'warning',
    feature: 'stimer',
    says: /idle/,
    fixes: true,
  },
  {
    name: 'no stimer on Server 2022',
    features: base,
    options: { os: 'win2k22' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'stimer',
  },
  {
    name: 'stimer on Windows 10',
    features: { ...base, stimer: true },
    options: { os: 'win10' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
  {
    name: 'no stimer on Windows 7 (advice is for 10 and later)',
    features: base,
    options: { os: 'win7' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
  { name: 'no stimer, no --os', features: base, code: 'RECOMMENDED_FEATURE_MISSING', trigger: false },
  {
    name: 'stimer turned off on purpose is only noted',
    features: { ...base, stimer: false },
    options: { os: 'win11' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    severity: 'info',
    feature: 'stimer',
    fixes: false,
  },
  {
    name: 'no relaxed on Windows 7',
    features: { time: true },
    options: { os: 'win7' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'relaxed',
    says: /watchdog/,
  },
  {
    name: 'no hypervclock on Windows 10',
    features: { relaxed: true },
    options: { os: 'win10' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'time',
    says: /17,600/,
  },
  {
    name: 'nothing on Windows XP',
    features: {},
    options: { os: 'winxp' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
  {
    name: 'nothing for Linux',
    features: {},
    options: { os: 'linux' },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
  {
    name: 'no stimer on a host whose KVM lacks it',
    features: base,
    options: {
      os: 'win10',
      host: { kvmHyperv: { supported: true, features: ['time', 'relaxed', 'vapic', 'vpindex', 'runtime', 'synic'] } },
    },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
]);

ruleTable('guest advice: nested-only features', [
  {
    name: 'evmcs on Windows 10 without nested Hyper-V',
    features: { ...base, evmcs: true },
    options: { os: 'win10' },
    code: 'NESTED_ONLY_FEATURE',
    trigger: true,
    severity: 'warning',
    feature: 'evmcs',
    says: /posted interrupts/,
    fixes: true,
  },
  {
    name: 'evmcs with --nested-hyperv',
    features: { ...base, evmcs: true },
    options: { os: 'win10', nestedHyperv: true },
    code: 'NESTED_ONLY_FEATURE',
    trigger: false,
  },
  { name: 'evmcs without --os', features: { ...base, evmcs: true }, code: 'NESTED_ONLY_FEATURE', trigger: false },
  {
    name: 'emsr-bitmap without nested Hyper-V is only noted',
    features: { 'emsr-bitmap': true },
    options: { os: 'win11' },
    code: 'NESTED_ONLY_FEATURE',
    trigger: true,
    severity: 'info',
    fixes: false,
  },
]);

ruleTable('guest advice: workloads', [
  {
    name: 'no spinlocks when overcommitted',
    features: { relaxed: true },
    options: { overcommitted: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'spinlocks',
    says: /0xfff/,
    fixes: true,
  },
  {
    name: 'spinlocks 8191 when overcommitted',
    features: { relaxed: true, spinlocks: 8191, vpindex: true, tlbflush: true, ipi: true },
    options: { overcommitted: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
  {
    name: 'no tlbflush when overcommitted',
    features: { relaxed: true, spinlocks: 8191, vpindex: true, ipi: true },
    options: { overcommitted: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'tlbflush',
  },
  {
    name: 'no stimer-direct for nested Hyper-V',
    features: { ...base, stimer: true },
    options: { os: 'win11', nestedHyperv: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'stimer-direct',
    severity: 'warning',
  },
  {
    name: 'no vendor id for GPU passthrough on Windows',
    features: { ...base, stimer: true },
    options: { os: 'win10', gpuPassthrough: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'vendor-id',
    severity: 'warning',
  },
  {
    name: 'KVM visible for GPU passthrough on Windows',
    features: { ...base, stimer: true, 'vendor-id': '1234567890ab' },
    options: { os: 'win10', gpuPassthrough: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: true,
    feature: 'kvm-hidden',
    severity: 'warning',
  },
  {
    name: 'a vendor id for GPU passthrough on Linux',
    features: {},
    options: { os: 'linux', gpuPassthrough: true },
    code: 'RECOMMENDED_FEATURE_MISSING',
    trigger: false,
  },
]);

describe('guest advice: the fix brings only what the advised feature needs', () => {
  it('spinlocks alone, next to a stimer that lacks its own dependencies', () => {
    const found = checkIn('json', makeSet({ relaxed: true, stimer: true }), { os: 'win11' })!;
    const d = found.find((x) => x.code === 'RECOMMENDED_FEATURE_MISSING' && x.feature === 'spinlocks')!;
    expect(d.fix!.changes).toEqual([{ feature: 'spinlocks', value: 8191 }]);
  });

  it('stimer with synic and vpindex, which it needs', () => {
    const found = checkIn('json', makeSet({ time: true, relaxed: true, spinlocks: 8191 }), { os: 'win10' })!;
    const d = found.find((x) => x.code === 'RECOMMENDED_FEATURE_MISSING' && x.feature === 'stimer')!;
    expect(d.fix!.changes.map((c) => c.feature).sort()).toEqual(['stimer', 'synic', 'vpindex']);
  });
});
