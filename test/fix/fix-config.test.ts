import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { CATALOG, FEATURE_IDS } from '../../src/catalog/index.js';
import { getFormat } from '../../src/formats/registry.js';
import { fixConfig } from '../../src/fix/fix-config.js';
import { applyPreset } from '../../src/recommend/apply-preset.js';
import { isOn } from '../../src/model/index.js';
import { OS_TABLE } from '../../src/model/os-table.js';
import type { CheckOptions } from '../../src/rules/index.js';
import { arbitrarySet } from '../support/arbitrary.js';
import { makeSet, parseIn, textIn, virtXmlText } from '../rules/syntaxes.js';

const arbitraryOptions: fc.Arbitrary<CheckOptions> = fc.record(
  {
    os: fc.constantFrom(...OS_TABLE.map((o) => o.id)),
    cpuVendor: fc.constantFrom('intel' as const, 'amd' as const),
    migratable: fc.boolean(),
    nestedHyperv: fc.boolean(),
    overcommitted: fc.boolean(),
    gpuPassthrough: fc.boolean(),
    qemuVersion: fc.constantFrom('6.1', '7.0', '7.2'),
    host: fc.record(
      {
        apicv: fc.boolean(),
        nested: fc.boolean(),
        clocksource: fc.constantFrom('tsc', 'hpet'),
        modernCpu: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Features whose values the printers take as they are (no experimental or value-only ones). */
const IDS = FEATURE_IDS.filter((id) => !id.startsWith('x-')) as FeatureId[];
/** What libvirt (and so virt-xml) can hold. */
const LIBVIRT_IDS = IDS.filter((id) => CATALOG[id].libvirt !== null);

describe('fix', () => {
  for (const syntax of ['qemu', 'json', 'libvirt', 'virt-xml'] as const) {
    it(`${syntax}: changes nothing the second time, and leaves no error`, () => {
      let held = 0;
      fc.assert(
        fc.property(arbitrarySet(syntax === 'virt-xml' ? LIBVIRT_IDS : IDS), arbitraryOptions, (set, options) => {
          const text = syntax === 'virt-xml' ? virtXmlText(set, {}, true) : textIn(syntax, set);
          if (text === null) return; // virt-xml cannot say every set (values it would have to escape)
          held++;
          const parsed = parseIn(syntax, text);
          if (parsed.diagnostics.some((d) => d.severity === 'error')) return; // what the parser refuses is out of scope
          const format = getFormat(syntax)!;
          const first = fixConfig(parsed, format, options);
          const again = parseIn(syntax, first.text);
          // virt-xml commands that had only features the target cannot run become no command at
          // all: a text that says so, which reads as no configuration (exit 2), never a wrong one.
          if (syntax === 'virt-xml' && again.diagnostics.some((d) => d.code === 'UNREADABLE_INPUT')) {
            expect(first.text).toMatch(/^# no change/);
            expect(first.actions.every((a) => a.to === undefined)).toBe(true);
            return;
          }
          const second = fixConfig(again, format, options);
          expect(second.changed, `second run changed:\n${first.text}\n->\n${second.text}`).toBe(false);
          expect(second.actions).toEqual([]);
          expect(first.remaining.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual(
            [],
          );
        }),
        { numRuns: syntax === 'qemu' || syntax === 'json' ? 150 : 60 },
      );
      expect(held).toBeGreaterThan(20);
    });
  }

  it('removes evmcs on AMD and says why, keeping everything else byte for byte', () => {
    const text = '-machine q35 -cpu host,hv_relaxed,hv_vapic,hv_evmcs,+vmx -m 4096';
    const r = fixConfig(parseIn('qemu', text), getFormat('qemu')!, { cpuVendor: 'amd' });
    expect(r.text).toBe('-machine q35 -cpu host,hv_relaxed,hv_vapic,+vmx -m 4096');
    expect(r.actions).toHaveLength(1);
    expect(r.actions[0]).toMatchObject({
      feature: 'evmcs',
      from: true,
      to: undefined,
      code: 'HOST_VENDOR_UNSUPPORTED',
    });
    expect(r.actions[0]!.why).toMatch(/AMD/);
  });

  it('adds the hypervclock timer for stimer in libvirt XML', () => {
    const text = textIn('libvirt', makeSet({ vpindex: true, synic: true, stimer: true }))!;
    expect(text).not.toContain('hypervclock');
    const r = fixConfig(parseIn('libvirt', text), getFormat('libvirt')!, {});
    expect(r.text).toContain("<timer name='hypervclock' present='yes'/>");
    expect(r.remaining.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it("raises libvirt's refused retries, which only the parser reported", () => {
    const xml =
      "<domain type='kvm'>\n  <name>t</name>\n  <features>\n    <hyperv>\n      <relaxed state='on'/>\n      <spinlocks state='on' retries='100'/>\n    </hyperv>\n  </features>\n</domain>\n";
    const r = fixConfig(parseIn('libvirt', xml), getFormat('libvirt')!, {});
    expect(r.text).toContain("retries='4095'");
    expect(r.remaining.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('drops what needs a removed feature instead of bringing it back', () => {
    const options: CheckOptions = {
      host: { kvmHyperv: { supported: true, features: ['relaxed', 'vapic', 'time', 'synic', 'stimer'] } },
    };
    const r = fixConfig(
      parseIn(
        'json',
        textIn('json', makeSet({ relaxed: true, time: true, vpindex: true, synic: true, stimer: true }))!,
      ),
      getFormat('json')!,
      options,
    );
    expect(['vpindex', 'synic', 'stimer'].map((id) => isOn(r.set, id as FeatureId))).toEqual([false, false, false]);
    expect(isOn(r.set, 'relaxed')).toBe(true);
    expect(r.actions.map((a) => a.feature).sort()).toEqual(['stimer', 'synic', 'vpindex']);
  });

  it("applies a preset only where the input says nothing, keeping the user's own values", () => {
    const parsed = parseIn('qemu', 'host,hv_relaxed,hv_stimer=off');
    const r = fixConfig(
      parsed,
      getFormat('qemu')!,
      { os: 'win10' },
      { preset: applyPreset(parsed, { os: 'win10' }, 'windows-modern') },
    );
    expect(r.preset.find((p) => p.feature === 'stimer')).toMatchObject({ kept: true });
    expect(isOn(r.set, 'stimer')).toBe(false);
    expect(isOn(r.set, 'time')).toBe(true);
    expect(r.text.startsWith('host,hv_relaxed,hv_stimer=off,')).toBe(true);
  });
});
