import type { Document, YAMLMap } from 'yaml';
import type { YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic, Span } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { diffSets } from '../../model/index.js';
import type { PrintResult } from '../types.js';
import type { FieldPlace, KindLayout } from './fields.js';
import { PLACES } from './fields.js';
import type { KvObject } from './objects.js';
import { deref, getIn, pairOf, scalarString } from './objects.js';
import type { KubevirtParsed } from './parse.js';
import { readKubevirt } from './parse.js';
import type { Tree, Value } from './render.js';
import { blockLines, flowMembers, flowValue, itemLines, putIn, yamlScalar } from './render.js';

interface Splice {
  start: number;
  end: number;
  text: string;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly span: Span | undefined,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The path below the object to a feature's block (`spec.domain.features.hyperv`). */
export function blockOf(layout: KindLayout, place: FieldPlace): string[] {
  const block = place.block === 'hyperv' ? layout.hyperv : place.block === 'kvm' ? layout.kvm : layout.timer;
  return [...layout.base, ...block];
}

/** What a feature's node holds for a value: `{enabled: true}`, `{spinlocks: 8191}`, `true` for kvm.hidden. */
export function leafOf(place: FieldPlace, value: FeatureValue): Value {
  if (place.plainBool) return value === true;
  if (place.valueKey && typeof value !== 'boolean') return { [place.valueKey]: value as number | string };
  return { enabled: value !== false };
}

class Editor {
  readonly splices: Splice[] = [];
  readonly inserts = new Map<YAMLMap, Tree>();
  readonly nl: string;
  constructor(
    readonly text: string,
    readonly doc: Document,
    readonly json: boolean,
  ) {
    this.nl = text.includes('\r\n') ? '\r\n' : '\n';
  }

  column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  replace(node: { range?: [number, number, number] | null | undefined }, text: string): void {
    const r = node.range!;
    this.splices.push({ start: r[0], end: r[1], text });
  }

  /** Walks `path` from `map`; the steps that are missing go into an insertion under the last map found. */
  ensure(map: YAMLMap, path: readonly string[], leaf: Value, what: string): void {
    let at = map;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const pair = pairOf(at, key);
      if (!pair) {
        const tree = this.inserts.get(at) ?? {};
        putIn(tree, path.slice(i), leaf);
        this.inserts.set(at, tree);
        return;
      }
      const next = deref(pair.value, this.doc);
      if (i === path.length - 1) {
        this.setLeaf(at, key, next, leaf, what);
        return;
      }
      if (!isMap(next))
        throw new Refusal(
          `${path.slice(0, i + 1).join('.')} is not a map, so enlighten cannot add ${what} under it`,
          (pair.key as { range?: [number, number, number] }).range
            ? { start: (pair.key as { range: number[] }).range[0]!, end: (pair.key as { range: number[] }).range[1]! }
            : undefined,
          `write ${path.slice(0, i + 1).join('.')} as a map (or remove its empty value), then run again`,
        );
      at = next;
    }
  }

  setLeaf(parent: YAMLMap, key: string, node: unknown, leaf: Value, what: string): void {
    if (Array.isArray(leaf)) {
      if (isSeq(node)) this.append(node, leaf);
      else
        throw new Refusal(`${key} is not a list, so enlighten cannot add to it`, undefined, `write ${key} as a list`);
      return;
    }
    if (typeof leaf !== 'object') {
      if (isScalar(node) && node.range) this.replace(node, yamlScalar(leaf));
      else throw new Refusal(`${key} holds no plain value to change for ${what}`, undefined, `set ${key} by hand`);
      return;
    }
    if (!isMap(node))
      throw new Refusal(`${key} is not a map, so enlighten cannot set ${what}`, undefined, `write ${key}: {} first`);
    for (const [k, v] of Object.entries(leaf)) {
      const existing = getIn(node, k, this.doc);
      if (existing !== undefined) this.setLeaf(node, k, existing, v, what);
      else {
        const tree = this.inserts.get(node) ?? {};
        tree[k] = v;
        this.inserts.set(node, tree);
      }
    }
    void parent;
  }

