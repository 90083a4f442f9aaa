import { heredocs } from '../syntax/shell/heredoc.js';
import { blankOutside } from '../util/blank.js';
import type { ConfigPiece } from './types.js';
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
    .map((h) => ({ text: () => blankOutside(text, h.body), span: h.body, kind: 'the heredoc', embedded: true }));
}
