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

const DOMAIN_START = /<domain[\s>]/g;

/** True when a `<domain` start follows a `</domain>` that follows a first `<domain` start: one pass, no backtracking. */
function twoDomains(text: string): boolean {
  DOMAIN_START.lastIndex = 0;
  const first = DOMAIN_START.exec(text);
  if (!first) return false;
  const close = text.indexOf('</domain>', first.index);
  if (close < 0) return false;
  DOMAIN_START.lastIndex = close + '</domain>'.length;
  return DOMAIN_START.test(text);
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
