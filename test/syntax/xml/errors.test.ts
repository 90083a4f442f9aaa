import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, offsetToLineColumn, parseXml, XML_CODES } from '../../../src/syntax/xml/index.js';
import { describeDiagnostics, parseErrors } from './helpers.js';

/** `code@line:column` of the first diagnostic, and its message. */
function firstError(text: string, opts?: Parameters<typeof parseXml>[1]): [string, string] {
  const result = parseXml(text, opts);
  if (result.ok) throw new Error('expected diagnostics');
  const first = result.diagnostics[0]!;
  return [describeDiagnostics(text, [first])[0]!, first.message];
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
`;

describe('offsetToLineColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nb', 2, 2, 1],
    ['a\r\nb', 3, 2, 1],
    ['a\rb\nc', 4, 3, 1],
    ['a\n', 2, 2, 1],
    ['', 5, 1, 1],
  ])('%j at %i is %i:%i', (text, offset, line, column) => {
    expect(offsetToLineColumn(text, offset)).toEqual({ line, column });
  });
});

describe('XML_MALFORMED', () => {
  it('names the unclosed start tag and the line it opened on', () => {
    const text = "<domain>\n  <features>\n    <hyperv mode='custom'\n      <relaxed state='on'/>\n";
    expect(firstError(text)).toEqual([
      'XML_MALFORMED@4:7',
      "expected '>' to close <hyperv> opened at line 3, found '<'",
    ]);
  });

  it('names a mismatched end tag and where the open element started', () => {
    const text = '<domain>\n  <os>\n  </os>\n    <bar>\n  </foo>\n</domain>';
    expect(firstError(text)).toEqual(['XML_MALFORMED@5:3', '</foo> does not match <bar> opened at 4:5']);
  });

  it.each([
    ['<a>', 'XML_MALFORMED@1:4', 'expected </a> to close <a> opened at 1:1, but the input ended'],
    ['<a>\n  <b>\n</a>', 'XML_MALFORMED@3:1', '</a> does not match <b> opened at 2:3'],
    ['<a></a></b>', 'XML_MALFORMED@1:8', '</b> has no matching start tag'],
    ['<a b=c/>', 'XML_MALFORMED@1:6', "expected a quoted value for attribute 'b', found 'c'"],
    ['<a b/>', 'XML_MALFORMED@1:5', "expected '=' after attribute 'b' of <a>, found '/'"],
    ["<a b='1'c='2'/>", 'XML_MALFORMED@1:9', "expected whitespace between attributes, found 'c'"],
    ["<a\n b='1' b='2'/>", 'XML_MALFORMED@2:8', "attribute 'b' appears twice on <a>"],
    [
      "<a b='x<y'/>",
      'XML_MALFORMED@1:8',
      "'<' is not allowed in the value of attribute 'b' (write &lt;, or check for a missing closing quote)",
    ],
    [
      "<a b='xy/>",
      'XML_MALFORMED@1:11',
      "expected ''' to close the value of attribute 'b' opened at 1:6, but the input ended",
    ],
    [
      '<a>fish & chips</a>',
      'XML_MALFORMED@1:9',
      "expected a reference such as &amp; after '&'; write &amp; for a literal '&'",
    ],
    [
      '<a>&#0;</a>',
      'XML_MALFORMED@1:4',
      'invalid character reference &#0;: expected &#NN; or &#xHH; naming a character XML allows',
    ],
    [
      '<a>&#xZ;</a>',
      'XML_MALFORMED@1:4',
      'invalid character reference &#xZ: expected &#NN; or &#xHH; naming a character XML allows',
    ],
    ['<a><!-- a -- b --></a>', 'XML_MALFORMED@1:11', "'--' is not allowed inside a comment"],
    ['<a><!-- a ---></a>', 'XML_MALFORMED@1:11', "'--' is not allowed inside a comment"],
    ['<a><!-- open', 'XML_MALFORMED@1:13', "expected '-->' to close the comment opened at 1:4, but the input ended"],
    [
      '<a><![CDATA[x',
      'XML_MALFORMED@1:14',
      "expected ']]>' to close the CDATA section opened at 1:4, but the input ended",
    ],
    ['<![CDATA[x]]><a/>', 'XML_MALFORMED@1:1', 'a CDATA section is not allowed outside the root element'],
    ['<a>x]]>y</a>', 'XML_MALFORMED@1:5', "']]>' is not allowed in text (write ]]&gt;)"],
    ['<a/>\ntext', 'XML_MALFORMED@2:1', 'text is not allowed outside the root element'],
    ['hello <a/>', 'XML_MALFORMED@1:1', 'text is not allowed outside the root element'],
    [
      '<a/>\n<?xml version="1.0"?>',
      'XML_MALFORMED@2:1',
      'the XML declaration <?xml ...?> may only appear at the very start of the document',
    ],
    [
      '<?xml encoding="UTF-8"?><a/>',
      'XML_MALFORMED@1:1',
      "expected a version (version='1.0') in the XML declaration, found none",
    ],
    [
      '<a><?pi x',
      'XML_MALFORMED@1:10',
      "expected '?>' to close the processing instruction opened at 1:4, but the input ended",
    ],
    ['<a><?pi', 'XML_MALFORMED@1:8', "expected whitespace or '?>' after <?pi, found the end of the input"],
    [
      '<?XML version="1.0"?><a/>',
      'XML_MALFORMED@1:1',
      "the processing instruction target 'XML' is reserved (names starting with 'xml' in any case belong to XML itself)",
    ],
    ['<a><!foo></a>', 'XML_MALFORMED@1:4', "expected '<!--' or '<![CDATA[' for markup, found '<!f'"],
    ['<a>< b/></a>', 'XML_MALFORMED@1:5', "expected an element name after '<', found U+0020"],
    ['<a></ a>', 'XML_MALFORMED@1:6', "expected an element name after '</', found U+0020"],
    ['<a></a x>', 'XML_MALFORMED@1:8', "expected '>' to close </a>, found 'x'"],
    [
      '<a>\u0001</a>',
      'XML_MALFORMED@1:4',
      'character U+0001 is not allowed in XML; is this a binary file or the wrong encoding?',
    ],
    [
      '<a>\uD800</a>',
      'XML_MALFORMED@1:4',
      'character U+D800 is not allowed in XML; is this a binary file or the wrong encoding?',
    ],
    [
      '<a>\uFFFF</a>',
      'XML_MALFORMED@1:4',
      'character U+FFFF is not allowed in XML; is this a binary file or the wrong encoding?',
    ],
  ])('%j -> %s', (text, where, message) => {
    expect(firstError(text)).toEqual([where, message]);
  });
});

describe('non-string input', () => {
  it('is a diagnostic, not an exception', () => {
    expect(parseXml(undefined as unknown as string).diagnostics.map((d) => d.code)).toEqual(['XML_MALFORMED']);
  });
});

describe('XML_DTD_REFUSED', () => {
  it('refuses the billion laughs at once', () => {
    const diagnostics = parseErrors(BILLION_LAUGHS);
    expect(describeDiagnostics(BILLION_LAUGHS, diagnostics)).toEqual(['XML_DTD_REFUSED@2:1']);
    expect(diagnostics[0]!.message).toMatch(
      /DTDs and entity declarations are refused.*libvirt domain XML never needs them/,
    );
  });

  it('refuses an external entity without reading anything', () => {
    const text = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>';
    expect(describeDiagnostics(text, parseErrors(text))).toEqual(['XML_DTD_REFUSED@1:1']);
  });

  it.each([
    '<!DOCTYPE domain>\n<domain/>',
    '<a><!ENTITY e "x"></a>',
    '<!doctype html><a/>',
    '<a>\n  <!ATTLIST a b CDATA #IMPLIED>\n</a>',
  ])('refuses %j', (text) => {
    expect(parseErrors(text).map((d) => d.code)).toEqual(['XML_DTD_REFUSED']);
  });
});

describe('XML_UNKNOWN_ENTITY', () => {
  it('reports an undeclared entity in text, with its position', () => {
    const text = '<domain>\n  <name>&foo;</name>\n</domain>';
    const diagnostics = parseErrors(text);
    expect(describeDiagnostics(text, diagnostics)).toEqual(['XML_UNKNOWN_ENTITY@2:9']);
    expect(diagnostics[0]!.message).toContain('unknown entity &foo;');
    expect(diagnostics[0]!.span).toEqual({ start: 17, end: 22 });
  });

  it('reports every unknown entity, in attributes too', () => {
    const text = "<a x='&nbsp;'>&copy; &lt; &e;</a>";
    expect(describeDiagnostics(text, parseErrors(text))).toEqual([
      'XML_UNKNOWN_ENTITY@1:7',
      'XML_UNKNOWN_ENTITY@1:15',
      'XML_UNKNOWN_ENTITY@1:27',
    ]);
  });
});

describe('many problems', () => {
  it('stops after 100 diagnostics', () => {
    const diagnostics = parseErrors(`<a>${'&e;'.repeat(5000)}</a>`);
    expect(diagnostics).toHaveLength(100);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['XML_UNKNOWN_ENTITY']));
  });
});

describe('XML_TOO_LARGE', () => {
  it('refuses input over maxBytes, naming the cap and what to do', () => {
    const text = `<a>${'x'.repeat(100)}</a>`;
    const [where, message] = firstError(text, { maxBytes: 50 });
    expect(where).toBe('XML_TOO_LARGE@1:51');
    expect(message).toContain('over the cap of 50 characters');
    expect(message).toContain('pass --max-bytes to raise the cap');
    expect(parseXml(text, { maxBytes: 200 }).ok).toBe(true);
  });

  it('defaults to 1 MiB', () => {
    expect(DEFAULT_MAX_BYTES).toBe(1048576);
    const text = `<a>${' '.repeat(DEFAULT_MAX_BYTES)}</a>`;
    const diagnostics = parseErrors(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['XML_TOO_LARGE']);
    expect(diagnostics[0]!.message).toContain('(1 MiB)');
  });
});

describe('XML_TOO_DEEP', () => {
  const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);

  it('accepts 1000 levels and refuses 1001, at the offending tag', () => {
    expect(parseXml(nested(1000)).ok).toBe(true);
    expect(firstError(nested(1001))[0]).toBe('XML_TOO_DEEP@1:3001');
  });

  it('stops a very deep document without exhausting the stack', () => {
    const text = nested(200_000);
    const result = parseXml(text, { maxBytes: 10_000_000 });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['XML_TOO_DEEP']);
    expect(parseXml(nested(5000), { maxDepth: 10_000 }).ok).toBe(true);
  });
});

describe('XML_EMPTY and XML_MULTIPLE_ROOTS', () => {
  it.each(['', '   \n', '<!-- only a comment -->', '<?xml version="1.0"?>\n', '\uFEFF'])('%j has no root', (text) => {
    expect(parseErrors(text).map((d) => d.code)).toEqual(['XML_EMPTY']);
  });

  it('reports a second root where it starts', () => {
    const text = '<domain/>\n<!-- x -->\n<domain type="kvm"/>';
    expect(firstError(text)).toEqual([
      'XML_MULTIPLE_ROOTS@3:1',
      'a second root element <domain> follows <domain> opened at 1:1; a document has exactly one root element',
    ]);
  });
});

describe('codes', () => {
  it('are stable SCREAMING_SNAKE_CASE names', () => {
    expect(XML_CODES).toEqual([
      'XML_MALFORMED',
      'XML_DTD_REFUSED',
      'XML_UNKNOWN_ENTITY',
      'XML_TOO_LARGE',
      'XML_TOO_DEEP',
      'XML_EMPTY',
      'XML_MULTIPLE_ROOTS',
      'XML_ENCODING_REFUSED',
    ]);
  });

  it('every diagnostic is an error with a span inside the text', () => {
    for (const text of ['<a>', BILLION_LAUGHS, '<a>&x;</a>', '', '<a/><b/>']) {
      for (const d of parseErrors(text)) {
        expect(d.severity).toBe('error');
        expect(d.span!.start).toBeGreaterThanOrEqual(0);
        expect(d.span!.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
