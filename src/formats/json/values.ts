import type { FeatureDef } from '../../catalog/index.js';
import type { DiagnosticCode } from '../../diagnostics/index.js';

const LIMITS: Record<string, [number, number]> = {
  uint32: [0, 0xffffffff],
  uint24: [0, 0xffffff],
  uint16: [0, 0xffff],
  uint8: [0, 0xff],
  int32: [-0x80000000, 0x7fffffff],
};

/** Checks a JSON value against the feature's kind; null when it is fine. */
export function checkJsonValue(def: FeatureDef, value: unknown): { code: DiagnosticCode; message: string } | null {
  switch (def.kind) {
    case 'bool':
      return typeof value === 'boolean' ? null : { code: 'INVALID_BOOLEAN', message: 'expects true or false' };
    case 'on-off-auto':
      return typeof value === 'boolean' || value === 'auto'
        ? null
        : { code: 'INVALID_VALUE', message: 'expects true, false or "auto"' };
    case 'string':
      return typeof value === 'string' ? null : { code: 'INVALID_VALUE', message: 'expects a string' };
    default: {
      const [min, max] = LIMITS[def.kind]!;
      if (typeof value !== 'number' || !Number.isInteger(value))
        return { code: 'INVALID_NUMBER', message: 'expects a whole number' };
      return value < min || value > max
        ? { code: 'NUMBER_OUT_OF_RANGE', message: `expects a number from ${min} to ${max} (${def.kind})` }
        : null;
    }
  }
}
