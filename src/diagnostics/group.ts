import type { Diagnostic } from './types.js';
import { lineIndexOf } from './position.js';

/** One finding as printed: the first diagnostic of its kind, and how many there were. */
export interface DiagnosticGroup {
  diagnostic: Diagnostic;
  count: number;
}

/** Positions of the repeats named in the note; the rest are only counted. */
const POSITIONS_SHOWN = 3;

function keyOf(d: Diagnostic): string {
  return [d.code, d.severity, d.feature ?? '', d.message, d.fix?.description ?? '', ...(d.notes ?? [])].join('\u0000');
}

/**
 * Folds diagnostics that say the same thing (code, severity, feature, message, notes and fix
 * alike) into the first of them, in first-seen order: 4,000 copies of one unknown item print once,
 * with a note "and 3,999 more like it (at 1:40, 1:61, 1:82, …)". Positions come from `source`.
 */
export function groupDiagnostics(diagnostics: readonly Diagnostic[], source: string): DiagnosticGroup[] {
  const byKey = new Map<string, { first: Diagnostic; others: Diagnostic[] }>();
  for (const d of diagnostics) {
    const key = keyOf(d);
    const seen = byKey.get(key);
    if (seen) seen.others.push(d);
    else byKey.set(key, { first: d, others: [] });
  }
  const index = lineIndexOf(source);
  return [...byKey.values()].map(({ first, others }) => {
    if (!others.length) return { diagnostic: first, count: 1 };
    const at = others
      .filter((o) => o.span)
      .slice(0, POSITIONS_SHOWN)
      .map((o) => {
        const p = index.at(o.span!.start);
        return `${p.line}:${p.column}`;
      });
    const where = at.length ? ` (at ${at.join(', ')}${others.length > at.length ? ', …' : ''})` : '';
    const note = `and ${withThousands(others.length)} more like it${where}`;
    return { diagnostic: { ...first, notes: [...(first.notes ?? []), note] }, count: others.length + 1 };
  });
}

/** 12345 -> "12,345", as toLocaleString('en-US') writes it, without loading ICU's number formats. */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
