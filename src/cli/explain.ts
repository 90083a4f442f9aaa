import { CATALOG, FEATURE_IDS, formatCitation, qemuNames } from '../catalog/index.js';
import type { FeatureExplanation } from '../formats/explain.js';
import { explainFeature } from '../formats/explain.js';
import { suggest } from '../util/suggest.js';
import { printJsonOrText } from './common.js';
import type { Io } from './io.js';
import { UsageError } from './io.js';
import { jsonOption } from './options.js';
import type { CommandSpec } from './spec.js';
import { argument } from './spec.js';
import { featureIds } from './values.js';

/** Splits prose into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Accepts an id (stimer, stimer_direct) or a name any syntax gives the feature (hv_stimer, hv-apicv, emsr_bitmap). */
export function resolveFeature(name: string): FeatureExplanation {
  const found = explainFeature(name);
  if (found) return found;
  const lower = name.trim().toLowerCase();
  const hints = suggest(lower, [...FEATURE_IDS, ...qemuNames().filter((n) => !n.includes('_'))]);
  throw new UsageError(
    `unknown enlightenment '${name}'`,
    hints.length ? `did you mean ${hints.join(', ')}?` : 'run `enlighten list` to see every one',
  );
}

export function explainText(e: FeatureExplanation): string {
  const out: string[] = [`${e.name}: ${e.summary}`, '', ...wrap(e.description, 96).map((l) => `  ${l}`), ''];
  out.push('Guest sees', ...(e.guestSees.length ? e.guestSees.map((g) => `  ${g}`) : ['  nothing by itself']), '');
  const w = Math.max(...e.facts.map(([k]) => k.length));
  out.push(...e.facts.map(([k, v]) => `${k.padEnd(w)}  ${v}`), '');
  out.push('How to write it');
  const width = Math.max(...e.examples.map((x) => x.label.length));
  for (const x of e.examples) out.push(`  ${x.label.padEnd(width)}  ${x.text}`);
  out.push('', 'Sources');
  for (const { fact, citation } of e.sources) out.push(`  ${fact}: ${formatCitation(citation)}`);
  return `${out.join('\n')}\n`;
}

export async function runExplain(name: string, flags: { json?: boolean }, io: Io): Promise<number> {
  const e = resolveFeature(name);
  const json = () => {
    const examples = e.examples.flatMap((x) => (x.jsonKey ? [[x.jsonKey, x.written ? x.text : null] as const] : []));
    return { ...CATALOG[e.id], neededBy: e.neededBy, ...Object.fromEntries(examples) };
  };
  return printJsonOrText(io, flags.json, json, () => explainText(e));
}

export const explainCommand: CommandSpec = {
  name: 'explain',
  summary: 'explain one enlightenment: what it does, what the guest sees, requirements, caveats, spellings',
  arguments: [
    argument('feature', 'an id (stimer), a QEMU name (hv-stimer, hv_stimer) or a libvirt element (emsr_bitmap)', {
      values: featureIds,
    }),
  ],
  options: [jsonOption('print the catalog entry as JSON')],
  examples: ['enlighten explain stimer', 'enlighten explain hv_evmcs', 'enlighten explain --json vapic'],
  run: (args, flags, io) => runExplain(args[0]!, flags as { json?: boolean }, io),
};
