import { describe, expect, it } from 'vitest';
import { checkIn, makeSet } from './syntaxes.js';
import { ruleTable } from './table.js';

ruleTable('dependencies', [
  {
    name: 'synic without vpindex',
    features: { synic: true },
    code: 'MISSING_DEPENDENCY',
    trigger: true,
    severity: 'error',
    feature: 'synic',
    says: /VP_INDEX/,
    fixes: true,
  },
  { name: 'synic with vpindex', features: { synic: true, vpindex: true }, code: 'MISSING_DEPENDENCY', trigger: false },
  {
    name: 'synic without vpindex, waived by x-hv-synic-kvm-only',
    features: { synic: true, 'x-synic-kvm-only': true },
    code: 'MISSING_DEPENDENCY',
    trigger: false,
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'stimer without time',
    features: { vpindex: true, synic: true, stimer: true },
    code: 'MISSING_DEPENDENCY',
    trigger: true,
    feature: 'stimer',
    says: /clocksources/,
  },
  {
    name: 'stimer-direct with stimer off',
    features: { vpindex: true, synic: true, time: true, stimer: false, 'stimer-direct': true },
    code: 'MISSING_DEPENDENCY',
    trigger: true,
    feature: 'stimer-direct',
    syntaxes: ['qemu', 'json'],
  },
  {
    name: 'passthrough skips the checks',
    features: { stimer: true },
    mode: 'passthrough',
    code: 'MISSING_DEPENDENCY',
    trigger: false,
    syntaxes: ['qemu', 'json'],
  },
]);

describe('dependencies: chains and choices', () => {
  it('reports a chain with its cause: stimer needs synic, which needs vpindex', () => {
    const found = checkIn('qemu', makeSet({ stimer: true }), {})!;
    const synic = found.find((d) => d.feature === 'synic')!;
    expect(synic.message).toMatch(/synthetic interrupt controller.*requires.*VP_INDEX/);
    expect(synic.notes!.join(' ')).toMatch(/needed by|needs it/);
  });

  it("says libvirt's own words for stimer without the hypervclock timer", () => {
    const found = checkIn('libvirt', makeSet({ vpindex: true, synic: true, stimer: true }), {})!;
    const d = found.find((x) => x.code === 'MISSING_DEPENDENCY' && x.feature === 'stimer')!;
    expect(d.notes!.join('\n')).toContain("'stimer' hyperv feature requires 'hypervclock' timer");
  });

  it('removes what needs a feature the user turned off, instead of turning it back on', () => {
    const found = checkIn(
      'json',
      makeSet({ vpindex: true, synic: true, time: true, stimer: false, 'stimer-direct': true }),
      {},
    )!;
    const d = found.find((x) => x.code === 'MISSING_DEPENDENCY')!;
    expect(d.fix!.changes).toEqual([{ feature: 'stimer-direct', value: null }]);
    expect(d.notes![0]).toMatch(/turned off/);
  });
});
