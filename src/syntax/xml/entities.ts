import { isNameChar, isNameStartChar, isXmlCodePoint } from './chars.js';
import { createError, type XmlDiagnostic } from './diagnostics.js';
import { describeBareAmpersand, describeBadCharRef, describeUnknownEntity } from './messages.js';

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Longest reference looked at; anything longer is reported, never scanned further. */
const MAX_REFERENCE = 64;

export type DecodeMode = 'text' | 'attribute';

/**
 * Decodes `raw` (found at `base` in the document): the five predefined
 * entities and numeric character references; line breaks normalised to LF
 * (text) or to a space like all literal whitespace (attribute values).
 * Problems are reported through `report`; the undecodable reference is kept as written.
 * Callers skip the call when `raw` holds no '&' and no line break or tab.
 */
export function decodeReferences(
  raw: string,
  base: number,
  mode: DecodeMode,
  report: (d: XmlDiagnostic) => void,
): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x26) {
      const ref = readReference(raw, i, base, report);
      out += raw.slice(last, i) + ref.value;
      i = ref.end - 1;
      last = ref.end;
    } else if (c === 0x0d || (mode === 'attribute' && (c === 0x0a || c === 0x09))) {
      out += raw.slice(last, i) + (mode === 'attribute' ? ' ' : '\n');
      if (c === 0x0d && raw.charCodeAt(i + 1) === 0x0a) i++;
      last = i + 1;
    }
  }
  return out + raw.slice(last);
}

interface Reference {
  readonly value: string;
  /** Index in `raw` just after the reference (after ';'), or after '&' when invalid. */
  readonly end: number;
}

function readReference(raw: string, at: number, base: number, report: (d: XmlDiagnostic) => void): Reference {
  const limit = Math.min(raw.length, at + MAX_REFERENCE);
  let i = at + 1;
  if (raw.charCodeAt(i) === 0x23) return readCharReference(raw, at, limit, base, report);
  if (i < limit && isNameStartChar(raw.charCodeAt(i))) {
    i++;
    while (i < limit && isNameChar(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) === 0x3b) {
      const name = raw.slice(at + 1, i);
      const value = PREDEFINED[name];
      if (value !== undefined) return { value, end: i + 1 };
      const span = { start: base + at, end: base + i + 1 };
      report(createError('XML_UNKNOWN_ENTITY', describeUnknownEntity(name), span));
      return { value: raw.slice(at, i + 1), end: i + 1 };
    }
  }
  report(createError('XML_MALFORMED', describeBareAmpersand(), { start: base + at, end: base + at + 1 }));
  return { value: '&', end: at + 1 };
}

function readCharReference(
  raw: string,
  at: number,
  limit: number,
  base: number,
  report: (d: XmlDiagnostic) => void,
): Reference {
  const hex = raw.charCodeAt(at + 2) === 0x78;
  let i = at + (hex ? 3 : 2);
  const digitsStart = i;
  let cp = 0;
  while (i < limit) {
    const d = digitValue(raw.charCodeAt(i), hex);
    if (d < 0) break;
    cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
    i++;
  }
  const written = raw.slice(at, Math.min(i + 1, raw.length));
  if (i === digitsStart || raw.charCodeAt(i) !== 0x3b || !isXmlCodePoint(cp)) {
    const end = raw.charCodeAt(i) === 0x3b ? i + 1 : i;
    report(createError('XML_MALFORMED', describeBadCharRef(written), { start: base + at, end: base + end }));
    return { value: raw.slice(at, end), end };
  }
  return { value: String.fromCodePoint(cp), end: i + 1 };
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (!hex) return -1;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
