/**
 * The page's pictures of a set: the dependency graph (SVG; each on feature a box, each requirement
 * an arrow to what it needs, a missing requirement red), and the CPUID leaves 0x40000000-0x4000000A
 * the guest sees, each register with its set bits named (focus or hover shows the feature and its
 * source). Both come from the library: CATALOG's requirements, findMissingDependencies,
 * computeCpuid and annotateCpuid.
 */
import type { EnlightenmentSet, FeatureId } from '../index.js';
import {
  CATALOG,
  PRINT_ORDER,
  annotateCpuid,
  computeCpuid,
  findMissingDependencies,
  formatCitation,
  leavesToJson,
} from '../index.js';
import { isOnIn } from './choices.js';
import type { Child } from './dom.js';
import { h, s } from './dom.js';

const name = (id: FeatureId) => CATALOG[id].qemu.name;

const BOX_W = 140;
const BOX_H = 28;
const GAP_X = 14;
const GAP_Y = 44;
const PER_ROW = 5;
let graphs = 0;

/** The dependency graph of `set`: rows by depth (what nothing on requires at the bottom), arrows from a feature to its requirements. */
export function dependencyGraph(set: EnlightenmentSet, label: string): SVGElement {
  const on = PRINT_ORDER.filter((id) => isOnIn(set, id) && !CATALOG[id].setsMode);
  const missing = findMissingDependencies(set);
  const missingIds = [...new Set(missing.map((m) => m.requires))].filter((id) => !on.includes(id));
  const nodes = [...on, ...missingIds];
  // A requirement met is an arrow between two features that are on; every missing one (also of a
  // feature that is itself missing, down the chain) is a red arrow.
  const edges: { from: FeatureId; to: FeatureId; missing: boolean }[] = [];
  for (const id of on)
    for (const r of CATALOG[id].requires) if (on.includes(r)) edges.push({ from: id, to: r, missing: false });
  for (const m of missing) edges.push({ from: m.feature, to: m.requires, missing: true });
  // Depth: 0 for a feature that requires nothing shown; else one more than its deepest requirement.
  const depth = new Map<FeatureId, number>();
  const depthOf = (id: FeatureId, seen: FeatureId[] = []): number => {
    if (depth.has(id)) return depth.get(id)!;
    const reqs = edges.filter((e) => e.from === id && !seen.includes(e.to)).map((e) => e.to);
    const d = reqs.length ? 1 + Math.max(...reqs.map((r) => depthOf(r, [...seen, id]))) : 0;
    depth.set(id, d);
    return d;
  };
  for (const id of nodes) depthOf(id);
  const maxDepth = Math.max(0, ...depth.values());
  // Rows from the deepest (top) to depth 0 (bottom); a level with many features wraps.
  const pos = new Map<FeatureId, { x: number; y: number }>();
  let row = 0;
  // Each level sorted under the features that need it (their mean column), so arrows stay short.
  const column = (id: FeatureId) => {
    const above = edges.filter((e) => e.to === id && pos.has(e.from)).map((e) => pos.get(e.from)!.x);
    return above.length ? above.reduce((a, b) => a + b, 0) / above.length : Number.POSITIVE_INFINITY;
  };
  for (let d = maxDepth; d >= 0; d--) {
    const level = nodes
      .filter((id) => depth.get(id) === d)
      .map((id, i) => ({ id, i, x: column(id) }))
      .sort((a, b) => a.x - b.x || a.i - b.i)
      .map((n) => n.id);
    for (let i = 0; i < level.length; i++) {
      if (i > 0 && i % PER_ROW === 0) row++;
      pos.set(level[i]!, { x: (i % PER_ROW) * (BOX_W + GAP_X) + 4, y: row * (BOX_H + GAP_Y) + 4 });
    }
    if (level.length) row++;
  }
  const width = PER_ROW * (BOX_W + GAP_X) + 8 - GAP_X;
  const height = Math.max(1, row) * (BOX_H + GAP_Y) - GAP_Y + 8;
  const summary = nodes.length
    ? `${label}: ${on.length} on${missingIds.length ? `, ${missingIds.length} missing (${missingIds.map(name).join(', ')})` : ''}; ${edges.map((e) => `${name(e.from)} requires ${name(e.to)}${e.missing ? ' (missing)' : ''}`).join('; ') || 'no requirements between them'}`
    : `${label}: no enlightenment on`;
  // Marker ids are the graph's own: a page holds several graphs, some hidden, and a hidden one's markers draw nothing.
  const n = ++graphs;
  const arrows = edges.map((e) => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const x1 = a.x + BOX_W / 2;
    const y1 = a.y + BOX_H;
    const x2 = b.x + BOX_W / 2;
    const y2 = b.y - 2;
    // An arrow past a row bows sideways, so it does not run under the boxes between.
    const bow = y2 - y1 > GAP_Y + BOX_H && Math.abs(x2 - x1) < BOX_W ? BOX_W * 0.6 : 0;
    return s('path', {
      d: `M${x1},${y1} C${x1 + bow},${y1 + (y2 - y1) / 2} ${x2 + bow},${y2 - (y2 - y1) / 2} ${x2},${y2}`,
      class: e.missing ? 'edge missing' : 'edge',
      'marker-end': `url(#arrow${e.missing ? '-missing' : ''}-${n})`,
      'data-from': e.from,
      'data-to': e.to,
    });
  });
  const boxes = nodes.map((id) => {
    const p = pos.get(id)!;
    const isMissing = missingIds.includes(id);
    const needers = edges.filter((e) => e.to === id).map((e) => name(e.from));
    const title = `${name(id)}: ${isMissing ? 'missing, ' : ''}${CATALOG[id].summary}${needers.length ? `; required by ${needers.join(', ')}` : ''}`;
    return s(
      'a',
      { href: `#/feature/${id}`, class: isMissing ? 'node missing' : 'node', 'data-feature': id, 'aria-label': title },
      s('title', {}, title),
      s('rect', { x: p.x, y: p.y, width: BOX_W, height: BOX_H, rx: 5 }),
      s('text', { x: p.x + BOX_W / 2, y: p.y + BOX_H / 2 + 5, 'text-anchor': 'middle' }, name(id)),
    );
  });
  const marker = (id: string, cls: string) =>
    s(
      'marker',
      { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: cls }),
    );
  return s(
    'svg',
    {
      class: 'graph',
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': summary,
      'data-missing': missingIds.join(' '),
    },
    s('desc', {}, summary),
    s('defs', {}, marker(`arrow-${n}`, 'arrowhead'), marker(`arrow-missing-${n}`, 'arrowhead missing')),
    ...arrows,
    ...boxes,
  );
}

