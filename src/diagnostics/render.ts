import type { Diagnostic } from './types.js';
import { lineColumnAt, lineText } from './position.js';

export interface RenderOptions {
  /** Name shown in the location line (a file name, or "<arg>" / "<stdin>"). */
  sourceName: string;
  /** Turns a fix into words in the input's own syntax. */
  describeFix?: (d: Diagnostic) => string | undefined;
  color?: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', reset: '\x1b[0m', bold: '\x1b[1m' };

/**
 * Renders a diagnostic as a code frame:
 *   error[MISSING_DEPENDENCY]: message
 *     --> file:1:11
 *      |
 *    1 | -cpu host,hv_stimer
 *      |           ^^^^^^^^^
 *      = fix: ...
 */
export function renderDiagnostic(d: Diagnostic, source: string, opts: RenderOptions): string {
  const c = opts.color ? COLORS : { error: '', warning: '', info: '', reset: '', bold: '' };
  const out = [`${c[d.severity]}${d.severity}[${d.code}]${c.reset}: ${c.bold}${d.message}${c.reset}`];
  if (d.span) {
    const { line, column } = lineColumnAt(source, d.span.start);
    const text = lineText(source, line);
    const gutter = String(line).length;
    const pad = ' '.repeat(gutter);
    const width = Math.max(1, Math.min(d.span.end - d.span.start, text.length - column + 1));
    out.push(`${pad}--> ${opts.sourceName}:${line}:${column}`);
    out.push(`${pad} |`);
    out.push(`${line} | ${text}`);
    out.push(`${pad} | ${' '.repeat(column - 1)}${c[d.severity]}${'^'.repeat(width)}${c.reset}`);
  } else {
    out.push(`  --> ${opts.sourceName}`);
  }
  const indent = d.span ? ' '.repeat(String(lineColumnAt(source, d.span.start).line).length) : ' ';
  for (const note of d.notes ?? []) out.push(`${indent} = note: ${note}`);
  const fix = opts.describeFix?.(d) ?? d.fix?.description;
  if (fix) out.push(`${indent} = fix: ${fix}`);
  return out.join('\n');
}
