import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../src/catalog/index.js';
import { parseQemu, printQemuCpu } from '../../src/formats/qemu/index.js';
import type { EnlightenmentSet } from '../../src/model/index.js';
import { setFeature, emptySet, toJsonSet } from '../../src/model/index.js';
import { checkConfig } from '../../src/rules/index.js';
import { arbitrarySet } from '../support/arbitrary.js';
import { validateCpuValue } from '../support/qemu.js';
import { SEED } from '../support/seed.js';
import { okValue } from '../support/parse-result.js';

/** Every -cpu value enlighten prints must be accepted by the real QEMU 7.2 from Debian. */

const sampleValue = (id: FeatureId): FeatureValue => {
  const d = CATALOG[id];
  return d.example ?? (d.kind === 'bool' || d.kind === 'on-off-auto' ? true : (d.default ?? 'x'));
};

async function expectAccepted(value: string) {
  const r = await validateCpuValue(value);
  expect(r.ok, `QEMU refused -cpu ${value}: ${r.error}`).toBe(true);
  return r;
}

const STYLES = ['modern', 'legacy'] as const;

describe('QEMU accepts what enlighten prints', () => {
  for (const style of STYLES) {
    it.each(FEATURE_IDS.map((id) => [id]))(`${style}: %s alone, on and off`, async (id) => {
      for (const value of [sampleValue(id), ...(CATALOG[id].kind === 'bool' ? [false] : [])]) {
        const set = setFeature(emptySet(), id, value);
        const text = printQemuCpu(set, { model: 'qemu64', style }).text;
        await expectAccepted(text);
      }
    });

    it(`${style}: every feature together`, async () => {
      let set: EnlightenmentSet = emptySet();
      for (const id of FEATURE_IDS) if (!CATALOG[id].setsMode) set = setFeature(set, id, sampleValue(id));
      await expectAccepted(printQemuCpu(set, { model: 'qemu64', style }).text);
      await expectAccepted(printQemuCpu({ ...set, mode: 'passthrough' }, { model: 'qemu64', style }).text);
    });
  }

  it(`accepts 40 random sets in each style, and reads them back the same (seed ${SEED})`, async () => {
    const sets = fc.sample(arbitrarySet(), { numRuns: 40, seed: SEED });
    for (const [i, set] of sets.entries()) {
      const style = STYLES[i % 2]!;
      const text = printQemuCpu(set, { model: 'qemu64', style }).text;
      await expectAccepted(text);
      expect(toJsonSet(okValue(parseQemu(text)).set)).toEqual(toJsonSet(set));
    }
  });
});

/** Values enlighten rejects for a property or value reason: QEMU must reject them too, for the same reason. */
const REJECTED = [
  'qemu64,hv-foo',
  'qemu64,hv_stimerr',
  'qemu64,hv-relaxed=maybe',
  'qemu64,hv-relaxed=ON',
  'qemu64,hv-relaxed=1',
  'qemu64,hv-relaxed=',
  'qemu64,hv-spinlocks=abc',
  'qemu64,hv-spinlocks=',
  'qemu64,hv-spinlocks=1e3',
  'qemu64,hv-spinlocks=08',
  'qemu64,hv-spinlocks=0x100000000',
  'qemu64,hv-spinlocks=-1',
  'qemu64,hv-spinlocks',
  'qemu64,hv-version-id-major=0x10000',
  'qemu64,hv-version-id-sbranch=256',
  'qemu64,hv-no-nonarch-coresharing=maybe',
  'qemu64,hv-no-nonarch-coresharing=yes',
  'qemu64,x-hv-max-vps=0x80000000',
  'qemu64,+hv_relaxed',
  'qemu64,+hv-relaxed=on',
  'qemu64,+hv-spinlocks',
  'qemu64,+hv-vendor-id',
  'qemu64,HV-RELAXED=on',
  'qemu64, hv-relaxed=on',
];

/** Values enlighten accepts that look odd: QEMU must accept them too. */
const ACCEPTED = [
  'qemu64,hv-relaxed=yes,hv-vapic=y,hv-time=true,hv-crash=n,hv-reset=false,hv-runtime=no',
  'qemu64,hv-spinlocks=010',
  'qemu64,hv-spinlocks=0X1FFF',
  'qemu64,hv-spinlocks=+5',
  'qemu64,hv-spinlocks=0xffffffff',
  'qemu64,hv-spinlocks=100',
  'qemu64,hv_vendor_id=KVM Hv,hv_version_id_build=1',
  'qemu64,hv-apicv=on,hv_apicv',
  'qemu64,+hv-relaxed,-hv-vapic',
  'qemu64,,hv-relaxed,',
  'qemu64,hv-no-nonarch-coresharing',
  'qemu64,hv-no-nonarch-coresharing=auto',
  'qemu64,hv-stimer',
  'qemu64,x-hv-max-vps=-2',
];

describe('QEMU and enlighten agree on what is wrong', () => {
  it.each(REJECTED.map((v) => [v]))('%s', async (value) => {
    const errors = okValue(parseQemu(value)).diagnostics.filter((d) => d.severity === 'error');
    expect(errors, 'enlighten should reject it').toHaveLength(1);
    const r = await validateCpuValue(value);
    expect(r.ok, 'QEMU should reject it').toBe(false);
    const quoted = /\(QEMU: (.*)\)$/.exec(errors[0]!.message)?.[1];
    expect(quoted, 'enlighten quotes QEMU').toBeDefined();
    expect(r.reason).toBe(quoted);
  });

  it.each(ACCEPTED.map((v) => [v]))('%s', async (value) => {
    expect(okValue(parseQemu(value)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await expectAccepted(value);
  });

  it('warns where QEMU warns', async () => {
    const long = 'qemu64,hv-relaxed,hv-vendor-id=ThisIsThirteen';
    expect(checkConfig(okValue(parseQemu(long))).filter((d) => d.code === 'VENDOR_ID_TRUNCATED')).toHaveLength(1);
    expect((await expectAccepted(long)).warnings).toContain('hv-vendor-id truncated to 12 characters');
    const mixed = 'qemu64,-hv-relaxed,hv-relaxed=on';
    expect(okValue(parseQemu(mixed)).diagnostics.map((d) => d.code)).toEqual(['AMBIGUOUS_CPU_STRING']);
    expect((await expectAccepted(mixed)).warnings.join('\n')).toContain('Ambiguous CPU model string');
  });
});
