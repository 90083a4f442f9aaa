import type { FeatureId } from '../catalog/index.js';
import type { Unwritable } from './types.js';

/**
 * `FormatEntry.cannotWrite` for a syntax with one reason for every feature it has no words for:
 * `why` for each feature `writes` refuses.
 */
export function cannotWriteUnless(
  writes: (feature: FeatureId) => boolean,
  why: Unwritable,
): (feature: FeatureId) => Unwritable | undefined {
  return (feature) => (writes(feature) ? undefined : why);
}
