import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFactsFromJson } from '../../src/host/host-facts-json.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rules', name), 'utf8');

describe('host facts from a probe file', () => {
  it('reads the probe shape', () => {
    const r = hostFactsFromJson(fixture('amd-host.json'), 'amd-host.json');
    expect(r.ok && r.value).toEqual({
      source: 'amd-host.json',
      vendor: 'amd',
      nested: false,
      apicv: false,
      clocksource: 'hpet',
      kvmHyperv: {
        supported: true,
        features: expect.arrayContaining(['relaxed', 'stimer', 'avic']) as unknown as string[],
      },
    });
  });

  it.each([
    [
      'the minimal shape of the brief',
      '{"kvm": {"present": true, "usable": true}, "hyperv": {"supported": false, "features": []}, "cpu": {"vendor": "amd"}, "clocksource": {"current": "tsc"}}',
      { vendor: 'amd', clocksource: 'tsc', kvmHyperv: { supported: false } },
    ],
    [
      'booleans instead of objects',
      '{"cpu": {"vendor": "GenuineIntel", "nested": true, "apicv": true, "flags": "fpu avx2 vmx"}}',
      { vendor: 'intel', nested: true, apicv: true, modernCpu: true },
    ],
    [
      'QEMU names in the feature list',
      '{"hyperv": {"supported": true, "features": ["hv-relaxed", "hv_vapic", "hv-bogus"]}}',
      { kvmHyperv: { supported: true, features: ['relaxed', 'vapic'] } },
    ],
    [
      'no KVM at all',
      '{"kvm": {"present": false}, "cpu": {"vendor": "intel"}}',
      { vendor: 'intel', kvmHyperv: { supported: false } },
    ],
    [
      'a null support answer stays unknown',
      '{"hyperv": {"supported": null, "features": []}, "cpu": {"vendor": "amd", "nested": {"enabled": null}}}',
      { vendor: 'amd' },
    ],
  ])('%s', (_name, text, want) => {
    const r = hostFactsFromJson(text, 'f.json');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual({ source: 'f.json', ...want });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[]', /JSON object/],
    ['nothing known', '{"foo": 1}', /no host facts/],
  ])('refuses %s', (_name, text, message) => {
    const r = hostFactsFromJson(text, 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics).toMatchObject([{ code: 'HOST_FILE_INVALID', message }]);
  });
});
