import { describe, expect, it } from 'vitest';
import type { FeatureId, FeatureValue } from '../../src/catalog/index.js';
import type { DiagnosticCode, Severity } from '../../src/diagnostics/index.js';
import type { Mode } from '../../src/model/index.js';
import type { CheckOptions } from '../../src/rules/index.js';
import type { Context, Syntax } from './syntaxes.js';
import { SYNTAXES, checkIn, makeSet } from './syntaxes.js';

export interface RuleCase {
  name: string;
  features: Partial<Record<FeatureId, FeatureValue>>;
  mode?: Mode;
  options?: CheckOptions;
  ctx?: Context;
  /** The code a trigger must raise; a near miss must not raise it. */
  code: DiagnosticCode;
  trigger: boolean;
  severity?: Severity;
  /** The feature the finding is about. */
  feature?: FeatureId;
  /** Text the message must hold (in every syntax). */
  says?: RegExp;
  /** Whether the finding must carry a fix that changes the set. */
  fixes?: boolean;
  syntaxes?: Syntax[];
}

/** Runs every case in every syntax that can hold it; a case no syntax can hold fails. */
export function ruleTable(title: string, cases: RuleCase[]): void {
  describe(title, () => {
    const rows = cases.flatMap((c) =>
      (c.syntaxes ?? SYNTAXES).map((s) => [`${c.trigger ? 'triggers' : 'near miss'}: ${c.name} [${s}]`, c, s] as const),
    );
    it.each(rows)('%s', (_name, c, syntax) => {
      const found = checkIn(syntax, makeSet(c.features, c.mode), c.options ?? {}, c.ctx);
      if (found === null) {
        expect(c.syntaxes, `${syntax} cannot hold this case's context: list the syntaxes that can`).toBeUndefined();
        return;
      }
      const hits = found.filter((d) => d.code === c.code);
      if (!c.trigger) {
        expect(hits.map((d) => d.message)).toEqual([]);
        return;
      }
      expect(hits.length, found.map((d) => `${d.code}: ${d.message}`).join('\n')).toBeGreaterThan(0);
      const d = c.feature ? hits.find((h) => h.feature === c.feature) : hits[0];
      expect(d, `no ${c.code} about ${c.feature}`).toBeDefined();
      if (c.severity) expect(d!.severity).toBe(c.severity);
      if (c.says) expect(d!.message).toMatch(c.says);
      if (c.fixes !== undefined) expect((d!.fix?.changes.length ?? 0) > 0).toBe(c.fixes);
    });
  });
}
