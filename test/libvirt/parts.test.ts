import { describe, expect, it } from 'vitest';
import { editLibvirt, parseLibvirt, printLibvirt } from '../../src/formats/libvirt/index.js';
import { parseQemu } from '../../src/formats/qemu/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { checkConfig } from '../../src/rules/index.js';
import { failureOf, okValue } from '../support/parse-result.js';

/** The parts `convert --to libvirt` prints (<features>, <clock>, <devices>) read back as a domain. */
describe('parts of a domain, one after another', () => {
  const set = okValue(parseQemu('host,hv_relaxed,hv_vpindex,hv_synic,hv_stimer,hv_time,hv_crash')).set;
  const text = printLibvirt(set).text;

  it('read back to the same set, with positions in the original text', () => {
    const parsed = okValue(parseLibvirt(text));
    expect(parsed.diagnostics).toEqual([]);
    expect(toJsonSet(parsed.set)).toEqual(toJsonSet(set));
    const span = parsed.origins.stimer!;
    expect(text.slice(span.start, span.end)).toBe("<stimer state='on'/>");
  });

  it('are checked, with findings pointing into them', () => {
    const parts = printLibvirt(okValue(parseQemu('host,hv_stimer')).set).text;
    const parsed = okValue(parseLibvirt(parts));
    const found = checkConfig(parsed).filter((d) => d.code === 'MISSING_DEPENDENCY');
    expect(found.map((d) => d.fix?.changes[0]?.feature)).toEqual(['synic', 'time', 'vpindex']);
    expect(parts.slice(found[0]!.span!.start, found[0]!.span!.end)).toBe("<stimer state='on'/>");
  });

  it('cannot be edited in place, and say how to merge them', () => {
    const parsed = okValue(parseLibvirt(text));
    const out = editLibvirt(parsed, parsed.set);
    expect(out.text).toBe(text);
    expect(out.diagnostics[0]?.notes?.join(' ')).toContain('--into');
  });

  it('still refuses two roots that are not parts of a domain', () => {
    expect(failureOf(parseLibvirt('<features/><foo/>')).map((d) => d.code)).toEqual(['XML_MULTIPLE_ROOTS']);
    expect(failureOf(parseLibvirt('<domain/><domain/>')).map((d) => d.code)).toEqual(['XML_MULTIPLE_ROOTS']);
  });
});
