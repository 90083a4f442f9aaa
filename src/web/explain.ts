/**
 * Explain: one page per feature (#/feature/stimer) with the facts `enlighten explain` prints, from
 * the same explainFeature; the index of every feature; and the search that finds a feature by any
 * spelling a syntax gives it (QEMU's names, a libvirt element, a virt-xml sub-option, a KubeVirt field).
 */
import type { Citation, FeatureId } from '../index.js';
import { CATALOG, PRINT_ORDER, SOURCES, explainFeature, sourceLabel } from '../index.js';
import { h } from './dom.js';

const name = (id: FeatureId) => CATALOG[id].qemu.name;

/** The feature a search names: any spelling explainFeature reads (findFeature in src/formats/explain.ts). */
export function searchFeature(query: string): FeatureId | undefined {
  return explainFeature(query)?.id;
}

/** Features whose id, QEMU name or summary contains the query, for the list under the search box. */
export function matchFeatures(query: string): FeatureId[] {
  const exact = searchFeature(query);
  const q = query.trim().toLowerCase().replace(/[<>/]/g, '');
  const loose = q
    ? PRINT_ORDER.filter(
        (id) => id.includes(q) || name(id).includes(q) || CATALOG[id].summary.toLowerCase().includes(q),
      )
    : [];
  return [...new Set([...(exact ? [exact] : []), ...loose])].slice(0, 12);
}

function citation(c: Citation): HTMLElement {
  return h(
    'span',
    {},
    ...c.flatMap((x, i) => {
      const src = SOURCES[x.source];
      const label = `${sourceLabel(x.source)}${x.detail ? ` (${x.detail})` : ''}`;
      return [
        i > 0 ? '; ' : '',
        src.url ? h('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank' }, label) : label,
      ];
    }),
  );
}

const featureLinks = (ids: readonly FeatureId[]) =>
  ids.length
    ? h('span', {}, ...ids.flatMap((id, i) => [i > 0 ? ', ' : '', h('a', { href: `#/feature/${id}` }, name(id))]))
    : 'nothing';

export function featurePage(id: FeatureId): HTMLElement {
  const e = explainFeature(id)!;
  return h(
    'article',
    { class: 'explain', 'data-feature': id },
    h('h2', { tabindex: -1, id: 'view-title' }, h('code', {}, e.name), `: ${e.summary}`),
    h('p', {}, e.description),
    h('h3', {}, 'Guest sees'),
    e.guestSees.length ? h('ul', {}, ...e.guestSees.map((g) => h('li', {}, g))) : h('p', {}, 'nothing by itself'),
    h('h3', {}, 'Facts'),
    h(
      'dl',
      { class: 'facts' },
      ...e.facts.flatMap(([k, v]) => [
        h('dt', {}, k),
        h('dd', {}, k === 'Requires' ? featureLinks(e.requires) : k === 'Needed by' ? featureLinks(e.neededBy) : v),
      ]),
    ),
    h('h3', {}, 'How to write it'),
    h(
      'table',
      { class: 'examples' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'syntax'), h('th', { scope: 'col' }, 'written'))),
      h(
        'tbody',
        {},
        ...e.examples.map((x) =>
          h('tr', {}, h('th', { scope: 'row' }, x.label), h('td', {}, x.written ? h('code', {}, x.text) : x.text)),
        ),
      ),
    ),
    h('h3', {}, 'Sources'),
    h('ul', { class: 'sources' }, ...e.sources.map((s) => h('li', {}, `${s.fact}: `, citation(s.citation)))),
  );
}

export function featureIndex(): HTMLElement {
  return h(
    'article',
    {},
    h('h2', { tabindex: -1, id: 'view-title' }, `Every enlightenment (${PRINT_ORDER.length})`),
    h(
      'ul',
      { class: 'index' },
      ...PRINT_ORDER.map((id) =>
        h('li', {}, h('a', { href: `#/feature/${id}` }, h('code', {}, name(id))), ` ${CATALOG[id].summary}`),
      ),
    ),
  );
}
