/** Human text for recommend: the reasons (--explain) and the side-by-side comparison (--compare). */
import { CATALOG, formatCitation } from '../catalog/index.js';
import type { FormatId } from '../formats/types.js';
import type { Comparison } from '../recommend/compare.js';
import { cell } from '../recommend/compare.js';
import type { RecommendResult } from '../recommend/types.js';
import { nameFeature, showSetting, showValue } from '../rules/names.js';

function header(result: RecommendResult): string {
  const guest = result.os ? `${result.os.name} (${result.os.id})` : 'a Windows 10 or later guest';
  const overlays = result.overlays.length ? ` + ${result.overlays.join(' + ')}` : '';
  return `For ${guest}: preset ${result.preset}${overlays}`;
}

/** Every feature with its decision, reason and source; the ones left out after the ones chosen. */
export function explainRecommendation(result: RecommendResult, syntax: FormatId): string {
  const out = [header(result), ''];
  const on = result.choices.filter((c) => c.value !== null);
  const off = result.choices.filter((c) => c.value === null);
  const width = Math.max(
    ...result.choices.map(
      (c) =>
        nameFeature(c.feature, syntax).length +
        (c.value !== null && typeof c.value !== 'boolean' ? showValue(c.feature, c.value).length + 1 : 0),
    ),
  );
  const line = (c: (typeof on)[number], mark: string) => {
    const name = nameFeature(c.feature, syntax);
    const shown = c.value !== null && typeof c.value !== 'boolean' ? showSetting(name, c.feature, c.value) : name;
    return [
      `${mark} ${shown.padEnd(width + 1)} [${c.stage}] ${c.reason}`,
      `  ${' '.repeat(width + 1)} source: ${formatCitation(c.source)}`,
    ];
  };
  out.push(`On (${on.length})`);
  for (const c of on) out.push(...line(c, '+'));
  out.push('', `Left out (${off.length})`);
  for (const c of off) out.push(...line(c, '-'));
  const extras = [
    ...result.extras.cpuFlags.map((f) => `CPU flag ${f}`),
    ...(result.extras.tscFrequency ? [`tsc-frequency ${result.extras.tscFrequency}`] : []),
  ];
  if (extras.length) out.push('', `Also: ${extras.join(', ')}`);
  const clock = result.extras.windowsClock;
  if (clock) out.push('', `Clock: ${clock.reason}`, `  source: ${formatCitation(clock.source)}`);
  if (result.notes.length) out.push('', 'Notes', ...result.notes.map((n) => `  ${n}`));
  return `${out.join('\n')}\n`;
}

/** enlighten next to the peer, then each difference with both sides' reasons. */
export function compareText(result: RecommendResult, cmp: Comparison): string {
  const name = (id: (typeof cmp.rows)[number]['feature']) => CATALOG[id].qemu.name;
  const w = Math.max(7, ...cmp.rows.map((r) => name(r.feature).length));
  const out = [
    `${header(result)}, next to ${cmp.peer}`,
    `${cmp.peer}: ${cmp.peerSummary}`,
    `  source: ${formatCitation(cmp.peerSource)}`,
    '',
  ];
  out.push(`${'feature'.padEnd(w)}  ${'enlighten'.padEnd(12)}  ${cmp.peer}`);
  for (const r of cmp.rows)
    out.push(
      `${name(r.feature).padEnd(w)}  ${cell(r.feature, r.enlighten).padEnd(12)}  ${cell(r.feature, r.peer)}${r.differs ? '   *' : ''}`,
    );
  const diffs = cmp.rows.filter((r) => r.differs);
  out.push(
    '',
    diffs.length
      ? `Where they differ (${diffs.length})`
      : `No difference: enlighten and ${cmp.peer} agree for this guest and host.`,
  );
  for (const r of diffs) {
    out.push(`  ${name(r.feature)}: enlighten ${cell(r.feature, r.enlighten)}, ${cmp.peer} ${cell(r.feature, r.peer)}`);
    out.push(`    enlighten: ${r.why!.enlighten}`, `      source: ${formatCitation(r.why!.source)}`);
    if (r.why!.peer) out.push(`    ${cmp.peer}: ${r.why!.peer}`);
  }
  return `${out.join('\n')}\n`;
}
