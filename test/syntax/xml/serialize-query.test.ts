import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectQuote,
  detectStyle,
  escapeAttributeValue,
  escapeText,
  find,
  findAll,
  findChild,
  findChildren,
  findParent,
  getAttribute,
  getChildElements,
  getTextContent,
  reindentMarkup,
  serializeElement,
  walkElements,
  XmlValueError,
  type XmlElementSpec,
} from '../../../src/syntax/xml/index.js';
import { FIXTURES, ORACLES, parseOk, readText } from './helpers.js';
import { type ModelNode, docArb, renderDoc } from './arbitraries.js';

describe('serializeElement', () => {
  const hyperv: XmlElementSpec = {
    name: 'hyperv',
    attributes: { mode: 'custom' },
    children: [
      {
        name: 'spinlocks',
        attributes: [
          ['state', 'on'],
          ['retries', '8191'],
        ],
      },
      { name: 'vendor_id', attributes: { state: 'on', value: `KVM "Hv" & 'co'` } },
      { name: 'stimer', attributes: { state: 'on' }, children: [{ name: 'direct', attributes: { state: 'on' } }] },
    ],
  };

  it('writes nested elements with the given quote, indentation and line ending', () => {
    expect(serializeElement(hyperv)).toBe(
      "<hyperv mode='custom'>\n  <spinlocks state='on' retries='8191'/>\n  <vendor_id state='on' value='KVM \"Hv\" &amp; &apos;co&apos;'/>\n" +
        "  <stimer state='on'>\n    <direct state='on'/>\n  </stimer>\n</hyperv>",
    );
    expect(serializeElement(hyperv, { quote: '"', indentUnit: '\t', newline: '\r\n', indent: '\t' })).toBe(
      '<hyperv mode="custom">\r\n\t\t<spinlocks state="on" retries="8191"/>\r\n\t\t<vendor_id state="on" value="KVM &quot;Hv&quot; &amp; \'co\'"/>\r\n' +
        '\t\t<stimer state="on">\r\n\t\t\t<direct state="on"/>\r\n\t\t</stimer>\r\n\t</hyperv>',
    );
  });

  it('keeps text-only elements on one line and escapes text', () => {
    expect(serializeElement({ name: 'name', children: ['a<b> & c'] })).toBe('<name>a&lt;b&gt; &amp; c</name>');
    expect(serializeElement({ name: 'a', children: ['x', { name: 'b' }] })).toBe('<a>\n  x\n  <b/>\n</a>');
  });

  it('round-trips through the parser', () => {
    const doc = parseOk(serializeElement(hyperv));
    expect(getAttribute(find(doc.root, 'vendor_id')!, 'value')).toBe(`KVM "Hv" & 'co'`);
    expect(getAttribute(find(doc.root, 'stimer/direct')!, 'state')).toBe('on');
  });

  it('writes very deep specs without recursion', () => {
    let spec = { name: 'leaf' } as { name: string; children?: unknown[] };
    for (let i = 0; i < 20_000; i++) spec = { name: 'n', children: [spec] };
    const out = serializeElement(spec as Parameters<typeof serializeElement>[0], { indentUnit: '' });
    expect(out.startsWith('<n>\n<n>')).toBe(true);
  });

  it('refuses names and characters XML cannot hold', () => {
    expect(() => serializeElement({ name: 'a b' })).toThrow(XmlValueError);
    expect(() => serializeElement({ name: 'a', attributes: { '': 'x' } })).toThrow(XmlValueError);
    expect(() =>
      serializeElement({
        name: 'a',
        attributes: [
          ['x', '1'],
          ['x', '2'],
        ],
      }),
    ).toThrow(/given twice/);
    expect(() => serializeElement({ name: 'a', children: ['\u0007'] })).toThrow(/U\+0007/);
  });
});

