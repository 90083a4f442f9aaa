import type { Span } from './tree.js';

/** Stable diagnostic codes of the XML layer. Never rename one; add new ones. */
export const XML_CODES = [
  'XML_MALFORMED',
  'XML_DTD_REFUSED',
  'XML_UNKNOWN_ENTITY',
  'XML_TOO_LARGE',
  'XML_TOO_DEEP',
  'XML_EMPTY',
  'XML_MULTIPLE_ROOTS',
  'XML_ENCODING_REFUSED',
] as const;

export type XmlCode = (typeof XML_CODES)[number];

export type XmlSeverity = 'error' | 'warning' | 'info';

export interface XmlDiagnostic {
  readonly code: XmlCode;
  readonly severity: XmlSeverity;
  readonly message: string;
  readonly span?: Span;
}

export interface LineColumn {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units from the start of the line. */
  readonly column: number;
}

/**
 * Converts a UTF-16 offset to a 1-based line and column. LF, CRLF and a lone
 * CR each end a line. Offsets outside the text are clamped.
 */
export function offsetToLineColumn(text: string, offset: number): LineColumn {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** `line:column` of an offset, for messages. */
export function formatPosition(text: string, offset: number): string {
  const { line, column } = offsetToLineColumn(text, offset);
  return `${line}:${column}`;
}

export function createError(code: XmlCode, message: string, span?: Span): XmlDiagnostic {
  return span === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, span };
}
