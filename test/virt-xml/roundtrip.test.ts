import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyVirtXmlEdits,
  parseVirtXml,
  printVirtXmlCommands,
  viewAsDomain,
} from '../../src/formats/virt-xml/index.js';
import { toJsonSet } from '../../src/model/index.js';
import { anySet } from './sets.js';
import { okValue } from '../support/parse-result.js';

describe('virt-xml: print then parse gives the set', () => {
  for (const style of ['legacy', 'modern'] as const) {
    it(`${style}: applying the parsed commands to the current set gives the intended one`, () => {
      fc.assert(
        fc.property(anySet(), anySet(), (from, to) => {
          const out = printVirtXmlCommands(from, to, { style });
          const read = parseVirtXml(out.commands.join('\n') || '# nothing');
          // No command is no virt-xml to read: nothing to apply.
          expect(read.ok).toBe(out.commands.length > 0);
          const current = viewAsDomain(from).set;
          const after = viewAsDomain(applyVirtXmlEdits(current, read.ok ? read.value.edits : [])).set;
          expect(toJsonSet(after)).toEqual(toJsonSet(out.intended));
          expect(after.mode).toBe(out.intended.mode);
          if (read.ok) expect(read.value.diagnostics).toEqual([]);
          expect(out.commands.length).toBeLessThanOrEqual(3);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('from nothing, the parsed set is the intended set', () => {
    fc.assert(
      fc.property(anySet(), fc.constantFrom('legacy' as const, 'modern' as const), (to, style) => {
        const out = printVirtXmlCommands({ mode: 'custom', features: {} }, to, {
          style,
          domain: 'win 11',
          connect: 'qemu:///system',
        });
        const parsed = okValue(parseVirtXml(out.commands.join(' && \\\n  ') || '# nothing'));
        expect(toJsonSet(parsed.set)).toEqual(toJsonSet(out.intended));
        expect(parsed.set.mode).toBe(out.intended.mode);
        for (const c of parsed.commands) expect([c.domain, c.connect]).toEqual(['win 11', 'qemu:///system']);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps one change option per command, and writes each feature once', () => {
    fc.assert(
      fc.property(anySet(), anySet(), (from, to) => {
        const read = parseVirtXml(printVirtXmlCommands(from, to).commands.join('\n') || '# x');
        if (!read.ok) return; // no command printed
        const parsed = read.value;
        for (const c of parsed.commands) expect(c.options.length).toBe(1);
        expect(
          parsed.diagnostics.filter((d) => d.code === 'DUPLICATE_FEATURE' || d.code === 'SEVERAL_CHANGE_OPTIONS'),
        ).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, whatever the text', () => {
    const pieces = fc.constantFrom(
      'virt-xml',
      'sudo',
      '$VM',
      '--edit',
      '--features',
      '--clock',
      '--xml',
      '--panic',
      '--add-device',
      '--remove-device',
      'hyperv_relaxed=on',
      'xpath1.set=./hyperv/vpindex/@state=on',
      ',',
      '=',
      "'",
      '"',
      '\\',
      ';',
      '&&',
      '\n',
      ' ',
      'xpath.delete=',
      './timer[@name="x"]',
      '@',
      '[',
      'virt-install',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (parts) => {
        const read = parseVirtXml(parts.join(''));
        if (read.ok) expect(read.value.format).toBe('virt-xml');
        else expect(read.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
