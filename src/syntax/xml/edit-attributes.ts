import type { TextEdit } from './apply-edits.js';
import { assertXmlName, escapeAttributeValue } from './escape.js';
import { getAttributeNode } from './query.js';
import type { XmlElement, XmlQuote } from './tree.js';

/**
 * Sets an attribute: rewrites the value in place (keeping its quote), or adds
 * ` name='value'` after the last attribute in the given quote style.
 */
export function planSetAttribute(el: XmlElement, name: string, value: string, quote: XmlQuote): TextEdit {
  assertXmlName(name);
  const existing = getAttributeNode(el, name);
  if (existing) {
    const text = escapeAttributeValue(value, existing.quote);
    return { start: existing.valueSpan.start, end: existing.valueSpan.end, text };
  }
  const at = getAttributesEnd(el);
  return { start: at, end: at, text: ` ${name}=${quote}${escapeAttributeValue(value, quote)}${quote}` };
}

/** Removes an attribute with the whitespace before it; undefined when it is absent. */
export function planRemoveAttribute(el: XmlElement, name: string): TextEdit | undefined {
  const index = el.attributes.findIndex((a) => a.name === name);
  const attribute = el.attributes[index];
  if (!attribute) return undefined;
  const start = index === 0 ? el.nameSpan.end : (el.attributes[index - 1]?.span.end ?? el.nameSpan.end);
  return { start, end: attribute.span.end, text: '' };
}

/** Offset just after the last attribute (or the name when there is none). */
export function getAttributesEnd(el: XmlElement): number {
  const last = el.attributes[el.attributes.length - 1];
  return last ? last.span.end : el.nameSpan.end;
}
