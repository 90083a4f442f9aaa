import { describe, expect, it } from 'vitest';
import { CATALOG, PRINT_ORDER, formatCitation } from '../../src/catalog/index.js';
import { getFormat } from '../../src/formats/registry.js';
import type { FormatId, ParsedConfig } from '../../src/formats/types.js';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { emptySet, getValue, isOn } from '../../src/model/index.js';
import { PRESETS } from '../../src/recommend/presets.js';
import { recommend, recommendContext } from '../../src/recommend/recommend.js';
import type { RecommendRequest, RecommendResult } from '../../src/recommend/types.js';
import { checkConfig } from '../../src/rules/index.js';
import { allCombinations, label } from './matrix.js';
import { UNIT_ONLY } from '../support/tools.js';
import { okValue } from '../support/parse-result.js';

const SYNTAXES: FormatId[] = ['qemu', 'json', 'libvirt', 'virt-xml'];

/** What the CLI passes the printer: the CPU model and flags for QEMU, the context for libvirt. */
function inputFor(to: FormatId, r: RecommendResult): ParsedConfig {
  if (to === 'qemu') {
    const extras = [
      ...r.extras.cpuFlags.map((f) => `+${f}`),
      ...(r.extras.tscFrequency ? [`tsc-frequency=${r.extras.tscFrequency}`] : []),
    ];
    return okValue(parseQemu(['host', ...extras].join(',')));
  }
  return { format: to, source: '', set: emptySet(), origins: {}, context: recommendContext(r), diagnostics: [] };
}

/** Prints the recommendation in the syntax, reads it back, and checks it with the same options. */
function printAndCheck(req: RecommendRequest, to: FormatId) {
  const format = getFormat(to);
  if (!format?.print) throw new Error(`${to} has no printer`);
  const options = { ...req, target: to };
  const result = recommend(options);
  const printed = format.print(result.set, {
    input: inputFor(to, result),
    ...(req.libvirtVersion ? { libvirtVersion: req.libvirtVersion } : {}),
  });
  // libvirt prints the parts to paste into a domain (<features>, <clock>, <devices>): paste them.
  const text = to === 'libvirt' ? `<domain type='kvm'>\n<name>t</name>\n${printed.text}\n</domain>\n` : printed.text;
  // virt-xml's text for an empty set is a comment, no command: unreadable, its diagnostics are what check says.
  const read = format.parse(text);
  const found = read.ok ? checkConfig(read.value, options) : read.diagnostics;
  return { result, printed, found };
}

describe('recommend output passes check with the same options', () => {
  // test:unit checks every fourth combination (a fixed sample); npm test checks them all.
  const combos = allCombinations().filter((_, i) => !UNIT_ONLY || i % 4 === 0);
  it(`in every syntax, for all ${combos.length} guest x vendor x workload combinations`, () => {
    const failures: string[] = [];
    for (const req of combos) {
      for (const to of SYNTAXES) {
        const { found, printed, result } = printAndCheck(
          { ...req, ...(to === 'libvirt' || to === 'virt-xml' ? { libvirtVersion: '9.0.0' } : {}) },
          to,
        );
        // virt-xml has no command for an empty set: it prints a comment saying so.
        const errors =
          to === 'virt-xml' && Object.keys(result.set.features).length === 0
            ? []
            : found.filter((d) => d.severity === 'error');
        if (to === 'virt-xml' && Object.keys(result.set.features).length === 0)
          expect(printed.text).toMatch(/^# no change/);
        if (errors.length)
          failures.push(
            `${label(req)} [${to}]: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}\n${printed.text}`,
          );
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.name]))('from preset %s, for every guest and vendor, migratable or not', (preset) => {
    const failures: string[] = [];
    for (const req of combos.filter((r) => !r.nestedHyperv && !r.gpuPassthrough && !r.overcommitted)) {
      for (const to of SYNTAXES) {
        const { found, result } = printAndCheck(
          { ...req, preset, ...(to === 'libvirt' || to === 'virt-xml' ? { libvirtVersion: '9.0.0' } : {}) },
          to,
        );
        const errors =
          to === 'virt-xml' && Object.keys(result.set.features).length === 0
            ? []
            : found.filter((d) => d.severity === 'error');
        if (errors.length) failures.push(`${label(req)} [${to}]: ${errors.map((d) => d.message).join('; ')}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe('what recommend never does', () => {
  const combos = allCombinations();
  it('never recommends evmcs on an AMD host, whatever the preset', () => {
    for (const req of combos.filter((r) => r.cpuVendor === 'amd')) {
      for (const preset of [undefined, ...PRESETS.map((p) => p.name)]) {
        const r = recommend({ ...req, ...(preset ? { preset } : {}) });
        expect(isOn(r.set, 'evmcs'), `${label(req)} preset=${preset}`).toBe(false);
      }
    }
  });

  it('never recommends passthrough, or reenlightenment without a fixed TSC frequency, for a migratable VM', () => {
    for (const req of combos.filter((r) => r.migratable)) {
      for (const preset of [undefined, ...PRESETS.map((p) => p.name)]) {
        const r = recommend({ ...req, ...(preset ? { preset } : {}) });
        expect(r.set.mode, label(req)).toBe('custom');
        expect(isOn(r.set, 'reenlightenment'), `${label(req)} preset=${preset}`).toBe(false);
      }
    }
  });

  it('keeps reenlightenment for a migratable nested Hyper-V guest once tsc-frequency is fixed', () => {
    const req = { os: 'win11', cpuVendor: 'intel' as const, nestedHyperv: true, migratable: true };
    expect(isOn(recommend(req).set, 'reenlightenment')).toBe(false);
    const pinned = recommend({ ...req, tscFrequency: 2_400_000_000 });
    expect(isOn(pinned.set, 'reenlightenment')).toBe(true);
    expect(pinned.extras.tscFrequency).toBe(2_400_000_000);
    const { found } = printAndCheck({ ...req, tscFrequency: 2_400_000_000 }, 'qemu');
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives every feature a decision, a reason and a source', () => {
    for (const req of combos.filter((_, i) => i % 7 === 0)) {
      const r = recommend(req);
      expect(r.choices.map((c) => c.feature)).toEqual([...PRINT_ORDER]);
      for (const c of r.choices) {
        expect(c.reason.length, `${label(req)} ${c.feature}`).toBeGreaterThan(10);
        expect(c.source.length, `${label(req)} ${c.feature}`).toBeGreaterThan(0);
        expect(formatCitation(c.source).length, `${label(req)} ${c.feature}`).toBeGreaterThan(5);
        expect(
          c.value === null
            ? !isOn(r.set, c.feature) || CATALOG[c.feature].setsMode !== undefined
            : getValue(r.set, c.feature) === c.value,
          `${label(req)} ${c.feature}`,
        ).toBe(true);
      }
    }
  });
});
