import fc from 'fast-check';

/** A model of a well-formed document; whitespace between nodes is modelled as text. */
export type ModelNode =
  | {
      readonly k: 'element';
      readonly name: string;
      readonly attrs: readonly ModelAttr[];
      readonly children: readonly ModelNode[];
      readonly selfClose: boolean;
      readonly endWs: string;
    }
  | { readonly k: 'text'; readonly value: string }
  | { readonly k: 'comment'; readonly value: string }
  | { readonly k: 'cdata'; readonly value: string }
  | { readonly k: 'pi'; readonly target: string; readonly data: string };

export interface ModelAttr {
  readonly name: string;
  readonly value: string;
  readonly quote: "'" | '"';
  readonly before: string;
  readonly eq: string;
}

export interface ModelDoc {
  readonly bom: boolean;
  readonly declaration: string | null;
  readonly before: readonly ModelNode[];
  readonly root: Extract<ModelNode, { k: 'element' }>;
  readonly after: readonly ModelNode[];
}

const nameArb = fc.constantFrom(
  'a',
  'b',
  'domain',
  'hyperv',
  'relaxed',
  'vendor_id',
  'x:y',
  '_z',
  'a-b.c',
  'é',
  'n1',
  '\u{10000}q',
);
const blankArb = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\n    ', '\n\t\t');
const charArb = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '&',
  '<',
  '>',
  '"',
  "'",
  ']',
  '-',
  '?',
  '\n',
  '\t',
  'é',
  '\u{1F600}',
  ';',
  '#',
  '=',
  '/',
);
const stringOf = (chars: fc.Arbitrary<string>, minLength = 0) =>
  fc.array(chars, { minLength, maxLength: 8 }).map((a) => a.join(''));

const attrArb = fc.record({
  name: nameArb,
  value: stringOf(charArb),
  quote: fc.constantFrom<"'" | '"'>("'", '"'),
  before: blankArb,
  eq: fc.constantFrom('=', ' = ', '=\n'),
});

const leafArbs = [
  stringOf(charArb, 1).map((value) => ({ k: 'text' as const, value })),
  blankArb.map((value) => ({ k: 'text' as const, value })),
  stringOf(charArb.filter((c) => c !== '-')).map((value) => ({ k: 'comment' as const, value })),
  stringOf(charArb)
    .filter((v) => !v.includes(']]>'))
    .map((value) => ({ k: 'cdata' as const, value })),
  fc
    .record({
      target: nameArb.filter((n) => n.toLowerCase() !== 'xml'),
      data: stringOf(charArb).filter((d) => !d.includes('?>')),
    })
    .map(({ target, data }) => ({ k: 'pi' as const, target, data: data.trimStart() })),
];

const { element } = fc.letrec<{ node: ModelNode; element: Extract<ModelNode, { k: 'element' }> }>((tie) => ({
  node: fc.oneof({ maxDepth: 4, depthIdentifier: 'xml' }, ...leafArbs, tie('element')),
  element: fc.record({
    k: fc.constant('element' as const),
    name: nameArb,
    attrs: fc.uniqueArray(attrArb, { selector: (a) => a.name, maxLength: 4 }),
    children: fc.array(tie('node'), { maxLength: 6, depthIdentifier: 'xml' }),
    selfClose: fc.boolean(),
    endWs: fc.constantFrom('', ' ', '\n'),
  }),
}));

const miscArb = fc.oneof(
  blankArb.map((value) => ({ k: 'text' as const, value })),
  leafArbs[2]!,
  leafArbs[4]!,
);

export const docArb: fc.Arbitrary<ModelDoc> = fc.record({
  bom: fc.boolean(),
  declaration: fc.option(
    fc.constantFrom(
      '<?xml version="1.0"?>',
      "<?xml version='1.0' encoding='UTF-8'?>",
      '<?xml version="1.0" standalone="no" ?>',
    ),
  ),
  before: fc.array(miscArb, { maxLength: 3 }),
  root: element,
  after: fc.array(miscArb, { maxLength: 3 }),
});

/** Escapes varying the form (named, decimal, hex) by position, so all reference kinds are exercised. */
function escapeAmp(i: number): string {
  return ['&amp;', '&#38;', '&#x26;'][i % 3]!;
}

function renderAttrValue(value: string, quote: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '&') out += escapeAmp(i);
    else if (c === '<') out += '&lt;';
    else if (c === quote) out += quote === '"' ? '&quot;' : '&apos;';
    else if (c === '\n') out += '&#10;';
    else if (c === '\t') out += '&#x9;';
    else out += c;
  }
  return out;
}

function renderText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    out += c === '&' ? escapeAmp(i) : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c;
  }
  return out;
}

/** Writes the model as text, without recursion. */
export function renderDoc(doc: ModelDoc): string {
  let out = (doc.bom ? '\uFEFF' : '') + (doc.declaration ?? '');
  const work: (ModelNode | string)[] = [...doc.before, doc.root, ...doc.after].reverse();
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    switch (item.k) {
      case 'text':
        out += renderText(item.value);
        break;
      case 'comment':
        out += `<!--${item.value}-->`;
        break;
      case 'cdata':
        out += `<![CDATA[${item.value}]]>`;
        break;
      case 'pi':
        out += `<?${item.target}${item.data === '' ? '' : ` ${item.data}`}?>`;
        break;
      case 'element': {
        out += `<${item.name}`;
        for (const a of item.attrs)
          out += `${a.before}${a.name}${a.eq}${a.quote}${renderAttrValue(a.value, a.quote)}${a.quote}`;
        out += item.endWs;
        if (item.children.length === 0 && item.selfClose) {
          out += '/>';
          break;
        }
        out += '>';
        work.push(`</${item.name}>`);
        for (let i = item.children.length - 1; i >= 0; i--) work.push(item.children[i]!);
      }
    }
  }
  return out;
}

/** What a node should parse to: adjacent texts merged, CRLF read as LF, formatting dropped. */
export type Shape = readonly unknown[];

export function shapeModel(nodes: readonly ModelNode[]): Shape[] {
  const out: Shape[] = [];
  let text: string | undefined;
  const flush = () => {
    if (text !== undefined) out.push(['text', text.replace(/\r\n/g, '\n')]);
    text = undefined;
  };
  for (const n of nodes) {
    if (n.k === 'text') {
      text = (text ?? '') + n.value;
      continue;
    }
    flush();
    if (n.k === 'element') out.push(['element', n.name, n.attrs.map((a) => [a.name, a.value]), shapeModel(n.children)]);
    else if (n.k === 'pi') out.push(['pi', n.target, n.data]);
    else out.push([n.k, n.value]);
  }
  flush();
  return out;
}
