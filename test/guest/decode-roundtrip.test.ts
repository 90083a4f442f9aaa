/**
 * decode(cpuid(set)) gives the set back, for every set a guest can see: from the registers, and
 * from each Linux boot-log format (for the registers that format shows).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../src/catalog/index.js';
import { computeCpuid } from '../../src/guest/cpuid.js';
import { decodeGuest } from '../../src/guest/decode.js';
import { decodeLeaves } from '../../src/guest/decode-leaves.js';
import { defaultCpuidValue } from '../../src/guest/defaults.js';
import { hasHypervIdentification } from '../../src/guest/effective.js';
import { linuxBootLog } from '../../src/guest/linux-log.js';
import type { Era } from '../../src/guest/linux-formats.js';
import { invisibleReason, shownThrough } from '../../src/guest/visibility.js';
import type { EnlightenmentSet } from '../../src/model/index.js';

const RANGES: Record<string, [number, number]> = {
  uint32: [0, 0xffffffff],
  uint16: [0, 0xffff],
  uint8: [0, 0xff],
  uint24: [0, 0xffffff],
  int32: [-0x80000000, 0x7fffffff],
};

function valueArb(id: FeatureId): fc.Arbitrary<FeatureValue> {
  const d = CATALOG[id];
  if (d.kind === 'bool' || d.kind === 'on-off-auto') return fc.constant(true);
  if (d.kind === 'string')
    return fc.string({
      minLength: 1,
      maxLength: 12,
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 #'.split('')),
    });
  const [min, max] = RANGES[d.kind]!;
  // Only what fits the CPUID field reaches the guest (hv-version-id-snumber: 24 of its 32 bits).
  const width = d.cpuidValue?.width ?? 32;
  const fits = width >= 32 ? max : Math.min(max, 2 ** width - 1);
  return fc.integer({ min, max: d.max !== undefined ? Math.min(fits, d.max) : fits });
}

/** Features a guest can see: no modes, nothing that leaves no trace at all. */
const VISIBLE = PRINT_ORDER.filter(
  (id) => !CATALOG[id].setsMode && (invisibleReason(id) === null || shownThrough(id) !== null),
);

const setArb = (allowed: readonly FeatureId[]): fc.Arbitrary<EnlightenmentSet> =>
  fc
    .record(Object.fromEntries(allowed.map((id) => [id, valueArb(id)])), { requiredKeys: [] })
    .map((features) => {
      const f = { ...features } as Partial<Record<FeatureId, FeatureValue>>;
      const through = (id: FeatureId) => shownThrough(id);
      for (const id of Object.keys(f) as FeatureId[]) if (through(id) && !f[through(id)!]) delete f[id];
      const set: EnlightenmentSet = { mode: 'custom', features: f };
      return set;
    })
    .filter((set) => hasHypervIdentification(set));

/** What the guest can tell apart from QEMU's defaults. */
function normalized(set: EnlightenmentSet): Partial<Record<FeatureId, FeatureValue>> {
  const out: Partial<Record<FeatureId, FeatureValue>> = {};
  for (const [id, v] of Object.entries(set.features) as [FeatureId, FeatureValue][])
    if (v !== defaultCpuidValue(id)) out[id] = v;
  return out;
}

describe('decode(cpuid(set)) from registers', () => {
  it('gives every visible set back, with nothing ambiguous or unexplained', () => {
    fc.assert(
      fc.property(setArb(VISIBLE), (set) => {
        const d = decodeLeaves(computeCpuid(set).leaves);
        expect(d.set.features).toEqual(normalized(set));
        expect(d.ambiguous).toEqual([]);
        expect(d.unexplained).toEqual([]);
        expect(d.inconsistent).toEqual([]);
        expect(d.unknown).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The registers each log format shows (reference/guest-decode.md). The Host Build line shows 0x40000002. */
const SHOWN: Record<Era, string[]> = {
  '2025': [
    '3.eax',
    '3.ebx',
    '3.ecx',
    '3.edx',
    '4.eax',
    'a.eax',
    '2.eax',
    '2.ebx',
    '2.ecx',
    '2.edx',
    '0.ebx',
    '0.ecx',
    '0.edx',
  ],
  '6.x': ['3.eax', '3.ebx', '3.edx', '4.eax', 'a.eax', '2.eax', '2.ebx', '2.ecx', '2.edx', '0.ebx', '0.ecx', '0.edx'],
  interim: ['3.eax', '3.edx', '4.eax', '2.eax', '2.ebx', '2.ecx', '2.edx', '0.ebx', '0.ecx', '0.edx'],
  '5.x': ['3.eax', '4.eax', '2.eax', '2.ebx', '2.ecx', '2.edx', '0.ebx', '0.ecx', '0.edx'],
  '4.x': ['3.eax', '4.eax', '0.ebx', '0.ecx', '0.edx'],
};
const regKey = (leaf: number, reg: string) => `${(leaf & 0xff).toString(16)}.${reg}`;

function visibleIn(era: Era, id: FeatureId): boolean {
  const d = CATALOG[id];
  const through = shownThrough(id);
  if (through)
    return CATALOG[through].cpuid
      .filter((b) => b.unlessFeature === id)
      .every((b) => SHOWN[era].includes(regKey(b.leaf, b.reg)));
  const regs = [
    ...d.cpuid.filter((b) => !b.unlessFeature).map((b) => regKey(b.leaf, b.reg)),
    ...(d.cpuidValue ? [regKey(d.cpuidValue.leaf, d.cpuidValue.reg)] : []),
  ];
  return regs.every((r) => SHOWN[era].includes(r));
}

describe.each(['2025', '6.x', 'interim', '5.x', '4.x'] as Era[])('decode(cpuid(set)) from a %s boot log', (era) => {
  // Linux prints these lines only for the vendor "Microsoft Hv"; 6.x also needs hypercall and VP index.
  const allowed = VISIBLE.filter((id) => CATALOG[id].cpuidValue?.encoding !== 'string12');
  it('gives back every feature the format shows, and calls the others unknown', () => {
    fc.assert(
      fc.property(setArb(allowed), (raw) => {
        const set = { ...raw, features: { ...raw.features, vpindex: true, 'kvm-hidden': true } };
        const leaves = computeCpuid(set).leaves;
        const lines = linuxBootLog(leaves).eras.find((e) => e.era === era)!.lines;
        const text = [
          '[    0.000000] Linux version 6.1.0',
          ...lines.map((l) => `[    0.000000] ${l}`),
          '[    0.100000] clocksource: Switched to clocksource hyperv_clocksource_tsc_page',
        ].join('\n');
        const g = decodeGuest(text);
        expect(g.evidence).toBe('boot-log');
        const want = normalized(set);
        const unknown = new Set(g.unknown.map((u) => u.feature));
        for (const id of VISIBLE) {
          if (!visibleIn(era, id)) continue;
          expect(unknown.has(id), `${id} should be visible in ${era}`).toBe(false);
          expect(g.set.features[id], `${id} in ${era}`).toEqual(want[id]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