  /** Appends items to a list, in its style: `- model: hyperv` under the others, or `, {model: hyperv}` in a flow list. */
  append(seq: YAMLSeq, items: Tree[]): void {
    const r = seq.range!;
    if (seq.flow) {
      const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
      const text = items.map((i) => flowValue(i, this.json));
      if (last?.range)
        this.splices.push({ start: last.range[1], end: last.range[1], text: text.map((t) => `, ${t}`).join('') });
      else {
        const close = this.text.lastIndexOf(']', r[1] - 1);
        this.splices.push({ start: close, end: close, text: text.join(', ') });
      }
      return;
    }
    const first = seq.items[0] as { range: [number, number, number] };
    const dash = this.text.lastIndexOf('-', first.range[0]);
    const lines = items.flatMap((i) => itemLines(i, this.column(dash), 2)).join(this.nl);
    this.insertLines(r[1], lines);
  }

  /** Inserts whole lines at the line start at or after `at` (the end of a block node). */
  insertLines(at: number, lines: string): void {
    if (this.text[at - 1] === '\n' || at === 0) this.splices.push({ start: at, end: at, text: lines + this.nl });
    else {
      const eol = this.text.indexOf('\n', at);
      if (eol < 0) this.splices.push({ start: this.text.length, end: this.text.length, text: this.nl + lines });
      else this.splices.push({ start: eol + 1, end: eol + 1, text: lines + this.nl });
    }
  }

  /** Removes one item of a block list with its lines; the list keeps others. */
  removeItem(seq: YAMLSeq, index: number, what: string): void {
    const item = seq.items[index] as { range?: [number, number, number] } | undefined;
    if (!item?.range || seq.flow || seq.items.length < 2)
      throw new Refusal(
        `enlighten removes ${what} only from a block list that keeps other items`,
        item?.range ? { start: item.range[0], end: item.range[1] } : undefined,
        'remove the item by hand',
      );
    const dash = this.text.lastIndexOf('-', item.range[0]);
    const lineStart = this.text.lastIndexOf('\n', dash - 1) + 1;
    let end = item.range[1];
    if (this.text[end - 1] !== '\n') {
      const eol = this.text.indexOf('\n', end);
      end = eol < 0 ? this.text.length : eol + 1;
    }
    this.splices.push({ start: lineStart, end, text: '' });
  }

  remove(parent: YAMLMap, key: string, what: string): void {
    const pair = pairOf(parent, key);
    if (!pair) return;
    const keyRange = (pair.key as { range: [number, number, number] }).range;
    const lineStart = this.text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    const before = this.text.slice(lineStart, keyRange[0]);
    if (parent.flow || parent.items.length < 2 || before.trim() !== '')
      throw new Refusal(
        `enlighten removes ${what} only from a block map that keeps other keys`,
        { start: keyRange[0], end: keyRange[1] },
        `remove ${key} by hand, or set its enabled: false`,
      );
    const value = pair.value as { range?: [number, number, number] } | null;
    let end = value?.range ? value.range[1] : keyRange[1];
    if (this.text[end - 1] !== '\n') {
      const eol = this.text.indexOf('\n', end);
      end = eol < 0 ? this.text.length : eol + 1;
    }
    this.splices.push({ start: lineStart, end, text: '' });
  }

  /** The insertions, each under its map in that map's style. */
  flush(): void {
    for (const [map, tree] of this.inserts) {
      const r = map.range!;
      if (map.flow) {
        // After the last member (keeping the file's line breaks before the brace), or inside `{}`.
        const last = map.items[map.items.length - 1] as
          | { key: { range: [number, number, number] }; value?: { range?: [number, number, number] } }
          | undefined;
        const members = Object.entries(tree).map(([k, v]) => flowMembers({ [k]: v }, this.json));
        if (last?.value?.range) {
          // One member a line where the map has one key a line (JSON as kubectl and editors write it).
          const keyAt = last.key.range[0];
          const ownLine = this.text.lastIndexOf('\n', keyAt - 1) > r[0];
          const sep = ownLine ? `,${this.nl}${' '.repeat(this.column(keyAt))}` : ', ';
          const end = last.value.range[1];
          this.splices.push({ start: end, end, text: members.map((m) => sep + m).join('') });
        } else {
          const close = this.text.lastIndexOf('}', r[1] - 1);
          this.splices.push({ start: close, end: close, text: members.join(', ') });
        }
        continue;
      }
      const first = map.items[0]!.key as { range: [number, number, number] };
      const indent = this.column(first.range[0]);
      const owner = this.ownerColumn(map);
      const step = owner !== undefined && indent > owner ? indent - owner : 2;
      this.insertLines(r[1], blockLines(tree, indent, step).join(this.nl));
    }
  }

