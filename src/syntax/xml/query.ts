import type { XmlAttribute, XmlDocument, XmlElement } from './tree.js';

type Container = XmlElement | XmlDocument;

function elementsOf(from: Container): XmlElement[] {
  if (from.kind === 'document') return [from.root];
  const out: XmlElement[] = [];
  for (const child of from.children) if (child.kind === 'element') out.push(child);
  return out;
}

/** The child elements of an element (for a document: its root). */
export function getChildElements(from: Container): XmlElement[] {
  return elementsOf(from);
}

// The readers ask these many times for every document, so they walk the children directly
// instead of building the list of child elements first, and split each path once.

export function findChild(from: Container, name: string): XmlElement | undefined {
  if (from.kind === 'document') return from.root.name === name ? from.root : undefined;
  for (const child of from.children) if (child.kind === 'element' && child.name === name) return child;
  return undefined;
}

export function findChildren(from: Container, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (from.kind === 'document') {
    if (from.root.name === name) out.push(from.root);
    return out;
  }
  for (const child of from.children) if (child.kind === 'element' && child.name === name) out.push(child);
  return out;
}

/** The steps of each path asked for: the readers' paths are constants, so this stays small (and is capped). */
const STEPS = new Map<string, readonly string[]>();
const MAX_PATHS = 1024;

function splitPath(path: string): readonly string[] {
  let steps = STEPS.get(path);
  if (!steps) {
    steps = path.split('/').filter((step) => step !== '');
    if (STEPS.size < MAX_PATHS) STEPS.set(path, steps);
  }
  return steps;
}

/**
 * The first element along a slash-separated path of child names, relative to
 * an element (`find(doc.root, 'features/hyperv')`) or, for a document,
 * starting with the root's name (`find(doc, 'domain/features')`).
 */
export function find(from: Container, path: string): XmlElement | undefined {
  let current: Container | undefined = from;
  for (const step of splitPath(path)) {
    current = findChild(current, step);
    if (!current) return undefined;
  }
  return current.kind === 'element' ? current : undefined;
}

/** Every element reached by the path (`findAll(doc.root, 'devices/controller')`). */
export function findAll(from: Container, path: string): XmlElement[] {
  const steps = splitPath(path);
  if (steps.length === 0) return from.kind === 'element' ? [from] : [];
  let current: XmlElement[] = findChildren(from, steps[0]!);
  for (let i = 1; i < steps.length && current.length > 0; i++) {
    const next: XmlElement[] = [];
    for (const c of current)
      for (const child of c.children) if (child.kind === 'element' && child.name === steps[i]) next.push(child);
    current = next;
  }
  return current;
}

export function getAttributeNode(el: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

/** The decoded value of an attribute, or undefined when absent. */
export function getAttribute(el: XmlElement, name: string): string | undefined {
  return getAttributeNode(el, name)?.value;
}

/** The decoded text and CDATA inside an element and its descendants, in document order. */
export function getTextContent(el: XmlElement): string {
  let out = '';
  const stack = [...el.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'text' || node.kind === 'cdata') out += node.value;
    else if (node.kind === 'element') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** Every element under (and including) `from`, in document order, without recursion. */
export function* walkElements(from: Container): Generator<XmlElement> {
  const stack = [from.kind === 'document' ? from.root : from];
  for (let el = stack.pop(); el; el = stack.pop()) {
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (child.kind === 'element') stack.push(child);
    }
  }
}

/** The element holding `target`, or undefined for the root (or a node not in the document). */
export function findParent(doc: XmlDocument, target: XmlElement): XmlElement | undefined {
  let el: XmlElement | undefined = doc.root;
  while (el) {
    let next: XmlElement | undefined;
    for (const child of el.children) {
      if (child === target) return el;
      if (child.kind === 'element' && child.span.start <= target.span.start && target.span.end <= child.span.end) {
        next = child;
      }
    }
    el = next;
  }
  return undefined;
}
