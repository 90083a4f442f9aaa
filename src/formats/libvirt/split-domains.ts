import type { Span } from '../../diagnostics/index.js';
import { blankOutside } from '../../util/blank.js';
import { MAX_PIECES } from '../types.js';
import { findChild, getChildElements, getTextContent, parseXml } from '../../syntax/xml/index.js';
import { LIBVIRT_MAX_CHARS } from './parse.js';

/** One domain of a text that holds several, one after another. */
export interface DomainPiece {
  /** The whole text with everything outside this domain turned into spaces (line breaks kept), so positions are the file's. */
  text(): string;
  span: Span;
  kind: 'domain';
  /** `<name>`, when it has one. */
  name?: string;
}

const WRAP_OPEN = '<enlighten-domains>';

/** Where a `<domain` start tag begins at or after `from`, or -1: the name followed by XML's whitespace or '>'. */
function domainStart(text: string, from: number): number {
  for (let at = text.indexOf('<domain', from); at >= 0; at = text.indexOf('<domain', at + 7)) {
    const c = text.charCodeAt(at + 7);
    if (c === 0x3e || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) return at;
  }
  return -1;
}

/** True when a `<domain` start follows a `</domain>` that follows a first `<domain` start: one pass, no backtracking. */
function twoDomains(text: string): boolean {
  const first = domainStart(text, 0);
  if (first < 0) return false;
  const close = text.indexOf('</domain>', first);
  return close >= 0 && domainStart(text, close + '</domain>'.length) >= 0;
}

/**
 * The domains of a text holding two or more `<domain>` elements one after another, as
 * `virt-install --print-xml` writes the install and the boot configuration; undefined for anything
 * else (one domain, parts of a domain, malformed XML).
 */
export function splitDomains(text: string): DomainPiece[] | undefined {
  if (!twoDomains(text)) return undefined;
  const wrapped = parseXml(`${WRAP_OPEN}${text}</enlighten-domains>`, { maxBytes: LIBVIRT_MAX_CHARS + 64 });
  if (!wrapped.ok) return undefined;
  const roots = getChildElements(wrapped.doc.root);
  if (roots.length < 2 || roots.some((e) => e.name !== 'domain')) return undefined;
  return roots.slice(0, MAX_PIECES + 1).map((d) => {
    const span = { start: d.span.start - WRAP_OPEN.length, end: d.span.end - WRAP_OPEN.length };
    const nameEl = findChild(d, 'name');
    const name = nameEl ? getTextContent(nameEl).trim() : '';
    return { text: () => blankOutside(text, span), span, kind: 'domain', ...(name ? { name } : {}) };
  });
}
