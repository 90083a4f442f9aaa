import { describeChar, findInvalidChar, isWhitespace } from './chars.js';
import { createError, type XmlDiagnostic } from './diagnostics.js';
import { decodeReferences } from './entities.js';
import {
  describeCdataEnd,
  describeEmpty,
  describeExpected,
  describeInvalidChar,
  describeMismatchedEndTag,
  describeMultipleRoots,
  describeNotText,
  describeTextOutsideRoot,
  describeTooDeep,
  describeTooLarge,
  describeUnclosedElement,
  describeUnmatchedEndTag,
} from './messages.js';
import {
  isDeclarationStart,
  isDtdStart,
  readCData,
  readComment,
  readDeclaration,
  readProcessingInstruction,
  refuseDtd,
} from './parse-markup.js';
import { type OpenElement, readEndTag, readStartTag } from './parse-tag.js';
import { ParseAbort, Scanner } from './scanner.js';
import type { XmlDeclaration, XmlDocument, XmlElement, XmlNode, XmlText, XmlTopNode } from './tree.js';

/** Default cap on the input: 1 MiB of characters. */
export const DEFAULT_MAX_BYTES = 1048576;
/** Default cap on element nesting. */
export const DEFAULT_MAX_DEPTH = 1000;

export interface ParseXmlOptions {
  /** Largest accepted input, in UTF-16 characters (default 1048576). */
  readonly maxBytes?: number;
  /** Deepest accepted element nesting (default 1000). */
  readonly maxDepth?: number;
}

export type XmlParseResult =
  | { readonly ok: true; readonly doc: XmlDocument; readonly diagnostics: readonly XmlDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly XmlDiagnostic[] };

/**
 * Parses XML into a position-keeping tree. Never throws on any input: every
 * problem becomes a diagnostic. DTDs are refused, so no entity is ever expanded.
 */
