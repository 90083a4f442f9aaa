import { findInvalidChar, isXmlName } from './chars.js';
import type { XmlQuote } from './tree.js';

/** Thrown when a caller asks for a name or value that XML 1.0 cannot represent (a bug, not bad input). */
export class XmlValueError extends Error {
  override readonly name = 'XmlValueError';
}

export function assertXmlName(name: string): void {
  if (!isXmlName(name)) throw new XmlValueError(`'${name}' is not a valid XML name`);
}

function assertXmlChars(value: string): void {
  const bad = findInvalidChar(value);
  if (bad !== -1) {
    const code = value.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlValueError(`character U+${code} at index ${bad} cannot be written in XML 1.0`);
  }
}

/**
 * Escapes an attribute value for the given quote: & < and that quote become
 * references, and tab, LF and CR become character references so they survive
 * attribute-value normalisation.
 */
export function escapeAttributeValue(value: string, quote: XmlQuote): string {
  assertXmlChars(value);
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const rep = attributeReplacement(value.charCodeAt(i), quote);
    if (rep === undefined) continue;
    out += value.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? value : out + value.slice(last);
}

function attributeReplacement(c: number, quote: XmlQuote): string | undefined {
  switch (c) {
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x22:
      return quote === '"' ? '&quot;' : undefined;
    case 0x27:
      return quote === "'" ? '&apos;' : undefined;
    case 0x09:
      return '&#9;';
    case 0x0a:
      return '&#10;';
    case 0x0d:
      return '&#13;';
    default:
      return undefined;
  }
}

/** Escapes text content: & < > become references, and CR a character reference. */
export function escapeText(value: string): string {
  assertXmlChars(value);
  let out = '';
  let last = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const rep = c === 0x26 ? '&amp;' : c === 0x3c ? '&lt;' : c === 0x3e ? '&gt;' : c === 0x0d ? '&#13;' : undefined;
    if (rep === undefined) continue;
    out += value.slice(last, i) + rep;
    last = i + 1;
  }
  return last === 0 ? value : out + value.slice(last);
}