  /** The column of the key that holds `map`, to learn the file's indentation step. */
  ownerColumn(map: YAMLMap): number | undefined {
    const r = map.range![0];
    const lineStart = this.text.lastIndexOf('\n', r - 1) + 1;
    const prevEnd = lineStart - 1;
    if (prevEnd <= 0) return undefined;
    const prevStart = this.text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = this.text.slice(prevStart, prevEnd);
    const m = /^(\s*)(- )?\S/.exec(line);
    return m ? m[1]!.length + (m[2] ? 2 : 0) : undefined;
  }

  result(): string {
    const sorted = this.splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.i - b.i);
    let out = '';
    let at = 0;
    for (const s of sorted) {
      if (s.start < at) continue;
      out += this.text.slice(at, s.start) + s.text;
      at = s.end;
    }
    return out + this.text.slice(at);
  }
}

function refuse(parsed: KubevirtParsed, message: string, span: Span | undefined, hint: string): PrintResult {
  return {
    text: parsed.source,
    diagnostics: [
      makeDiagnostic('NOT_EDITABLE', `${message}; nothing is written`, {
        severity: 'error',
        ...(span ? { span } : {}),
        notes: [hint],
      }),
    ],
  };
}

function editFeature(
  ed: Editor,
  obj: KvObject,
  parsed: KubevirtParsed,
  set: EnlightenmentSet,
  id: FeatureId,
  to: FeatureValue | undefined,
) {
  const read = parsed.read!;
  const place = PLACES[id]!;
  const state = read.features[id];
  const written = state && !state.added;
  if (state?.added && to !== undefined && to !== false) {
    ed.ensure(obj.map, [...blockOf(read.layout, place), ...place.keys], leafOf(place, to), id);
    return;
  }
  const path = [...blockOf(read.layout, place), ...place.keys];
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1]!;
  const what = path.join('.');
  if (to === undefined) {
    if (!written) {
      // Turned on by KubeVirt's defaults or a preference: saying `enabled: false` is what keeps it off.
      if (!place.plainBool) ed.ensure(obj.map, path, { enabled: false }, what);
      return;
    }
    const parent = walk(obj, parentPath, ed.doc);
    const child = (Object.keys(PLACES) as FeatureId[]).find(
      (k) =>
        PLACES[k]!.keys.length > 1 && PLACES[k]!.block === place.block && PLACES[k]!.keys[0] === key && set.features[k],
    );
    if (child && place.keys.length === 1)
      throw new Refusal(
        `${what} holds ${CATALOG[child].qemu.name}, which stays on: removing it would remove both`,
        state.span,
        `turn ${CATALOG[child].qemu.name} off too, or keep ${CATALOG[id].qemu.name}`,
      );
    if (parent) ed.remove(parent, key, what);
    return;
  }
  if (place.keys.length > 1) {
    // stimer-direct, tlbflush-direct and -extended live inside their parent's FeatureState, and a
    // parent written as {} is on: a child is never written into a parent the object does not state.
    const parentId = (Object.keys(PLACES) as FeatureId[]).find(
      (k) => PLACES[k]!.block === place.block && PLACES[k]!.keys.length === 1 && PLACES[k]!.keys[0] === place.keys[0],
    )!;
    const parent = read.features[parentId];
    if (!parent || parent.added) {
      if (to === false) return; // off inside an absent parent: nothing to write
      throw new Refusal(
        `KubeVirt holds ${what} inside ${parentPath.join('.')}, which the object does not state`,
        read.hypervSpan,
        `turn ${CATALOG[parentId].qemu.name} on as well (enlighten set without --exact does)`,
      );
    }
  }
  const leaf = leafOf(place, to);
  if (written && typeof leaf === 'object' && place.valueKey && state.enabled === false)
    ed.ensure(obj.map, path, { enabled: true, ...leaf }, what);
  else ed.ensure(obj.map, path, leaf, what);
}

