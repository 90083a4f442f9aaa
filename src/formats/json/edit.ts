import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import type { ParsedConfig, PrintResult } from '../types.js';
import { printJsonSet } from './print.js';

const OWN_KEYS = new Set(['mode', 'features']);

/**
 * enlighten's JSON is rewritten whole, so it is edited only when rewriting loses nothing: an
 * object with no key but "mode" and "features", and no feature or value the parser could not read.
 * Otherwise nothing is written, and the reason says which key would be lost.
 */
export function editJson(parsed: ParsedConfig, set: EnlightenmentSet): PrintResult {
  let data: unknown;
  try {
    data = JSON.parse(parsed.source);
  } catch {
    data = undefined;
  }
  const foreign =
    data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data).filter((k) => !OWN_KEYS.has(k)) : [];
  const unread = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (foreign.length || unread.length) {
    const what = foreign.length
      ? `its keys ${foreign.map((k) => JSON.stringify(k)).join(', ')}`
      : 'what it could not read';
    return {
      text: parsed.source,
      diagnostics: [
        makeDiagnostic(
          'NOT_EDITABLE',
          `enlighten rewrites its JSON whole, which would lose ${what}; nothing is written`,
          {
            severity: 'error',
            ...(unread[0]?.span ? { span: unread[0].span } : {}),
            notes: ['keep only "mode" and "features" in the file, or use --stdout and merge by hand'],
          },
        ),
      ],
    };
  }
  // The file's own ending: a final newline only when it had one.
  return { text: `${printJsonSet(set).trimEnd()}${parsed.source.endsWith('\n') ? '\n' : ''}`, diagnostics: [] };
}
