import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { findMissingDependencies } from '../../src/model/index.js';
import { planSetChanges } from '../../src/fix/set-config.js';
import type { SetRequest } from '../../src/fix/set-config.js';

const on = (feature: FeatureId): SetRequest => ({ kind: 'feature', feature, value: true });

describe('planSetChanges', () => {
  it('turning stimer on brings synic and time, and synic brings vpindex, each with the feature that needs it', () => {
    const plan = planSetChanges({ mode: 'custom', features: { relaxed: true } }, [on('stimer')]);
    expect(plan.set.features).toEqual({ relaxed: true, stimer: true, synic: true, time: true, vpindex: true });
    expect(plan.additions).toEqual([
      { feature: 'synic', neededBy: 'stimer' },
      { feature: 'time', neededBy: 'stimer' },
      { feature: 'vpindex', neededBy: 'synic' },
    ]);
    expect(findMissingDependencies(plan.set)).toEqual([]);
  });
  it('exact: only what was asked', () => {
    const plan = planSetChanges({ mode: 'custom', features: {} }, [on('stimer')], true);
    expect(plan.set.features).toEqual({ stimer: true });
    expect(plan.additions).toEqual([]);
  });
  it('never turns on what the same request turns off', () => {
    const plan = planSetChanges({ mode: 'custom', features: {} }, [on('stimer'), { kind: 'feature', feature: 'synic', value: false }]);
    expect(plan.set.features).toEqual({ stimer: true, synic: false, time: true });
  });
  it('adds nothing in passthrough mode, nor for a feature that was already on', () => {
    expect(planSetChanges({ mode: 'passthrough', features: {} }, [on('stimer')]).additions).toEqual([]);
    expect(planSetChanges({ mode: 'custom', features: { stimer: true } }, [on('stimer')]).additions).toEqual([]);
  });
});
