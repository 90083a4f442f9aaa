import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import { KV_GROUPS, LAYOUTS, OTHER_KINDS } from './fields.js';

/** One KubeVirt object of a stream: a document, or an item of a `kind: List`. */
export interface KvObject {
  kind: string;
  apiVersion: string;
  name?: string;
  namespace?: string;
  map: YAMLMap;
  doc: Document;
  /** The object's node in the text; for a List item, its node inside `items`. */
  span: Span;
}

/** A stream read once: its documents and the KubeVirt objects in them, in order. */
export interface KvStream {
  docs: Document[];
  objects: KvObject[];
  /** Why the text is not YAML or JSON (the first error of each document), empty when it is. */
  errors: Diagnostic[];
  /** True when every document is JSON-like (flow collections only): new text is written as JSON. */
  json: boolean;
}

/** The text is over the cap before anything is read (a manifest is a few KB; `kubectl get -A` of a fleet, some MB). */
export const MAX_CHARS = 4 * 1024 * 1024;

/**
 * The most that detection and splitting look at: the largest text the CLI reads (--max-bytes
 * 256MiB). A caller that reads more than MAX_CHARS has raised its own cap (parse's maxChars), and
 * the stream must then still be recognised and split, not taken for no manifest at all.
 */
export const MAX_SCAN_CHARS = 256 * 1024 * 1024;

export function spanOf(node: { range?: [number, number, number] | null | undefined }): Span | undefined {
  return node.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/** The value at `key` of a map, aliases followed. */
export function getIn(map: YAMLMap, key: string, doc: Document): unknown {
  const pair = pairOf(map, key);
  return pair ? deref(pair.value, doc) : undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, unknown> | undefined;
}

export function deref(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The map at a path of keys, or undefined when a step is missing or not a map. */
export function mapAt(map: YAMLMap, path: readonly string[], doc: Document): YAMLMap | undefined {
  let at: unknown = map;
  for (const key of path) {
    if (!isMap(at)) return undefined;
    at = getIn(at, key, doc);
  }
  return isMap(at) ? at : undefined;
}

export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export function isKubevirtGroup(apiVersion: string): boolean {
  return (KV_GROUPS as readonly string[]).includes(groupOf(apiVersion));
}

/** The kinds `split` and `parse` read as configurations; an instancetype is read but holds no feature. */
export function isReadKind(kind: string): boolean {
  return kind in LAYOUTS || OTHER_KINDS.includes(kind);
}

function objectOf(node: unknown, doc: Document): KvObject | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = scalarString(getIn(node, 'apiVersion', doc));
  const kind = scalarString(getIn(node, 'kind', doc));
  if (!apiVersion || !kind || !isKubevirtGroup(apiVersion) || !isReadKind(kind)) return undefined;
  const meta = getIn(node, 'metadata', doc);
  const name = isMap(meta) ? scalarString(getIn(meta, 'name', doc)) : undefined;
  const namespace = isMap(meta) ? scalarString(getIn(meta, 'namespace', doc)) : undefined;
  const span = spanOf(node as Node) ?? { start: 0, end: 0 };
  return {
    kind,
    apiVersion,
    map: node,
    doc,
    span,
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

/**
 * Reads a YAML or JSON stream (YAML 1.2 reads JSON as it is): each document, and each item of a
 * `kind: List` (what `kubectl get vm -A -o yaml` prints), that is a KubeVirt object of a kind
 * this folder reads. Comments and layout stay in the documents, with every node's range.
 */
export function readStream(text: string): KvStream {
  // detect() and parse() of one text read it once.
  if (last?.text === text) return last.stream;
  const stream = readStreamOnce(text);
  last = { text, stream };
  return stream;
}

let last: { text: string; stream: KvStream } | undefined;

function readStreamOnce(text: string): KvStream {
  const parsed = parseAllDocuments(text, { prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const errors: Diagnostic[] = [];
  const objects: KvObject[] = [];
  let json = docs.length > 0;
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first) {
      const at = first.pos[0];
      errors.push(
        makeDiagnostic('UNREADABLE_INPUT', `not valid YAML or JSON: ${first.message.split('\n')[0]}`, {
          span: { start: at, end: Math.max(at + 1, first.pos[1]) },
          notes: ['kubectl would refuse it too; correct the document and run again'],
        }),
      );
      continue;
    }
    const top = doc.contents;
    if (top && !((isMap(top) || isSeq(top)) && top.flow)) json = false;
    const one = objectOf(top, doc);
    if (one) {
      objects.push(one);
      continue;
    }
    if (isMap(top) && scalarString(getIn(top, 'kind', doc)) === 'List') {
      const items = getIn(top, 'items', doc);
      if (isSeq(items))
        for (const item of items.items) {
          const obj = objectOf(deref(item, doc), doc);
          if (obj) objects.push(obj);
        }
    }
  }
  return { docs, objects, errors, json };
}

/** The label of an object in `check` and `audit`: namespace/name, as kubectl prints it. */
export function labelOf(obj: KvObject): string {
  const name = obj.name ?? '(no name)';
  return obj.namespace ? `${obj.namespace}/${name}` : name;
}
