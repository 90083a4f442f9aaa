import { describe, expect, it } from 'vitest';
import { find, findChild, getAttribute, getAttributeNode, getTextContent } from '../../../src/syntax/xml/index.js';
import { FIXTURES, parseOk, readText } from './helpers.js';

const fixture = (name: string) => parseOk(readText(`${FIXTURES}${name}`));

describe('parseXml tree', () => {
  it('gives the spans of an element, its tags, name and attributes', () => {
    const text = '<a>\n  <b x=\'1\' y="2">t</b>\n</a>';
    const doc = parseOk(text);
    const b = findChild(doc.root, 'b')!;
    expect(b.span).toEqual({ start: 6, end: 26 });
    expect(b.startTag).toEqual({ start: 6, end: 21 });
    expect(b.endTag).toEqual({ start: 22, end: 26 });
    expect(b.nameSpan).toEqual({ start: 7, end: 8 });
    const [x, y] = b.attributes;
    expect(x).toEqual({
      name: 'x',
      span: { start: 9, end: 14 },
      nameSpan: { start: 9, end: 10 },
      valueSpan: { start: 12, end: 13 },
      quote: "'",
      raw: '1',
      value: '1',
    });
    expect(y?.quote).toBe('"');
    expect(y?.valueSpan).toEqual({ start: 18, end: 19 });
    expect(doc.root.children.map((c) => c.kind)).toEqual(['text', 'element', 'text']);
    expect(doc.root.children[0]).toMatchObject({ kind: 'text', raw: '\n  ', whitespace: true });
  });

  // Indentation text (a newline and up to 64 spaces) is one shared string per depth, made the
  // first time a document has it: every depth, in any order, still reads as written.
  it('reads indentation of every depth as written, the shared strings included', () => {
    const depths = [0, 1, 2, 63, 64, 65, 66, 100, 2, 64, 0, 65];
    for (const order of [depths, [...depths].reverse()]) {
      const text = `<a>${order.map((n) => `\n${' '.repeat(n)}<b/>`).join('')}\n</a>`;
      const texts = parseOk(text).root.children.filter((c) => c.kind === 'text');
      expect(texts.map((t) => t.raw)).toEqual([...order.map((n) => `\n${' '.repeat(n)}`), '\n']);
      expect(texts.map((t) => text.slice(t.span.start, t.span.end))).toEqual(texts.map((t) => t.raw));
    }
  });

  it('decodes the predefined and numeric entities in text and attributes', () => {
    const doc = fixture('entities.xml');
    expect(getTextContent(findChild(doc.root, 'name')!)).toBe('a <b> & "c" \'d\' AB\u{1F600}');
    const vendor = find(doc.root, 'features/hyperv/vendor_id')!;
    expect(getAttribute(vendor, 'value')).toBe('<&>A');
    expect(getAttributeNode(vendor, 'value')?.raw).toBe('&lt;&amp;&gt;&#x41;');
  });

  it('normalises whitespace in attribute values but keeps character references', () => {
    const doc = fixture('multiline-attributes.xml');
    expect(getAttribute(find(doc.root, 'features/hyperv/vendor_id')!, 'value')).toBe('a\nb\tc');
    expect(getAttribute(find(doc.root, 'devices/disk')!, 'device')).toBe('disk');
    expect(getAttribute(parseOk("<a v='x\r\ny\tz'/>").root, 'v')).toBe('x y z');
  });

  it('turns CRLF into LF in decoded text only', () => {
    const doc = parseOk('<a>x\r\ny\rz</a>');
    const text = doc.root.children[0]!;
    expect(text).toMatchObject({ raw: 'x\r\ny\rz', value: 'x\ny\nz' });
  });

  it('keeps the XML declaration with its pseudo-attributes', () => {
    const doc = fixture('declaration.xml');
    expect(doc.declaration).toMatchObject({
      kind: 'declaration',
      version: '1.0',
      encoding: 'UTF-8',
      standalone: 'yes',
    });
    expect(doc.declaration?.span).toEqual({ start: 0, end: 55 });
    expect(doc.children[0]).toBe(doc.declaration);
  });

  it('keeps CDATA sections as written', () => {
    const doc = fixture('cdata.xml');
    const description = findChild(doc.root, 'description')!;
    expect(description.children[0]).toMatchObject({ kind: 'cdata', value: 'Windows <11> & friends ]] > ' });
    expect(getTextContent(findChild(doc.root, 'metadata')!)).toBe('\n    multi\n    line\n  ');
  });

  it('keeps processing instructions inside and around the root', () => {
    const doc = fixture('processing-instructions.xml');
    const pis = doc.children.filter((c) => c.kind === 'processing-instruction');
    expect(pis.map((p) => p.kind === 'processing-instruction' && [p.target, p.data])).toEqual([
      ['xml-stylesheet', 'type="text/xsl" href="style.xsl"'],
      ['trailing', 'pi'],
    ]);
    expect(doc.root.children.find((c) => c.kind === 'processing-instruction')).toMatchObject({
      target: 'enlighten',
      data: 'keep this',
    });
    expect(findChild(doc.root, 'features')!.children[0]).toMatchObject({ target: 'empty', data: '' });
  });

  it('keeps comments everywhere, with their text', () => {
    const doc = fixture('comments-everywhere.xml');
    const top = doc.children.filter((c) => c.kind === 'comment');
    expect(top.map((c) => c.kind === 'comment' && c.value)).toEqual([
      ' before the root ',
      ' a second one ',
      ' after the root ',
    ]);
    const name = findChild(doc.root, 'name')!;
    expect(name.children.map((c) => c.kind)).toEqual(['text', 'comment']);
    expect(getTextContent(name)).toBe('win11');
  });

  it('skips the BOM, which belongs to no node', () => {
    const doc = fixture('bom.xml');
    expect(doc.bom).toBe(true);
    expect(doc.root.span.start).toBe(1);
  });

  it('handles characters outside the BMP in names and values', () => {
    const doc = parseOk("<a\u{10000}b x='\u{1F600}'>\u{1F600}</a\u{10000}b>");
    expect(doc.root.name).toBe('a\u{10000}b');
    expect(getAttribute(doc.root, 'x')).toBe('\u{1F600}');
  });

  it('accepts whitespace before > in end tags and around =', () => {
    const doc = parseOk("<a  x = 'y' ></a  >");
    expect(getAttribute(doc.root, 'x')).toBe('y');
    expect(doc.root.endTag).toEqual({ start: 13, end: 19 });
  });
});
