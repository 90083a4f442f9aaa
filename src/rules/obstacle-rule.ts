import { CATALOG, sourceNote } from '../catalog/index.js';
import type { FeatureId } from '../catalog/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { makeDiagnostic } from '../diagnostics/index.js';
import type { EnlightenmentSet } from '../model/index.js';
import { enabledFeatures, getValue } from '../model/index.js';
import type { ObstacleGroup } from './admissible.js';
import { obstaclesFor } from './admissible.js';
import type { FormatId } from '../formats/types.js';
import { readByLibvirt, nameFeature } from './names.js';
import { ruleTarget } from './target.js';
import type { Rule } from './types.js';

/**
 * The features a target rule judges: what is on. In libvirt's passthrough mode only the mode counts,
 * since libvirt never reads the children; QEMU keeps explicit features on top of passthrough.
 */
export function judgedFeatures(set: EnlightenmentSet, format: FormatId): readonly FeatureId[] {
  const on = enabledFeatures(set);
  return set.mode === 'passthrough' && readByLibvirt(format) ? on.filter((id) => CATALOG[id].setsMode) : on;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** A rule reporting the obstacles of one group (admissible.ts) for every feature that is on. */
export function obstacleRule(id: string, group: ObstacleGroup): Rule {
  return {
    id,
    run(ctx) {
      const { config } = ctx;
      const target = ruleTarget(ctx);
      const out: Diagnostic[] = [];
      for (const feature of judgedFeatures(config.set, config.format)) {
        const value = getValue(config.set, feature)!;
        // One finding per feature: the most severe obstacle, the others as notes.
        const mine = obstaclesFor(feature, value, target, [group]);
        mine.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
        for (const o of mine.slice(0, 1)) {
          const also = mine.slice(1).map((x) => `also: ${x.message}`);
          const span = config.origins[feature];
          const fix = o.removeToFix
            ? {
                description: `remove ${nameFeature(feature, target.syntax, target.spelling)}`,
                changes: [{ feature, value: null }],
              }
            : o.instead
              ? { description: o.instead, changes: [] }
              : undefined;
          out.push(
            makeDiagnostic(o.code, o.message, {
              severity: o.severity,
              feature,
              ...(span ? { span } : {}),
              notes: [...o.notes, ...also, ...(o.source ? [sourceNote(o.source)] : [])],
              ...(o.source ? { cites: o.source } : {}),
              ...(fix ? { fix } : {}),
            }),
          );
        }
      }
      return out;
    },
  };
}
