// explainFeature: the facts `enlighten explain` prints and the web page shows, found by any spelling.
import { describe, expect, it } from 'vitest';
import { CATALOG, PRINT_ORDER, explainFeature } from '../../src/index.js';

describe('explainFeature', () => {
  it.each([
    ['stimer', 'stimer'],
    ['hv_stimer', 'stimer'],
    ['hv-stimer', 'stimer'],
    ['<stimer>', 'stimer'],
    ['<stimer/>', 'stimer'],
    ['hyperv.stimer.state', 'stimer'],
    ['hyperv.stimer.direct.state=on', 'stimer-direct'],
    ['synictimer', 'stimer'],
    ['synictimer.direct', 'stimer-direct'],
    ['features.hyperv.synictimer.enabled', 'stimer'],
    ['hv-spinlocks=0x1fff', 'spinlocks'],
    ['hyperv_relaxed', 'relaxed'],
    ['hyperv.spinlocks.retries', 'spinlocks'],
    ['hypervclock_present', 'time'],
    ['stimer_direct', 'stimer-direct'],
  ])('finds %s as %s', (name, id) => {
    expect(explainFeature(name)?.id).toBe(id);
  });

  it('finds nothing for a name no syntax gives', () => {
    expect(explainFeature('nonsense')).toBeUndefined();
    expect(explainFeature('')).toBeUndefined();
    expect(explainFeature('<direct>')).toBeUndefined();
  });

  it('has every feature facts, examples in each syntax with one, and sources', () => {
    for (const id of PRINT_ORDER) {
      const e = explainFeature(id)!;
      expect(e.name).toBe(CATALOG[id].qemu.name);
      expect(e.facts.map(([k]) => k)).toEqual(expect.arrayContaining(['Value', 'Requires', 'Needed by', 'Since']));
      expect(e.examples.map((x) => x.label)).toEqual(['QEMU', 'libvirt', 'virt-xml', 'KubeVirt']);
      expect(e.sources.length).toBeGreaterThan(0);
    }
    expect(explainFeature('stimer')!.requires).toEqual(CATALOG.stimer.requires);
    expect(explainFeature('synic')!.neededBy).toContain('stimer');
  });
});
