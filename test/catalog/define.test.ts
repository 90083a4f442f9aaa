import { describe, expect, it } from 'vitest';
import { CATALOG, PRINT_ORDER, SRC } from '../../src/catalog/index.js';
import { FIELD_ORDER, defineFeatures } from '../../src/catalog/define.js';
import type { FeatureSpec } from '../../src/catalog/define.js';

describe('defineFeatures', () => {
  const spec: FeatureSpec = {
    qemu: { name: 'hv-relaxed' },
    libvirt: null,
    summary: 's',
    description: 'd',
    since: { qemu: null, libvirt: null },
    sources: { spelling: SRC.qemuTable },
  };

  it('fills in the zero of every field an entry leaves out, and the id from the key', () => {
    const { relaxed } = defineFeatures({ relaxed: spec });
    expect(relaxed).toMatchObject({
      id: 'relaxed',
      kind: 'bool',
      default: false,
      virtXml: null,
      cpuid: [],
      msrs: [],
      requires: [],
      recommendedWith: [],
      identification: false,
      nestedOnly: false,
      host: {},
      migration: null,
    });
  });

  it('completes the QEMU spelling: the legacy name as feat2prop reads it, no aliases, no description', () => {
    expect(defineFeatures({ relaxed: spec }).relaxed.qemu).toEqual({
      name: 'hv-relaxed',
      legacy: 'hv_relaxed',
      aliases: [],
      desc: null,
    });
    const avic = defineFeatures({
      avic: { ...spec, qemu: { name: 'x-hv-avic', aliases: ['hv-apicv'], desc: 'd' } },
    }).avic;
    expect(avic.qemu).toEqual({ name: 'x-hv-avic', legacy: 'x_hv_avic', aliases: ['hv-apicv'], desc: 'd' });
  });

  it('keeps what an entry states, and gives each entry its own arrays', () => {
    const t = defineFeatures({ relaxed: { ...spec, requires: ['vpindex'], identification: true }, vapic: spec });
    expect(t.relaxed.requires).toEqual(['vpindex']);
    expect(t.relaxed.identification).toBe(true);
    // A stated null (vendor-id's default) is what the entry says, not a field left out.
    expect(defineFeatures({ relaxed: { ...spec, default: null } }).relaxed.default).toBeNull();
    expect(t.vapic.msrs).not.toBe(t.relaxed.msrs);
  });

  it('gives every id in PRINT_ORDER an entry under its own id, and no other', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...PRINT_ORDER].sort());
    for (const id of PRINT_ORDER) expect(CATALOG[id].id).toBe(id);
  });

  it('gives every entry every field in FIELD_ORDER and in that order (one shape; JSON leaves out the undefined ones)', () => {
    for (const id of PRINT_ORDER) expect(Object.keys(CATALOG[id])).toEqual([...FIELD_ORDER]);
    const relaxed = defineFeatures({ relaxed: spec }).relaxed;
    const json = Object.keys(JSON.parse(JSON.stringify(relaxed)));
    expect(json).toEqual(FIELD_ORDER.filter((k) => relaxed[k] !== undefined));
    expect(json).not.toContain('max');
    expect(json).toContain('summary');
  });
});
