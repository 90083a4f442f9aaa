import { getIndentBefore } from './layout.js';
import type { XmlDocument, XmlElement, XmlQuote } from './tree.js';

export type XmlNewline = '\n' | '\r\n' | '\r';

/** How a document is written, so that inserted markup looks like its neighbours. */
export interface XmlStyle {
  /** The quote of most attributes; single quote (as libvirt writes) on a tie or with none. */
  readonly quote: XmlQuote;
  /** The most common step between a parent's and its children's indentation; two spaces by default. */
  readonly indentUnit: string;
  /** The first line break of the document; LF by default. */
  readonly newline: XmlNewline;
}

export const DEFAULT_STYLE: XmlStyle = { quote: "'", indentUnit: '  ', newline: '\n' };

/**
 * The quote most attributes use, the style's quote, without the rest of the style: a fix's words in
 * libvirt's syntax need only this, and `check` asks for it on every domain.
 */
export function detectQuote(doc: XmlDocument): XmlQuote {
  let single = 0;
  let double = 0;
  const stack: XmlElement[] = [doc.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      if (attributes[i]!.quote === "'") single++;
      else double++;
    }
    const children = el.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.kind === 'element') stack.push(child);
    }
  }
  return double > single ? '"' : "'";
}

export function detectStyle(doc: XmlDocument): XmlStyle {
  const units = new Map<string, number>();
  const stack: XmlElement[] = [doc.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    const parentIndent = getIndentBefore(doc.text, el.span.start);
    for (const child of el.children) {
      if (child.kind !== 'element') continue;
      stack.push(child);
      if (parentIndent === undefined) continue;
      const indent = getIndentBefore(doc.text, child.span.start);
      if (indent === undefined || indent.length <= parentIndent.length || !indent.startsWith(parentIndent)) continue;
      const unit = indent.slice(parentIndent.length);
      units.set(unit, (units.get(unit) ?? 0) + 1);
    }
  }
  return {
    quote: detectQuote(doc),
    indentUnit: pickMostCommon(units) ?? DEFAULT_STYLE.indentUnit,
    newline: detectNewline(doc.text),
  };
}

function pickMostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

export function detectNewline(text: string): XmlNewline {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1) return '\n';
  if (lf === cr + 1) return '\r\n';
  return lf !== -1 && lf < cr ? '\n' : '\r';
}
