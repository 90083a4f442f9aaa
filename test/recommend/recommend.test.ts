import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { enabledFeatures, getValue, isOn } from '../../src/model/index.js';
import { compareWithPeer } from '../../src/recommend/compare.js';
import { OS_TABLE, findOs } from '../../src/model/os-table.js';
import { PEERS, findPeer } from '../../src/recommend/peers.js';
import { recommend } from '../../src/recommend/recommend.js';

const on = (r: ReturnType<typeof recommend>) => enabledFeatures(r.set);
const choice = (r: ReturnType<typeof recommend>, id: FeatureId) => r.choices.find((c) => c.feature === id)!;

describe('the OS table', () => {
  it.each([
    'winxp',
    'win7',
    'win8.1',
    'win10',
    'win11',
    'win2k3',
    'win2k8r2',
    'win2k12r2',
    'win2k16',
    'win2k19',
    'win2k22',
    'win2k25',
    'linux',
  ])('knows %s', (id) => {
    expect(findOs(id)?.id).toBe(id);
  });
  it('maps distribution ids to Linux, and nothing else', () => {
    expect(findOs('rhel9.2')?.family).toBe('linux');
    expect(findOs('ubuntu22.04')?.family).toBe('linux');
    expect(findOs('win12')).toBeUndefined();
    expect(findOs('solaris11')).toBeUndefined();
  });
  it('gives every Windows entry a generation and every entry a preset', () => {
    for (const o of OS_TABLE) {
      if (o.family === 'windows') expect(o.generation, o.id).toBeDefined();
      expect(['windows-modern', 'windows-legacy', 'windows-xp', 'linux']).toContain(o.preset);
    }
  });
});

describe('recommend: guests', () => {
  it('gives Windows 11 the modern set: timers, the clock, relaxed, spinlocks 8191, no nested-only features', () => {
    const r = recommend({ os: 'win11' });
    expect(on(r)).toEqual([
      'time',
      'relaxed',
      'vapic',
      'spinlocks',
      'vpindex',
      'runtime',
      'synic',
      'stimer',
      'frequencies',
      'tlbflush',
      'ipi',
    ]);
    expect(getValue(r.set, 'spinlocks')).toBe(8191);
    expect(choice(r, 'evmcs').value).toBeNull();
  });

  it('gives Windows XP and Linux nothing, with the reason', () => {
    expect(on(recommend({ os: 'winxp' }))).toEqual([]);
    expect(choice(recommend({ os: 'winxp' }), 'stimer').reason).toMatch(/predate Hyper-V/);
    const linux = recommend({ os: 'linux', gpuPassthrough: true, nestedHyperv: true });
    expect(on(linux)).toEqual([]);
    expect(choice(linux, 'time').reason).toMatch(/kvm_detect|KVM first/);
    expect(linux.notes.join('\n')).toMatch(/not for Linux guests/);
  });
});

describe('recommend: hosts', () => {
  it('adds avic only when APICv/AVIC is known to be on', () => {
    expect(isOn(recommend({ os: 'win10' }).set, 'avic')).toBe(false);
    expect(isOn(recommend({ os: 'win10', host: { apicv: true } }).set, 'avic')).toBe(true);
    expect(isOn(recommend({ os: 'win10', host: { apicv: false } }).set, 'avic')).toBe(false);
  });

  it('leaves tlbflush out on a CPU without AVX2, saying why', () => {
    const r = recommend({ os: 'win10', host: { modernCpu: false } });
    expect(isOn(r.set, 'tlbflush')).toBe(false);
    expect(choice(r, 'tlbflush')).toMatchObject({ stage: 'host' });
    expect(choice(r, 'tlbflush').reason).toMatch(/blue/);
  });

  it('keeps hv-time on an unstable clocksource and tells the host what to change', () => {
    const r = recommend({ os: 'win10', host: { clocksource: 'hpet' } });
    expect(isOn(r.set, 'time')).toBe(true);
    expect(r.notes.join('\n')).toMatch(/tsc clocksource/);
  });

  it('gives nothing on a KVM without Hyper-V emulation', () => {
    const r = recommend({ os: 'win10', host: { kvmHyperv: { supported: false } } });
    expect(on(r)).toEqual([]);
    expect(choice(r, 'stimer').stage).toBe('host');
  });
});

