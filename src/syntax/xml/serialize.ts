import { DEFAULT_STYLE } from './detect-style.js';
import { XmlValueError, assertXmlName, escapeAttributeValue, escapeText } from './escape.js';
import { splitLines } from './layout.js';
import type { XmlQuote } from './tree.js';

/** A new element to write: `{ name: 'relaxed', attributes: { state: 'on' } }`. */
export interface XmlElementSpec {
  readonly name: string;
  /** In order; a record keeps its insertion order. */
  readonly attributes?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  /** Elements, or strings for text content (escaped when written). */
  readonly children?: readonly (XmlElementSpec | string)[];
}

export interface SerializeOptions {
  readonly quote?: XmlQuote;
  readonly indentUnit?: string;
  readonly newline?: string;
  /** Written before every line but the first (the caller places the first line). */
  readonly indent?: string;
}

type WorkItem = { readonly spec: XmlElementSpec; readonly depth: number } | string;

/**
 * Writes an element with its attributes and children, escaped for the quote
 * style. Elements holding only text stay on one line; other children go on
 * their own lines, nested one indent unit deeper. Throws XmlValueError for a
 * name or character XML cannot hold. Iterative, so depth is not limited by the stack.
 */
export function serializeElement(spec: XmlElementSpec, opts: SerializeOptions = {}): string {
  const quote = opts.quote ?? DEFAULT_STYLE.quote;
  const unit = opts.indentUnit ?? DEFAULT_STYLE.indentUnit;
  const newline = opts.newline ?? DEFAULT_STYLE.newline;
  const base = opts.indent ?? '';
  const pad = (depth: number): string => newline + base + unit.repeat(depth);
  let out = '';
  const work: WorkItem[] = [{ spec, depth: 0 }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const { spec: el, depth } = item;
    if (depth > 0) out += pad(depth);
    const open = writeStartTag(el, quote);
    const children = el.children ?? [];
    if (children.length === 0) {
      out += `${open}/>`;
    } else if (children.every((c) => typeof c === 'string')) {
      out += `${open}>${children.map((c) => escapeText(c as string)).join('')}</${el.name}>`;
    } else {
      out += `${open}>`;
      work.push(`${pad(depth)}</${el.name}>`);
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as XmlElementSpec | string;
        work.push(typeof child === 'string' ? pad(depth + 1) + escapeText(child) : { spec: child, depth: depth + 1 });
      }
    }
  }
  return out;
}

function writeStartTag(spec: XmlElementSpec, quote: XmlQuote): string {
  assertXmlName(spec.name);
  let out = `<${spec.name}`;
  const attributes = spec.attributes ?? [];
  const pairs = Array.isArray(attributes) ? attributes : Object.entries(attributes);
  const seen = new Set<string>();
  for (const [name, value] of pairs as readonly (readonly [string, string])[]) {
    assertXmlName(name);
    if (seen.has(name)) throw new XmlValueError(`attribute '${name}' given twice for <${spec.name}>`);
    seen.add(name);
    out += ` ${name}=${quote}${escapeAttributeValue(value, quote)}${quote}`;
  }
  return out;
}

/**
 * Re-indents a markup string for insertion: trims it, writes `newline` between
 * lines and prefixes every line but the first with `indent` (blank lines stay empty).
 */
export function reindentMarkup(markup: string, indent: string, newline: string): string {
  const lines = splitLines(markup.trim());
  return lines.map((line, i) => (i === 0 ? line : line.trim() === '' ? '' : indent + line)).join(newline);
}
