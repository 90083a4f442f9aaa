import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  offsetToLineColumn,
  parseXml,
  type XmlDiagnostic,
  type XmlDocument,
  type XmlElement,
  type XmlNode,
  type XmlTopNode,
} from '../../../src/syntax/xml/index.js';

export const ORACLES = new URL('../../fixtures/libvirt-oracles/', import.meta.url).pathname;
export const FIXTURES = new URL('../../fixtures/xml/', import.meta.url).pathname;

/** Every .xml file under a folder, recursively, as [relative path, absolute path]. */
export function listXmlFiles(dir: string, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listXmlFiles(full, `${prefix}${name}/`));
    else if (name.endsWith('.xml')) out.push([prefix + name, full]);
  }
  return out;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function parseOk(text: string): XmlDocument {
  const result = parseXml(text);
  if (!result.ok) throw new Error(`expected a parse, got ${JSON.stringify(result.diagnostics)}`);
  return result.doc;
}

/** The diagnostics of a failed parse (fails the test when it parses). */
export function parseErrors(text: string): readonly XmlDiagnostic[] {
  const result = parseXml(text);
  if (result.ok) throw new Error('expected diagnostics, got a document');
  return result.diagnostics;
}

/** `code@line:column` of each diagnostic, for compact assertions. */
export function describeDiagnostics(text: string, diagnostics: readonly XmlDiagnostic[]): string[] {
  return diagnostics.map((d) => {
    const at = d.span ? offsetToLineColumn(text, d.span.start) : undefined;
    return at ? `${d.code}@${at.line}:${at.column}` : d.code;
  });
}

/**
 * Checks that the tree is lossless: the children of the document and of
 * every element tile their content exactly, and every span holds what the
 * node says it holds.
 */
export function checkInvariants(doc: XmlDocument): void {
  const { text } = doc;
  checkTiling(text, doc.children, doc.bom ? 1 : 0, text.length);
  const stack: XmlElement[] = [doc.root];
  for (let el = stack.pop(); el; el = stack.pop()) {
    checkElement(text, el);
    for (const child of el.children) if (child.kind === 'element') stack.push(child);
  }
}

function checkTiling(text: string, nodes: readonly (XmlNode | XmlTopNode)[], start: number, end: number): void {
  let at = start;
  for (const node of nodes) {
    expect(node.span.start).toBe(at);
    checkLeaf(text, node);
    at = node.span.end;
  }
  expect(at).toBe(end);
}

function checkLeaf(text: string, node: XmlNode | XmlTopNode): void {
  const slice = text.slice(node.span.start, node.span.end);
  switch (node.kind) {
    case 'text':
      expect(slice).toBe(node.raw);
      expect(node.raw.length).toBeGreaterThan(0);
      break;
    case 'comment':
      expect(slice).toBe(`<!--${node.value}-->`);
      break;
    case 'cdata':
      expect(slice).toBe(`<![CDATA[${node.value}]]>`);
      break;
    case 'processing-instruction':
      expect(slice.startsWith(`<?${node.target}`)).toBe(true);
      expect(text.slice(node.dataSpan.start, node.dataSpan.end)).toBe(node.data);
      expect(slice.endsWith('?>')).toBe(true);
      break;
    case 'declaration':
      expect(slice.startsWith('<?xml')).toBe(true);
      break;
    case 'element':
      break;
  }
}

function checkElement(text: string, el: XmlElement): void {
  expect(text.slice(el.nameSpan.start, el.nameSpan.end)).toBe(el.name);
  expect(el.nameSpan.start).toBe(el.span.start + 1);
  expect(el.startTag.start).toBe(el.span.start);
  expect(text[el.span.start]).toBe('<');
  expect(text[el.span.end - 1]).toBe('>');
  for (const a of el.attributes) {
    expect(text.slice(a.nameSpan.start, a.nameSpan.end)).toBe(a.name);
    expect(text.slice(a.valueSpan.start, a.valueSpan.end)).toBe(a.raw);
    expect(text[a.valueSpan.start - 1]).toBe(a.quote);
    expect(text[a.valueSpan.end]).toBe(a.quote);
    expect(a.span.start).toBe(a.nameSpan.start);
    expect(a.span.end).toBe(a.valueSpan.end + 1);
  }
  if (el.selfClosing) {
    expect(el.endTag).toBeUndefined();
    expect(el.children).toHaveLength(0);
    expect(text.slice(el.span.end - 2, el.span.end)).toBe('/>');
    expect(el.startTag.end).toBe(el.span.end);
  } else {
    const endTag = el.endTag!;
    expect(text.slice(endTag.start, endTag.end).replace(/\s+>$/, '>')).toBe(`</${el.name}>`);
    expect(endTag.end).toBe(el.span.end);
    checkTiling(text, el.children, el.startTag.end, endTag.start);
  }
}