export function parseXml(text: string, opts: ParseXmlOptions = {}): XmlParseResult {
  if (typeof text !== 'string') {
    return { ok: false, diagnostics: [createError('XML_MALFORMED', describeNotText(typeof text))] };
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes) {
    const span = { start: maxBytes, end: text.length };
    return { ok: false, diagnostics: [createError('XML_TOO_LARGE', describeTooLarge(text.length, maxBytes), span)] };
  }
  const bad = findInvalidChar(text);
  if (bad !== -1) {
    const span = { start: bad, end: bad + 1 };
    return {
      ok: false,
      diagnostics: [createError('XML_MALFORMED', describeInvalidChar(describeChar(text, bad)), span)],
    };
  }
  const s = new Scanner(text);
  try {
    const doc = buildDocument(s, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
    return s.diagnostics.length > 0 ? { ok: false, diagnostics: s.diagnostics } : { ok: true, doc, diagnostics: [] };
  } catch (e) {
    if (e instanceof ParseAbort) return { ok: false, diagnostics: [...s.diagnostics, e.diagnostic] };
    throw e;
  }
}

function buildDocument(s: Scanner, maxDepth: number): XmlDocument {
  const text = s.text;
  const bom = text.charCodeAt(0) === 0xfeff;
  s.pos = bom ? 1 : 0;
  const top: XmlTopNode[] = [];
  let declaration: XmlDeclaration | undefined;
  if (isDeclarationStart(s)) {
    declaration = readDeclaration(s);
    top.push(declaration);
  }
  // The elements whose end tag has not been read yet.
  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  const add = (node: XmlNode): void => {
    const open = stack[stack.length - 1];
    if (open) open.children.push(node);
    else if (node.kind === 'element') root = node;
    if (!open) top.push(node as XmlTopNode);
  };
  while (s.pos < text.length) {
    if (s.code() !== 0x3c) {
      add(readText(s, stack.length > 0));
      continue;
    }
    const next = s.code(s.pos + 1);
    if (next === 0x2f) {
      add(closeElement(s, stack.pop()));
    } else if (next === 0x21) {
      if (s.at('<!--')) add(readComment(s));
      else if (s.at('<![CDATA[')) add(readCData(s, stack.length > 0));
      else if (isDtdStart(s)) refuseDtd(s);
      else
        s.fail(
          'XML_MALFORMED',
          describeExpected("'<!--' or '<![CDATA['", `'${text.slice(s.pos, s.pos + 3)}'`, 'for markup'),
        );
    } else if (next === 0x3f) {
      add(readProcessingInstruction(s));
    } else {
      const el = readStartTag(s);
      if (stack.length === 0 && root) {
        s.fail(
          'XML_MULTIPLE_ROOTS',
          describeMultipleRoots(el.name, root.name, s.position(root.span.start)),
          el.startTag.start,
          el.startTag.end,
        );
      }
      if (stack.length >= maxDepth)
        s.fail('XML_TOO_DEEP', describeTooDeep(maxDepth), el.startTag.start, el.startTag.end);
      if (el.selfClosing) add(el);
      else stack.push(el);
    }
  }
  const open = stack[stack.length - 1];
  if (open) s.fail('XML_MALFORMED', describeUnclosedElement(open.name, s.position(open.startTag.start)), text.length);
  if (!root) return s.fail('XML_EMPTY', describeEmpty(), 0, text.length);
  return { kind: 'document', text, span: { start: 0, end: text.length }, bom, declaration, children: top, root };
}

/** Reads the end tag of `open` (the element it closes, if any) and completes it. */
function closeElement(s: Scanner, open: OpenElement | undefined): XmlElement {
  const end = closesHere(s, open);
  if (end !== undefined) {
    open!.endTag = { start: s.pos, end };
    s.pos = end;
  } else {
    const { name, span } = readEndTag(s);
    if (!open) return s.fail('XML_MALFORMED', describeUnmatchedEndTag(name), span.start, span.end);
    if (open.name !== name) {
      const opened = s.position(open.startTag.start);
      s.fail('XML_MALFORMED', describeMismatchedEndTag(name, open.name, opened), span.start, span.end);
    }
    open.endTag = span;
  }
  open!.span = { start: open!.startTag.start, end: open!.endTag!.end };
  return open!;
}

/**
 * Where `</name>` of the open element ends when it stands at the cursor exactly as the element's
 * name (then and only then would readEndTag accept it, without a string to compare); undefined
 * otherwise, and readEndTag reads it, for its message.
 */
function closesHere(s: Scanner, open: OpenElement | undefined): number | undefined {
  if (!open) return undefined;
  const text = s.text;
  const at = s.pos + 2;
  if (!text.startsWith(open.name, at)) return undefined;
  let i = at + open.name.length;
  const c = text.charCodeAt(i);
  if (c !== 0x3e && !isWhitespace(c)) return undefined; // a longer name, or not an end tag
  while (isWhitespace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3e ? i + 1 : undefined;
}

/**
 * Indentation as pretty printers write it, a newline and up to 64 spaces: one string each, shared by
 * every text node that is one. Each is made the first time a document has it (most have a few), not
 * all 65 at every start.
 */
const INDENTS: (string | undefined)[] = [];
const SHARED_INDENTS = 65;

/** Reads text up to the next '<'. Outside the root only whitespace is allowed. */
function readText(s: Scanner, insideRoot: boolean): XmlText {
  const text = s.text;
  const start = s.pos;
  let end = start;
  let firstInk = -1;
  let special = false;
  // A newline and then only spaces, so far.
  let indent = text.charCodeAt(start) === 0x0a;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c === 0x3c) break;
    if (c === 0x26 || c === 0x0d) special = true;
    else if (c === 0x3e && text.charCodeAt(end - 1) === 0x5d && text.charCodeAt(end - 2) === 0x5d && end - 2 >= start) {
      s.fail('XML_MALFORMED', describeCdataEnd(), end - 2, end + 1);
    }
    if (c !== 0x20 && end > start) indent = false;
    if (firstInk === -1 && !isWhitespace(c)) firstInk = end;
  }
  s.pos = end;
  const whitespace = firstInk === -1;
  if (!insideRoot && !whitespace) s.fail('XML_MALFORMED', describeTextOutsideRoot(), firstInk);
  const raw =
    indent && end - start <= SHARED_INDENTS
      ? (INDENTS[end - start - 1] ??= `\n${' '.repeat(end - start - 1)}`)
      : text.slice(start, end);
  const value = special ? decodeReferences(raw, start, 'text', s.report) : raw;
  return { kind: 'text', span: { start, end }, raw, value, whitespace };
}