/** The Hyper-V panic device: an item `{model: hyperv}` of a VM's or VMI's panicDevices, a preference's preferredPanicDeviceModel. */
function editPanic(ed: Editor, obj: KvObject, parsed: KubevirtParsed, to: FeatureValue | undefined): void {
  const layout = parsed.read!.layout;
  const path = [...layout.base, ...(layout.panicList ?? layout.panicModel ?? [])];
  const key = path[path.length - 1]!;
  const what = 'the Hyper-V panic device';
  const parent = walk(obj, path.slice(0, -1), ed.doc);
  const on = to !== undefined && to !== false;
  if (!layout.panicList) {
    if (on) ed.ensure(obj.map, path, 'hyperv', what);
    else if (parent) ed.remove(parent, key, what);
    return;
  }
  if (on) {
    ed.ensure(obj.map, path, [{ model: 'hyperv' }], what);
    return;
  }
  const list = parent ? getIn(parent, key, ed.doc) : undefined;
  if (!parent || !isSeq(list)) return;
  const index = list.items.findIndex((item) => {
    const dev = deref(item, ed.doc);
    return isMap(dev) && scalarString(getIn(dev, 'model', ed.doc)) === 'hyperv';
  });
  if (index < 0) return;
  if (list.items.length === 1) ed.remove(parent, key, what);
  else ed.removeItem(list, index, what);
}

function walk(obj: KvObject, path: readonly string[], doc: Document): YAMLMap | undefined {
  let at: unknown = obj.map;
  for (const key of path) at = isMap(at) ? getIn(at, key, doc) : undefined;
  return isMap(at) ? at : undefined;
}

/**
 * Changes the object's text so that it holds `set`, touching only the nodes of the features that
 * change: a scalar replaced, keys added under the deepest map that exists (in that map's style and
 * indentation, JSON in a JSON file), a key removed with its lines. Comments, key order, quoting and
 * layout elsewhere stay byte for byte. What it cannot write is refused, and nothing is written.
 */
export function editKubevirt(parsed: KubevirtParsed, set: EnlightenmentSet): PrintResult {
  const first = editOnce(parsed, set, []);
  if (first.diagnostics.length || !parsed.read) return first;
  // A feature KubeVirt's defaults turned on because of another (vpindex for synic) goes away when
  // that other is turned off: the set still wants it, so it is written out.
  const again = readKubevirt(first.text);
  const lost = (Object.keys(set.features) as FeatureId[]).filter(
    (id) => parsed.read!.features[id]?.added && again.set.features[id] !== set.features[id],
  );
  return lost.length ? editOnce(parsed, set, lost) : first;
}

function editOnce(parsed: KubevirtParsed, set: EnlightenmentSet, force: readonly FeatureId[]): PrintResult {
  const obj = parsed.object;
  if (!obj || !parsed.read) return refuse(parsed, 'no KubeVirt object to edit', undefined, 'check the input first');
  const diff = diffSets(parsed.set, set);
  if (diff.mode)
    return refuse(
      parsed,
      `enlighten does not switch between hyperv and hypervPassthrough (${diff.mode.from} to ${diff.mode.to})`,
      parsed.read.passthrough?.span ?? parsed.read.hypervSpan,
      'edit features.hyperv / features.hypervPassthrough by hand: KubeVirt refuses both at once',
    );
  const ed = new Editor(parsed.source, obj.doc, parsed.stream.json);
  const forced = force.map((feature) => ({ feature, from: undefined, to: set.features[feature] }));
  const changes = [...diff.changes, ...forced].sort(
    (a, b) => PRINT_ORDER.indexOf(a.feature) - PRINT_ORDER.indexOf(b.feature),
  );
  try {
    for (const c of changes) {
      const place = PLACES[c.feature];
      if (!place)
        throw new Refusal(
          `KubeVirt's API has no field for ${CATALOG[c.feature].qemu.name}`,
          parsed.origins[c.feature] ?? parsed.read.hypervSpan,
          'leave it out, or run the VM with a hook sidecar that edits the libvirt domain',
        );
      if (place.block === 'panic') {
        editPanic(ed, obj, parsed, c.to);
        continue;
      }
      if (place.block === 'hyperv' && !parsed.read.layout.hyperv) continue;
      editFeature(ed, obj, parsed, set, c.feature, c.to);
    }
    ed.flush();
  } catch (e) {
    if (e instanceof Refusal) return refuse(parsed, e.message, e.span, e.hint);
    throw e;
  }
  const diagnostics: Diagnostic[] = [];
  return { text: ed.result(), diagnostics };
}
