import { isWhitespace } from './chars.js';
import {
  describeCdataOutsideRoot,
  describeDoubleHyphen,
  describeDtdRefused,
  describeEncodingRefused,
  describeExpected,
  describeMisplacedDeclaration,
  describeReservedTarget,
  describeUnterminated,
} from './messages.js';
import { readAttributes } from './parse-tag.js';
import type { Scanner } from './scanner.js';
import type { XmlCData, XmlComment, XmlDeclaration, XmlProcessingInstruction } from './tree.js';

/** Reads `<!-- ... -->`; the cursor is on '<'. */
export function readComment(s: Scanner): XmlComment {
  const start = s.pos;
  const valueStart = start + 4;
  const close = s.text.indexOf('-->', valueStart);
  if (close === -1) s.fail('XML_MALFORMED', describeUnterminated('comment', '-->', s.position(start)), s.text.length);
  const value = s.text.slice(valueStart, close);
  const hyphens = value.indexOf('--');
  if (hyphens !== -1) s.fail('XML_MALFORMED', describeDoubleHyphen(), valueStart + hyphens, valueStart + hyphens + 2);
  if (value.endsWith('-')) s.fail('XML_MALFORMED', describeDoubleHyphen(), close - 1, close + 1);
  s.pos = close + 3;
  return { kind: 'comment', span: { start, end: s.pos }, value, valueSpan: { start: valueStart, end: close } };
}

/** Reads `<![CDATA[ ... ]]>`; the cursor is on '<'. */
export function readCData(s: Scanner, insideRoot: boolean): XmlCData {
  const start = s.pos;
  if (!insideRoot) s.fail('XML_MALFORMED', describeCdataOutsideRoot(), start, start + 9);
  const valueStart = start + 9;
  const close = s.text.indexOf(']]>', valueStart);
  if (close === -1)
    s.fail('XML_MALFORMED', describeUnterminated('CDATA section', ']]>', s.position(start)), s.text.length);
  s.pos = close + 3;
  const value = s.text.slice(valueStart, close);
  return { kind: 'cdata', span: { start, end: s.pos }, value, valueSpan: { start: valueStart, end: close } };
}

const DTD_KEYWORDS = ['DOCTYPE', 'ENTITY', 'ELEMENT', 'ATTLIST', 'NOTATION'];

/** True at `<!DOCTYPE`, `<!ENTITY` and the other DTD declarations (any case). */
export function isDtdStart(s: Scanner): boolean {
  const word = s.text.slice(s.pos + 2, s.pos + 10).toUpperCase();
  return DTD_KEYWORDS.some((k) => word.startsWith(k));
}

/** Refuses a DTD at once, without reading it: nothing in it is ever expanded. */
export function refuseDtd(s: Scanner): never {
  return s.fail('XML_DTD_REFUSED', describeDtdRefused(), s.pos, s.pos + 9);
}

/** Reads `<?target data?>`; the cursor is on '<'. */
export function readProcessingInstruction(s: Scanner): XmlProcessingInstruction {
  const start = s.pos;
  s.pos += 2;
  const target = s.readName();
  if (target === '')
    s.fail('XML_MALFORMED', describeExpected('a processing instruction target', s.describeHere(), "after '<?'"));
  const targetSpan = { start: start + 2, end: s.pos };
  if (target === 'xml') s.fail('XML_MALFORMED', describeMisplacedDeclaration(), start, s.pos);
  if (target.toLowerCase() === 'xml') s.fail('XML_MALFORMED', describeReservedTarget(target), start, s.pos);
  const spaced = s.skipWhitespace() > 0;
  if (!spaced && !s.at('?>')) {
    s.fail('XML_MALFORMED', describeExpected("whitespace or '?>'", s.describeHere(), `after <?${target}`));
  }
  const dataStart = s.pos;
  const close = s.text.indexOf('?>', dataStart);
  if (close === -1)
    s.fail('XML_MALFORMED', describeUnterminated('processing instruction', '?>', s.position(start)), s.text.length);
  s.pos = close + 2;
  const data = s.text.slice(dataStart, close);
  return {
    kind: 'processing-instruction',
    span: { start, end: s.pos },
    target,
    targetSpan,
    data,
    dataSpan: { start: dataStart, end: close },
  };
}

/** True at `<?xml` followed by whitespace or '?': the XML declaration. */
export function isDeclarationStart(s: Scanner): boolean {
  if (!s.at('<?xml')) return false;
  const c = s.code(s.pos + 5);
  return isWhitespace(c) || c === 0x3f;
}

/** The encodings a declaration may name: the text arrives decoded from UTF-8 or UTF-16. */
const UNICODE = /^(utf-?8|utf-?16(le|be)?)$/i;

/** Reads `<?xml version="1.0" ...?>`; the cursor is on '<'. A non-Unicode encoding is refused. */
export function readDeclaration(s: Scanner): XmlDeclaration {
  const start = s.pos;
  s.pos += 5;
  const attributes = readAttributes(s, '?xml');
  if (!s.at('?>')) s.fail('XML_MALFORMED', describeExpected("'?>'", s.describeHere(), 'to close the XML declaration'));
  s.pos += 2;
  const find = (name: string) => attributes.find((a) => a.name === name)?.value;
  const version = find('version');
  if (version === undefined) {
    s.fail(
      'XML_MALFORMED',
      describeExpected("a version (version='1.0')", 'none', 'in the XML declaration'),
      start,
      s.pos,
    );
  }
  const encoding = attributes.find((a) => a.name === 'encoding');
  if (encoding && !UNICODE.test(encoding.value)) {
    s.fail(
      'XML_ENCODING_REFUSED',
      describeEncodingRefused(encoding.value),
      encoding.valueSpan.start,
      encoding.valueSpan.end,
    );
  }
  return {
    kind: 'declaration',
    span: { start, end: s.pos },
    attributes,
    version,
    encoding: find('encoding'),
    standalone: find('standalone'),
  };
}