describe('escaping', () => {
  it('escapes attribute values for their quote, keeping whitespace through references', () => {
    expect(escapeAttributeValue(`a'b"c&d<e>f`, "'")).toBe(`a&apos;b"c&amp;d&lt;e>f`);
    expect(escapeAttributeValue(`a'b"c`, '"')).toBe(`a'b&quot;c`);
    expect(escapeAttributeValue('a\tb\nc\rd', "'")).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeAttributeValue('plain', "'")).toBe('plain');
  });

  it('escapes text', () => {
    expect(escapeText('a]]>b & <c>\r')).toBe('a]]&gt;b &amp; &lt;c&gt;&#13;');
  });

  it('re-indents markup strings', () => {
    expect(reindentMarkup('\n<a>\r\n  <b/>\n\n</a>\n', '    ', '\r\n')).toBe('<a>\r\n      <b/>\r\n\r\n    </a>');
  });
});

describe('detectStyle', () => {
  it.each([
    ['hyperv.x86_64-latest.xml', ORACLES, { quote: "'", indentUnit: '  ', newline: '\n' }],
    ['tabs.xml', FIXTURES, { quote: "'", indentUnit: '\t', newline: '\n' }],
    ['three-spaces.xml', FIXTURES, { quote: "'", indentUnit: '   ', newline: '\n' }],
    ['crlf.xml', FIXTURES, { quote: "'", indentUnit: '  ', newline: '\r\n' }],
    ['mixed-quotes.xml', FIXTURES, { quote: '"', indentUnit: '  ', newline: '\n' }],
    ['no-trailing-newline.xml', FIXTURES, { quote: "'", indentUnit: '  ', newline: '\n' }],
  ])('%s', (name, dir, style) => {
    expect(detectStyle(parseOk(readText(`${dir}${name}`)))).toEqual(style);
  });

  // The quote of most attributes, single on a tie or with none (libvirt's fix words ask only for
  // it): counted here on the generated model, not on the parsed tree.
  it('gives the quote most attributes of the document use, single on a tie', () => {
    type Element = Extract<ModelNode, { k: 'element' }>;
    const quotes = (el: Element): ("'" | '"')[] => [
      ...el.attrs.map((a) => a.quote),
      ...el.children.flatMap((c) => (c.k === 'element' ? quotes(c) : [])),
    ];
    fc.assert(
      fc.property(docArb, (model) => {
        const all = quotes(model.root);
        const double = all.filter((q) => q === '"').length;
        const want = double > all.length - double ? '"' : "'";
        const doc = parseOk(renderDoc(model));
        expect(detectQuote(doc)).toBe(want);
        expect(detectStyle(doc).quote).toBe(want);
      }),
      { numRuns: 500 },
    );
  });
});

describe('queries', () => {
  const doc = parseOk(readText(`${ORACLES}hyperv.x86_64-latest.xml`));

  it('finds elements by path, from an element or from the document', () => {
    expect(find(doc.root, 'features/hyperv')?.name).toBe('hyperv');
    expect(find(doc, 'domain/features/hyperv/spinlocks')?.attributes.map((a) => a.value)).toEqual(['on', '12287']);
    expect(find(doc.root, '/features/hyperv/')?.name).toBe('hyperv');
    expect(find(doc.root, 'features/nothing')).toBeUndefined();
    expect(find(doc, 'other/features')).toBeUndefined();
    expect(findAll(doc.root, 'devices/controller').map((c) => getAttribute(c, 'type'))).toEqual(['usb', 'pci']);
  });

  it('lists and finds children, and reads attributes and text', () => {
    const features = findChild(doc.root, 'features')!;
    expect(getChildElements(features).map((e) => e.name)).toEqual(['acpi', 'hyperv']);
    expect(findChildren(doc.root, 'on_reboot')).toHaveLength(1);
    expect(getAttribute(find(features, 'hyperv/vendor_id')!, 'value')).toBe('KVM Hv');
    expect(getAttribute(features, 'missing')).toBeUndefined();
    expect(getTextContent(findChild(doc.root, 'name')!)).toBe('QEMUGuest1');
  });

  it('walks every element in document order and finds parents', () => {
    const names = [...walkElements(doc)].map((e) => e.name);
    expect(names.slice(0, 4)).toEqual(['domain', 'name', 'uuid', 'memory']);
    expect(names.filter((n) => n === 'input')).toHaveLength(2);
    const relaxed = find(doc.root, 'features/hyperv/relaxed')!;
    expect(findParent(doc, relaxed)?.name).toBe('hyperv');
    expect(findParent(doc, doc.root)).toBeUndefined();
    expect([...walkElements(relaxed)]).toEqual([relaxed]);
  });
});
