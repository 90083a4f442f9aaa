import { describe, expect, it } from 'vitest';
import { CATALOG, FEATURE_IDS, PRINT_ORDER, featureByQemuName, qemuNames } from '../../src/catalog/index.js';
import type { FeatureId } from '../../src/catalog/index.js';

/** The 33 hv-* properties QMP device-list-properties lists for QEMU 7.2 (reference/debian-virt-stack.md). */
const QEMU_72 = [
  'hv-apicv',
  'hv-avic',
  'hv-crash',
  'hv-emsr-bitmap',
  'hv-enforce-cpuid',
  'hv-evmcs',
  'hv-frequencies',
  'hv-ipi',
  'hv-no-nonarch-coresharing',
  'hv-passthrough',
  'hv-reenlightenment',
  'hv-relaxed',
  'hv-reset',
  'hv-runtime',
  'hv-spinlocks',
  'hv-stimer',
  'hv-stimer-direct',
  'hv-syndbg',
  'hv-synic',
  'hv-time',
  'hv-tlbflush',
  'hv-tlbflush-direct',
  'hv-tlbflush-ext',
  'hv-vapic',
  'hv-vendor-id',
  'hv-version-id-build',
  'hv-version-id-major',
  'hv-version-id-minor',
  'hv-version-id-sbranch',
  'hv-version-id-snumber',
  'hv-version-id-spack',
  'hv-vpindex',
  'hv-xmm-input',
];

/** kvm_hyperv_properties[] of QEMU 10.x (reference/qemu-hv-table.md), with their direct dependencies. */
const QEMU_TABLE: Record<string, string[]> = {
  relaxed: [],
  vapic: [],
  time: [],
  crash: [],
  reset: [],
  vpindex: [],
  runtime: [],
  synic: ['vpindex'],
  stimer: ['synic', 'time'],
  frequencies: [],
  reenlightenment: [],
  tlbflush: ['vpindex'],
  evmcs: ['vapic'],
  ipi: ['vpindex'],
  'stimer-direct': ['stimer'],
  avic: [],
  syndbg: ['synic', 'relaxed'],
  'emsr-bitmap': [],
  'xmm-input': [],
  'tlbflush-ext': ['tlbflush'],
  'tlbflush-direct': ['vapic'],
};

describe('catalog', () => {
  it('covers every hv-* property of QEMU 7.2', () => {
    expect(QEMU_72).toHaveLength(33);
    for (const name of QEMU_72) expect(featureByQemuName(name), name).toBeDefined();
  });

  it('has every feature of QEMU table with its dependencies', () => {
    for (const [id, deps] of Object.entries(QEMU_TABLE)) {
      expect(CATALOG[id as FeatureId], id).toBeDefined();
      expect([...CATALOG[id as FeatureId].requires].sort(), id).toEqual([...deps].sort());
    }
  });

  it('keys every entry by its own id, and prints every entry', () => {
    for (const [key, def] of Object.entries(CATALOG)) expect(def.id).toBe(key);
    expect([...PRINT_ORDER].sort()).toEqual(Object.keys(CATALOG).sort());
    expect(new Set(FEATURE_IDS).size).toBe(FEATURE_IDS.length);
  });

  it('refers only to features that exist (the compiler checks it too: links are FeatureId)', () => {
    for (const def of Object.values(CATALOG)) {
      for (const dep of [...def.requires, ...def.recommendedWith])
        expect(CATALOG[dep], `${def.id} -> ${dep}`).toBeDefined();
      for (const c of def.cpuid) if (c.unlessFeature) expect(CATALOG[c.unlessFeature]).toBeDefined();
      if (def.requiresWaivedBy) expect(CATALOG[def.requiresWaivedBy]).toBeDefined();
      if (def.libvirt?.kind === 'hyperv-child') expect(CATALOG[def.libvirt.parentFeature]).toBeDefined();
    }
  });

  it('has no dependency cycles', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string, path: string[]) => {
      if (done.has(id)) return;
      expect(visiting.has(id), `cycle: ${[...path, id].join(' -> ')}`).toBe(false);
      visiting.add(id);
      for (const dep of CATALOG[id as FeatureId].requires) visit(dep, [...path, id]);
      visiting.delete(id);
      done.add(id);
    };
    for (const id of FEATURE_IDS) visit(id, []);
  });

  it('gives every feature a spelling or an explicit null in each format', () => {
    for (const def of Object.values(CATALOG)) {
      expect(def.qemu.name.length).toBeGreaterThan(0);
      expect(def.qemu.legacy).toBe(def.qemu.name.replaceAll('-', '_'));
      expect(def.libvirt === null || typeof def.libvirt === 'object', def.id).toBe(true);
      expect(def.virtXml === null || typeof def.virtXml === 'object', def.id).toBe(true);
    }
  });

  it('names a source for every entry, and a description and summary', () => {
    for (const def of Object.values(CATALOG)) {
      expect(Object.keys(def.sources).length, def.id).toBeGreaterThan(0);
      expect(def.summary.length, def.id).toBeGreaterThan(10);
      expect(def.description.length, def.id).toBeGreaterThan(40);
    }
  });

  it('keeps each QEMU spelling unique', () => {
    const names = qemuNames();
    expect(new Set(names).size).toBe(names.length);
  });

  it('marks identification values as not turning Hyper-V on', () => {
    for (const id of [
      'vendor-id',
      'version-id-build',
      'version-id-major',
      'version-id-minor',
      'version-id-spack',
      'version-id-sbranch',
      'version-id-snumber',
    ] as const) {
      expect(CATALOG[id].identification, id).toBe(false);
    }
    expect(CATALOG.relaxed.identification).toBe(true);
  });

  it('uses QEMU desc strings for every table feature', () => {
    for (const id of Object.keys(QEMU_TABLE)) {
      const def = CATALOG[id as FeatureId];
      expect(def.qemu.desc, id).toContain(`(${def.qemu.name}`);
    }
  });

  it('knows which features are Intel-only, nested-only, or block migration', () => {
    expect(CATALOG.evmcs.host.vendors).toEqual(['intel']);
    expect(CATALOG.evmcs.nestedOnly).toBe(true);
    expect(CATALOG.passthrough.migration?.when).toBe('always');
    expect(CATALOG.reenlightenment.migration?.when).toBe('needs-tsc-frequency');
    expect(CATALOG['no-nonarch-coresharing'].migration).toMatchObject({ when: 'value', value: 'auto' });
  });
});
