import type { ParseResult } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import { unsetFeature } from '../model/index.js';
import type { FeatureId } from '../catalog/index.js';
import type { BodyExpansion } from '../syntax/shell/heredoc.js';
import { heredocExpansions, heredocs } from '../syntax/shell/heredoc.js';
import { blankOutside } from '../util/blank.js';
import type { ConfigPiece, ParsedConfig } from './types.js';
import { MAX_PIECES } from './types.js';

/**
 * The heredoc bodies of a script as embedded pieces: text that may hold a configuration of
 * another syntax (`cat > win.xml <<'EOF'` with a whole domain), each the whole text with the rest
 * blanked so positions stay the file's. Text that is no script has none.
 */
export function heredocPieces(text: string): ConfigPiece[] {
  if (!text.includes('<<')) return [];
  return heredocs(text)
    .filter((h) => h.body.end > h.body.start)
    .slice(0, MAX_PIECES + 1)
    .map((h) => {
      const expansions = heredocExpansions(text, h);
      return {
        text: () => blankOutside(text, h.body),
        span: h.body,
        kind: 'the heredoc',
        embedded: true,
        ...(expansions.length ? { expansions } : {}),
      };
    });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * A piece's reading once the shell's expansions in it are taken into account (an unquoted
 * heredoc's `$NAME`, `${...}`, `$(...)`): what the shell puts there is not known, so a feature
 * whose value holds one is not read (never taken for the literal `$NAME`), the parser's findings
 * about that text go, and one SHELL_EXPANSION says so, at the first expansion.
 */
export function withShellExpansions(
  read: ParseResult<ParsedConfig>,
  expansions: readonly BodyExpansion[],
): ParseResult<ParsedConfig> {
  if (!read.ok || !expansions.length) return read;
  const config = read.value;
  const hit = (span: { start: number; end: number } | undefined) =>
    span !== undefined && expansions.some((e) => overlaps(e.span, span));
  let set = config.set;
  const origins = { ...config.origins };
  const dropped: FeatureId[] = [];
  for (const [id, span] of Object.entries(config.origins) as [FeatureId, { start: number; end: number }][]) {
    if (!hit(span)) continue;
    set = unsetFeature(set, id);
    delete origins[id];
    dropped.push(id);
  }
  const shown = [...new Set(expansions.map((e) => e.text))];
  const d = makeDiagnostic(
    'SHELL_EXPANSION',
    `the heredoc's delimiter is not quoted, so the shell expands ${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ', ...' : ''} before the text is used: only its literal parts are read`,
    {
      span: expansions[0]!.span,
      notes: [
        dropped.length
          ? `what the shell puts there is not known here, so ${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not checked`
          : 'what the shell puts there is not known here; the rest is checked as written',
        "quote the delimiter (<<'EOF') if the text is meant as written, or check the file the script writes (run it, then enlighten check that file); enlighten does not edit text inside a script",
      ],
    },
  );
  return {
    ok: true,
    value: {
      ...config,
      set,
      origins,
      diagnostics: [...config.diagnostics.filter((x) => !hit(x.span)), d],
    },
  };
}
