import { isNameStartChar } from './chars.js';
import { decodeReferences } from './entities.js';
import {
  describeDuplicateAttribute,
  describeExpected,
  describeLtInAttribute,
  describeUnclosedStartTag,
  describeUnterminated,
} from './messages.js';
import type { Scanner } from './scanner.js';
import type { Span, XmlAttribute, XmlNode, XmlQuote } from './tree.js';

/** Past this many attributes, duplicates are looked up in a Set (keeps parsing linear). */
const LINEAR_LOOKUP_LIMIT = 16;

/**
 * An element as the parser builds it: made whole at its start tag, so that no intermediate
 * object is allocated; `span` and `endTag` are set when its end tag is read (`closeElement`).
 */
export interface OpenElement {
  readonly kind: 'element';
  readonly name: string;
  span: Span;
  readonly startTag: Span;
  endTag: Span | undefined;
  readonly nameSpan: Span;
  readonly selfClosing: boolean;
  readonly attributes: XmlAttribute[];
  readonly children: XmlNode[];
}

/** Reads `<name attr='v' ...>` or `.../>`, as the element it starts; the cursor is on '<'. */
export function readStartTag(s: Scanner): OpenElement {
  const start = s.pos;
  s.pos++;
  const name = s.readName();
  if (name === '') s.fail('XML_MALFORMED', describeExpected('an element name', s.describeHere(), "after '<'"));
  const nameSpan = { start: start + 1, end: s.pos };
  const attributes = readAttributes(s, name);
  let selfClosing = false;
  if (s.code() === 0x2f && s.code(s.pos + 1) === 0x3e) {
    selfClosing = true;
    s.pos += 2;
  } else if (s.code() === 0x3e) {
    s.pos++;
  } else {
    s.fail('XML_MALFORMED', describeUnclosedStartTag(name, s.line(start), s.describeHere()));
  }
  const span = { start, end: s.pos };
  // One literal, fields in the order of XmlElement, so every element has the same shape.
  return {
    kind: 'element',
    name,
    span,
    startTag: span,
    endTag: undefined,
    nameSpan,
    selfClosing,
    attributes,
    children: [],
  };
}

/** Reads `</name>`; the cursor is on '<'. */
export function readEndTag(s: Scanner): { name: string; span: Span } {
  const start = s.pos;
  s.pos += 2;
  const name = s.readName();
  if (name === '') s.fail('XML_MALFORMED', describeExpected('an element name', s.describeHere(), "after '</'"));
  s.skipWhitespace();
  if (s.code() !== 0x3e) s.fail('XML_MALFORMED', describeExpected("'>'", s.describeHere(), `to close </${name}>`));
  s.pos++;
  return { name, span: { start, end: s.pos } };
}

/**
 * Reads attributes up to the first character that cannot start one (left at
 * the cursor for the caller to check). `owner` names the tag, for messages.
 */
export function readAttributes(s: Scanner, owner: string): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  let names: Set<string> | undefined;
  for (;;) {
    const spaced = s.skipWhitespace() > 0;
    if (!isNameStartChar(s.code())) return attributes;
    if (!spaced) s.fail('XML_MALFORMED', describeExpected('whitespace', s.describeHere(), 'between attributes'));
    const attribute = readAttribute(s, owner);
    if (attributes.length === LINEAR_LOOKUP_LIMIT) names = new Set(attributes.map((a) => a.name));
    if (names ? names.has(attribute.name) : isDuplicate(attributes, attribute.name)) {
      s.fail(
        'XML_MALFORMED',
        describeDuplicateAttribute(attribute.name, owner),
        attribute.span.start,
        attribute.span.end,
      );
    }
    attributes.push(attribute);
    names?.add(attribute.name);
  }
}

function readAttribute(s: Scanner, owner: string): XmlAttribute {
  const start = s.pos;
  const name = s.readName();
  const nameSpan = { start, end: s.pos };
  s.skipWhitespace();
  if (s.code() !== 0x3d) {
    s.fail('XML_MALFORMED', describeExpected("'='", s.describeHere(), `after attribute '${name}' of <${owner}>`));
  }
  s.pos++;
  s.skipWhitespace();
  const q = s.code();
  if (q !== 0x27 && q !== 0x22) {
    s.fail('XML_MALFORMED', describeExpected('a quoted value', s.describeHere(), `for attribute '${name}'`));
  }
  const quote: XmlQuote = q === 0x27 ? "'" : '"';
  const text = s.text;
  const valueStart = s.pos + 1;
  let close = valueStart;
  let special = false;
  for (; close < text.length; close++) {
    const c = text.charCodeAt(close);
    if (c === q) break;
    if (c === 0x3c) s.fail('XML_MALFORMED', describeLtInAttribute(name), close);
    if (c === 0x26 || c === 0x0a || c === 0x0d || c === 0x09) special = true;
  }
  if (close === text.length) {
    s.fail(
      'XML_MALFORMED',
      describeUnterminated(`value of attribute '${name}'`, quote, s.position(s.pos)),
      text.length,
    );
  }
  const raw = text.slice(valueStart, close);
  const value = special ? decodeReferences(raw, valueStart, 'attribute', s.report) : raw;
  s.pos = close + 1;
  return {
    name,
    span: { start, end: s.pos },
    nameSpan,
    valueSpan: { start: valueStart, end: close },
    quote,
    raw,
    value,
  };
}

function isDuplicate(attributes: readonly XmlAttribute[], name: string): boolean {
  for (const a of attributes) if (a.name === name) return true;
  return false;
}
