import { describe, expect, it } from 'vitest';
import { parseXml, printXml, XmlEditor } from '../../../src/syntax/xml/index.js';
import { checkInvariants, FIXTURES, listXmlFiles, ORACLES, parseOk, readText } from './helpers.js';

const oracles = listXmlFiles(ORACLES);
const fixtures = listXmlFiles(FIXTURES);

describe('round trip', () => {
  it('finds the oracle and fixture files', () => {
    expect(oracles.length).toBeGreaterThanOrEqual(15);
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each([...oracles.map(([n, p]) => [`oracle ${n}`, p]), ...fixtures.map(([n, p]) => [`fixture ${n}`, p])])(
    '%s prints back byte for byte and keeps every position',
    (_name, path) => {
      const text = readText(path);
      const doc = parseOk(text);
      expect(printXml(doc)).toBe(text);
      expect(new XmlEditor(doc).apply()).toBe(text);
      checkInvariants(doc);
    },
  );

  it('keeps the bytes of the raw file, BOM included', () => {
    const text = readText(`${FIXTURES}bom.xml`);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const doc = parseOk(text);
    expect(doc.bom).toBe(true);
    expect(Buffer.from(printXml(doc), 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('refuses nothing in the oracles', () => {
    for (const [, path] of oracles) expect(parseXml(readText(path)).diagnostics).toEqual([]);
  });
});
