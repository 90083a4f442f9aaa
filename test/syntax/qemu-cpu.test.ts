import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.js';
import { getValue } from '../../src/model/index.js';
import {
  parseCpuValue,
  parseQemuValue,
  printQemuCpu,
  printQemuItem,
  spellQemuChange,
} from '../../src/syntax/qemu-cpu/index.js';

const at = (from: number, to: number) => ({ start: from, end: to });

describe('the -cpu value, read as QEMU 7.2 reads it', () => {
  it('keeps the model, the items with their spans, and the features they set', () => {
    const cpu = parseCpuValue('host,hv_relaxed,hv-spinlocks=0x1fff,,-hv-vapic', at);
    expect(cpu.model).toBe('host');
    expect(cpu.items.map((i) => i.raw)).toEqual(['hv_relaxed', 'hv-spinlocks=0x1fff', '-hv-vapic']);
    expect(cpu.items[1]!.span).toEqual({ start: 16, end: 35 });
    expect(getValue(cpu.set, 'relaxed')).toBe(true);
    expect(getValue(cpu.set, 'spinlocks')).toBe(0x1fff);
    expect(getValue(cpu.set, 'vapic')).toBe(false);
    expect(cpu.style).toBe('legacy');
  });

  it("reports a value QEMU refuses in QEMU's words", () => {
    expect(parseQemuValue(CATALOG.spinlocks, 'hv-spinlocks', 'lots')).toEqual({
      ok: false,
      problem: { kind: 'number', qemuMessage: "Parameter 'hv-spinlocks' expects uint64" },
    });
    expect(parseQemuValue(CATALOG.spinlocks, 'hv-spinlocks', '0x100000000')).toEqual({
      ok: false,
      problem: { kind: 'range', qemuMessage: "Parameter 'hv-spinlocks' expects uint32_t" },
    });
    expect(parseQemuValue(CATALOG.relaxed, 'hv-relaxed', null)).toEqual({ ok: true, value: true });
  });
});

describe('-cpu items, written as QEMU and libvirt write them', () => {
  it('spells modern and legacy items, inverted properties and hex counts', () => {
    expect(printQemuItem('relaxed', true, 'modern')).toBe('hv-relaxed=on');
    expect(printQemuItem('relaxed', true, 'legacy')).toBe('hv_relaxed');
    expect(printQemuItem('spinlocks', 8191, 'modern')).toBe('hv-spinlocks=0x1fff');
    expect(printQemuItem('kvm-hidden', true, 'modern')).toBe('kvm=off');
    expect(spellQemuChange('synic', null, 'legacy')).toBe('remove hv_synic');
  });

  it('reads back what it prints', () => {
    const cpu = parseCpuValue('host,hv-relaxed=on,hv-vapic=off,hv-spinlocks=0xfff', at);
    const printed = printQemuCpu(cpu.set, { model: cpu.model });
    expect(printed.diagnostics).toEqual([]);
    expect(parseCpuValue(printed.text, at).set).toEqual(cpu.set);
  });
});
