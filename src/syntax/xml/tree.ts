/**
 * The tree produced by `parseXml`. Every node keeps its exact source span
 * (UTF-16 offsets into `XmlDocument.text`, `end` exclusive). The tree is
 * plain data (no parent pointers, no cycles) and must be treated as
 * read-only: edits go through `XmlEditor`, which splices the original text.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type XmlQuote = '"' | "'";

export interface XmlAttribute {
  readonly name: string;
  /** From the first character of the name to just after the closing quote. */
  readonly span: Span;
  readonly nameSpan: Span;
  /** The value between the quotes (quotes excluded). */
  readonly valueSpan: Span;
  readonly quote: XmlQuote;
  /** The value exactly as written, entity references included. */
  readonly raw: string;
  /** The value with references decoded and whitespace normalised as XML 1.0 says. */
  readonly value: string;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  /** From '<' of the start tag to just after '>' of the end tag (or of '/>'). */
  readonly span: Span;
  readonly startTag: Span;
  /** Undefined when the element is self-closing (`<acpi/>`). */
  readonly endTag: Span | undefined;
  readonly nameSpan: Span;
  readonly selfClosing: boolean;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export interface XmlText {
  readonly kind: 'text';
  readonly span: Span;
  readonly raw: string;
  /** Decoded: references resolved, CRLF and lone CR turned into LF. */
  readonly value: string;
  /** True when the text is only spaces, tabs and line breaks (indentation). */
  readonly whitespace: boolean;
}

export interface XmlComment {
  readonly kind: 'comment';
  readonly span: Span;
  /** The text between `<!--` and `-->`. */
  readonly value: string;
  readonly valueSpan: Span;
}

export interface XmlCData {
  readonly kind: 'cdata';
  readonly span: Span;
  /** The text between `<![CDATA[` and `]]>`. */
  readonly value: string;
  readonly valueSpan: Span;
}

export interface XmlProcessingInstruction {
  readonly kind: 'processing-instruction';
  readonly span: Span;
  readonly target: string;
  readonly targetSpan: Span;
  /** Everything after the target and its following whitespace, up to `?>`. */
  readonly data: string;
  readonly dataSpan: Span;
}

/** `<?xml version="1.0" encoding="UTF-8"?>`; its pseudo-attributes are kept as attributes. */
export interface XmlDeclaration {
  readonly kind: 'declaration';
  readonly span: Span;
  readonly attributes: readonly XmlAttribute[];
  readonly version: string | undefined;
  readonly encoding: string | undefined;
  readonly standalone: string | undefined;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlCData | XmlProcessingInstruction;

/** What may stand outside the root element. */
export type XmlTopNode = XmlDeclaration | XmlElement | XmlText | XmlComment | XmlProcessingInstruction;

export interface XmlDocument {
  readonly kind: 'document';
  /** The original input, unchanged. */
  readonly text: string;
  readonly span: Span;
  /** True when the text starts with U+FEFF. The BOM is not part of any node. */
  readonly bom: boolean;
  readonly declaration: XmlDeclaration | undefined;
  /** Declaration, comments, processing instructions, whitespace and the root, in order. */
  readonly children: readonly XmlTopNode[];
  readonly root: XmlElement;
}
