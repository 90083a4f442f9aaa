import type { FeatureId } from '../../catalog/index.js';
import { CATALOG, isFeatureId, FEATURE_IDS } from '../../catalog/index.js';
import type { Diagnostic, ParseResult, Span } from '../../diagnostics/index.js';
import { makeDiagnostic, readResult } from '../../diagnostics/index.js';
import type { Mode, Origins } from '../../model/index.js';
import { emptySet, setFeature } from '../../model/index.js';
import { suggest } from '../../util/suggest.js';
import type { ParsedConfig } from '../types.js';
import { checkJsonValue } from './values.js';

const MODES: readonly Mode[] = ['custom', 'passthrough', 'host-model'];

const STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * Where each object key first appears in the text, for diagnostics (JSON.parse keeps no
 * positions). One pass over the string literals (outside them JSON has no quote), so a
 * hundred thousand keys cost one scan, not one scan each.
 */
function keySpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  for (const m of text.matchAll(STRING)) {
    const end = m.index + m[0].length;
    let after = end;
    while (after < text.length && ' \t\r\n'.includes(text[after]!)) after++;
    if (text[after] !== ':') continue;
    let key: string;
    try {
      key = JSON.parse(m[0]) as string;
    } catch {
      continue;
    }
    if (!spans.has(key)) spans.set(key, { start: m.index, end });
  }
  return spans;
}

/** Parses enlighten's JSON set: `{"mode": "custom", "features": {"relaxed": true, "spinlocks": 8191}}`. */
export function parseJsonSet(text: string): ParseResult<ParsedConfig> {
  return readResult(readJsonSet(text));
}

function readJsonSet(text: string): ParsedConfig {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const at = m ? Number(m[1]) : 0;
    diagnostics.push(
      makeDiagnostic('UNREADABLE_INPUT', `not valid JSON: ${msg}`, { span: { start: at, end: at + 1 } }),
    );
    return { format: 'json', source: text, set: emptySet(), origins: {}, context: {}, diagnostics };
  }
  let set = emptySet();
  const origins: Origins = {};
  const obj = (data ?? {}) as { mode?: unknown; features?: unknown };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    diagnostics.push(
      makeDiagnostic(
        'UNREADABLE_INPUT',
        'expected a JSON object like {"mode": "custom", "features": {"relaxed": true}}',
      ),
    );
  }
  if (obj.mode !== undefined) {
    if (typeof obj.mode === 'string' && (MODES as readonly string[]).includes(obj.mode))
      set = { ...set, mode: obj.mode as Mode };
    else {
      const span = keySpans(text).get('mode');
      diagnostics.push(
        makeDiagnostic('INVALID_VALUE', `"mode" must be one of ${MODES.join(', ')}`, span ? { span } : {}),
      );
    }
  }
  const features = obj.features;
  if (features !== undefined && (typeof features !== 'object' || features === null || Array.isArray(features))) {
    diagnostics.push(makeDiagnostic('UNREADABLE_INPUT', '"features" must be an object mapping feature ids to values'));
  } else if (features) {
    const spans = keySpans(text);
    for (const [key, value] of Object.entries(features as Record<string, unknown>)) {
      const span = spans.get(key);
      const at = span ? { span } : {};
      if (!isFeatureId(key)) {
        const hints = suggest(key, FEATURE_IDS);
        diagnostics.push(
          makeDiagnostic('UNKNOWN_FEATURE', `unknown feature '${key}'`, {
            ...at,
            notes: [
              hints.length
                ? `did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`
                : 'run `enlighten list` to see every feature',
            ],
          }),
        );
        continue;
      }
      const id: FeatureId = key;
      const problem = checkJsonValue(CATALOG[id], value);
      if (problem) {
        diagnostics.push(makeDiagnostic(problem.code, `${id}: ${problem.message}`, { ...at, feature: id }));
        continue;
      }
      set = setFeature(set, id, value as boolean | number | string);
      if (span) origins[id] = span;
    }
  }
  return { format: 'json', source: text, set, origins, context: {}, diagnostics };
}
