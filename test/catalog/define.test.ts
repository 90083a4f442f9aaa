import { describe, expect, it } from 'vitest';
import { CATALOG, PRINT_ORDER, SRC } from '../../src/catalog/index.js';
import { defineFeatures } from '../../src/catalog/define.js';
import type { FeatureSpec } from '../../src/catalog/define.js';

describe('defineFeatures', () => {
  const spec: FeatureSpec = {
    kind: 'bool',
    default: false,
    qemu: { name: 'hv-relaxed', legacy: 'hv_relaxed', aliases: [], desc: null },
    libvirt: null,
    virtXml: null,
    summary: 's',
    description: 'd',
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuTable },
  };

  it('fills in the zero of every field an entry leaves out, and the id from the key', () => {
    const { relaxed } = defineFeatures({ relaxed: spec });
    expect(relaxed).toMatchObject({ id: 'relaxed', cpuid: [], msrs: [], requires: [], recommendedWith: [], identification: false, nestedOnly: false, host: {}, migration: null });
  });

  it('keeps what an entry states, and gives each entry its own arrays', () => {
    const t = defineFeatures({ relaxed: { ...spec, requires: ['vpindex'], identification: true }, vapic: spec });
    expect(t.relaxed.requires).toEqual(['vpindex']);
    expect(t.relaxed.identification).toBe(true);
    expect(t.vapic.msrs).not.toBe(t.relaxed.msrs);
  });

  it('gives every id in PRINT_ORDER an entry under its own id, and no other', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...PRINT_ORDER].sort());
    for (const id of PRINT_ORDER) expect(CATALOG[id].id).toBe(id);
  });
});