describe('recommend: workloads', () => {
  it('nested Hyper-V on Intel: evmcs, direct timers and flushes, the MSR bitmap, vmx', () => {
    const r = recommend({ os: 'win11', cpuVendor: 'intel', nestedHyperv: true });
    for (const id of [
      'evmcs',
      'stimer-direct',
      'tlbflush-direct',
      'emsr-bitmap',
      'reenlightenment',
      'frequencies',
    ] as FeatureId[])
      expect(isOn(r.set, id), id).toBe(true);
    expect(r.extras.cpuFlags).toEqual(['vmx']);
  });

  it('nested Hyper-V on AMD: no evmcs, svm', () => {
    const r = recommend({ os: 'win11', cpuVendor: 'amd', nestedHyperv: true });
    expect(isOn(r.set, 'evmcs')).toBe(false);
    expect(isOn(r.set, 'emsr-bitmap')).toBe(true);
    expect(r.extras.cpuFlags).toEqual(['svm']);
  });

  it('nested Hyper-V with the vendor unknown: no evmcs, and a note about vmx/svm', () => {
    const r = recommend({ os: 'win11', nestedHyperv: true });
    expect(isOn(r.set, 'evmcs')).toBe(false);
    expect(choice(r, 'evmcs').reason).toMatch(/Intel only/);
    expect(r.notes.join('\n')).toMatch(/vmx \(Intel\) or svm \(AMD\)/);
  });

  it('GPU passthrough on Windows: a vendor id other than Microsoft Hv, and a hidden KVM signature', () => {
    const r = recommend({ os: 'win10', gpuPassthrough: true });
    expect(getValue(r.set, 'vendor-id')).toBe('1234567890ab');
    expect(getValue(r.set, 'kvm-hidden')).toBe(true);
    expect(choice(r, 'kvm-hidden').reason).toMatch(/R465/);
  });

  it('overcommitted: spinlocks around 0xfff, tlbflush and ipi', () => {
    const r = recommend({ os: 'win2k19', overcommitted: true });
    expect(getValue(r.set, 'spinlocks')).toBe(0xfff);
    expect(isOn(r.set, 'tlbflush') && isOn(r.set, 'ipi')).toBe(true);
    expect(choice(r, 'spinlocks').stage).toBe('workload');
  });

  it('migratable: reenlightenment only with a fixed TSC frequency', () => {
    const r = recommend({ os: 'win11', cpuVendor: 'intel', nestedHyperv: true, migratable: true });
    expect(isOn(r.set, 'reenlightenment')).toBe(false);
    expect(choice(r, 'reenlightenment').stage).toBe('migration');
  });
});

describe('recommend: targets', () => {
  it('leaves out what the machine type predates, and notes the old version leaf', () => {
    const r = recommend({ os: 'win11', cpuVendor: 'intel', nestedHyperv: true, machine: 'pc-q35-6.1' });
    expect(isOn(r.set, 'emsr-bitmap')).toBe(false);
    expect(choice(r, 'emsr-bitmap').reason).toMatch(/pc-q35-6\.1/);
    expect(r.notes.join('\n')).toMatch(/6\.1\.7100/);
  });

  it('leaves out what the target libvirt cannot hold', () => {
    const r = recommend({
      os: 'win11',
      cpuVendor: 'intel',
      nestedHyperv: true,
      libvirtVersion: '9.0.0',
      target: 'libvirt',
    });
    expect(isOn(r.set, 'tlbflush-direct')).toBe(false);
    expect(choice(r, 'tlbflush-direct').reason).toMatch(/libvirt 11\.0\.0/);
  });

  it('qemu-recommended on QEMU 6.2 drops the 7.1 features', () => {
    const r = recommend({ os: 'win10', preset: 'qemu-recommended', qemuVersion: '6.2' });
    for (const id of ['xmm-input', 'tlbflush-ext', 'emsr-bitmap', 'tlbflush-direct'] as FeatureId[])
      expect(isOn(r.set, id), id).toBe(false);
    expect(isOn(r.set, 'crash')).toBe(true);
  });
});

describe('compare', () => {
  it('has every peer', () => expect(PEERS.map((p) => p.id)).toEqual(['virt-install', 'proxmox', 'kubevirt', 'nova']));

  it.each([
    ['nova', 'win10', undefined, 'stimer', false],
    ['nova', 'win10', undefined, 'reset', true],
    ['proxmox', 'win11', 'intel', 'evmcs', true],
    ['proxmox', 'win11', 'amd', 'evmcs', false],
    ['proxmox', 'win7', undefined, 'relaxed', true],
    ['proxmox', 'win2k8', undefined, 'relaxed', false],
    ['proxmox', 'winxp', undefined, 'time', false],
    ['kubevirt', 'win11', undefined, 'reenlightenment', true],
    ['kubevirt', 'win11', 'intel', 'evmcs', false],
    ['virt-install', 'win2k3', 'intel', 'evmcs', true],
    ['virt-install', 'win10', 'amd', 'evmcs', false],
    ['virt-install', 'linux', undefined, 'relaxed', false],
  ] as const)('%s for %s on %s: %s is %s', (peer, os, vendor, feature, want) => {
    const set = findPeer(peer)!.setFor(findOs(os), vendor).set;
    expect(isOn(set, feature)).toBe(want);
  });

  it("explains each difference with enlighten's reason and the peer's note", () => {
    const r = recommend({ os: 'win10' });
    const cmp = compareWithPeer(r, findPeer('nova')!, undefined);
    const stimer = cmp.rows.find((x) => x.feature === 'stimer')!;
    expect(stimer).toMatchObject({ enlighten: true, peer: null, differs: true });
    expect(stimer.why!.peer).toMatch(/no stimer field/);
    expect(cmp.rows.filter((x) => !x.differs).every((x) => x.why === undefined)).toBe(true);
  });
});