const LEAVES = Array.from({ length: 11 }, (_, i) => 0x40000000 + i);
const REGS = ['eax', 'ebx', 'ecx', 'edx'] as const;

/** Where a feature's CPUID fact comes from, as a citation line. */
function cpuidSource(id: FeatureId): string {
  const src = CATALOG[id].sources;
  const c = src['cpuid'] ?? Object.values(src)[0];
  return c ? formatCitation(c) : 'no source recorded';
}

/**
 * A bit's label with a line-break opportunity (<wbr>) after each underscore: a constant such as
 * HV_X64_CPU_DYNAMIC_PARTITIONING_AVAILABLE wraps between its words, never inside one (the
 * table's cells do not break words; style.css). The text stays the same.
 */
function breakAtUnderscores(text: string): Child[] {
  const parts = text.split(/(?<=_)/);
  return parts.flatMap((p, i) => (i < parts.length - 1 ? [p, h('wbr')] : [p]));
}

/** The leaves 0x40000000-0x4000000A as a table, every named bit focusable with its feature and source. */
export function cpuidTable(set: EnlightenmentSet, machine?: string): HTMLElement {
  const result = computeCpuid(set, machine ? { machine } : {});
  if (result.needsHost) return h('p', { class: 'note' }, result.needsHost);
  const json = leavesToJson(result.leaves);
  const notes = annotateCpuid(result);
  const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
  const rows = LEAVES.map((leaf) => {
    const regs = json[hex(leaf)];
    const a = notes.find((n) => n.leaf === leaf);
    const cells = REGS.map((r) => {
      const value = regs ? regs[r] : '0x00000000';
      // A string over EBX, ECX and EDX is told once, under EBX; a bit two features set is one line naming both.
      const here = (a?.notes ?? []).filter((n) => n.reg === r || (n.reg === 'ebx-edx' && r === 'ebx'));
      const bits: { where: string; what: string; features: (FeatureId | null)[] }[] = [];
      for (const n of here) {
        const same = bits.find((b) => b.where === n.where && b.what === n.what);
        if (same) same.features.push(n.feature);
        else bits.push({ where: n.where, what: n.what, features: [n.feature] });
      }
      return h(
        'td',
        {},
        h('code', { class: 'reg' }, value ?? 'host'),
        bits.length
          ? h(
              'ul',
              { class: 'bits' },
              ...bits.map((b) => {
                const tip = b.features
                  .map((f) =>
                    f
                      ? `${name(f)}: ${CATALOG[f].summary}. Source: ${cpuidSource(f)}`
                      : 'set by QEMU whenever the Hyper-V leaves are there',
                  )
                  .join(' / ');
                return h(
                  'li',
                  {},
                  h(
                    'span',
                    { class: 'bit', tabindex: 0, title: tip, 'aria-describedby': undefined },
                    ...breakAtUnderscores(`${b.where}: ${b.what}`),
                    h('span', { class: 'tip', role: 'tooltip' }, tip),
                  ),
                );
              }),
            )
          : null,
      );
    });
    return h(
      'tr',
      { 'data-leaf': hex(leaf) },
      h(
        'th',
        { scope: 'row' },
        h('code', {}, hex(leaf)),
        h('span', { class: 'leaf-title' }, a?.title ?? 'reserved (zero)'),
      ),
      ...cells,
    );
  });
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'cpuid' },
      h(
        'caption',
        {},
        result.identification
          ? 'Hyper-V CPUID leaves the guest sees'
          : 'No Hyper-V identification: the guest sees no Hyper-V leaves',
      ),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'leaf'), ...REGS.map((r) => h('th', { scope: 'col' }, r.toUpperCase()))),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}
