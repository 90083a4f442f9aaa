// Builds docs/sources.md from the catalog's SOURCES table and every feature's citations (via the
// built library). Used by gen-docs.mjs.
import { CATALOG, PRINT_ORDER, SOURCES, sourceLabel } from '../dist/index.js';

const anchor = (id) => id.toLowerCase();
const cell = (text) => String(text).replaceAll('|', '\\|');
const cites = (citation) =>
  citation.map((c) => `[${c.source}](#${anchor(c.source)})${c.detail ? ` (${cell(c.detail)})` : ''}`).join('; ');

/** Every fact of an entry and where it comes from: its `sources` record and each sourced sub-record. */
function factsOf(def) {
  const out = Object.entries(def.sources);
  for (const a of def.whenMissing ?? [])
    out.push([
      `when missing${a.guest ? ` (${a.guest.family}${a.guest.from ? ` ${a.guest.from}+` : ''})` : ''}${a.workload ? ` (${a.workload})` : ''}`,
      a.source,
    ]);
  for (const [need, why] of Object.entries(def.host.why ?? {})) out.push([`host: ${need}`, why.source]);
  if (def.migration?.source) out.push(['migration', def.migration.source]);
  if (def.minimum) out.push(['minimum', def.minimum.source]);
  for (const v of def.specialValues ?? []) out.push([`value ${String(v.value)}`, v.source]);
  if (def.stringLimits) out.push(['string limits', def.stringLimits.source]);
  for (const e of def.guestExpects ?? []) out.push([`guest expects (${e.guest.family})`, e.source]);
  return out;
}

function sourceSection(id) {
  const s = SOURCES[id];
  const where = s.url ? `<${s.url}>` : `this repository: [\`${s.path}\`](../${s.path})`;
  return [
    `### ${id}`,
    '',
    `${s.title}: \`${sourceLabel(id)}\``,
    '',
    `- where: ${where}`,
    ...(s.also ?? []).map((u) => `- also: <${u}>`),
    `- project: ${s.project}${s.path ? `, file \`${s.path}\`` : ''}${s.symbol ? `, \`${s.symbol}\`` : ''}${s.ref ? `, read at ${s.ref}` : ''}`,
    `- facts: ${s.what}`,
    '',
  ].join('\n');
}

function featureSection(id) {
  const def = CATALOG[id];
  return [
    `### ${def.qemu.name}`,
    '',
    '| fact | source |',
    '|---|---|',
    ...factsOf(def).map(([fact, c]) => `| ${cell(fact)} | ${cites(c)} |`),
    '',
  ].join('\n');
}

export function sourcesPage() {
  return `# Sources

Where enlighten's facts come from. \`enlighten explain\`, the notes of \`check\`, and
\`recommend --explain\` / \`--compare\` cite these sources by their short form (the text in
backticks below). A commit is given by the short hash that was read; a release by its tag.
Where sources disagree, enlighten follows the code over the documentation and says so.

This file is generated from \`src/catalog/sources*.ts\` and the catalog by \`node scripts/gen-docs.mjs\`.

## Sources by id

${Object.keys(SOURCES).map(sourceSection).join('\n')}
## Facts by feature

${PRINT_ORDER.map(featureSection).join('\n')}`;
}
