import type { FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG } from '../catalog/index.js';

/** A value as people write it in any syntax's messages: on/off, hex for spinlock-like counts, quoted strings. */
export function showValue(id: FeatureId, value: FeatureValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return CATALOG[id].printHex && value >= 0 ? `0x${value.toString(16)}` : String(value);
  return `'${value}'`;
}

/** A setting in enlighten's own notation for messages and tables, `name=value`, the name as the syntax writes it. */
export function showSetting(name: string, id: FeatureId, value: FeatureValue): string {
  return `${name}=${showValue(id, value).replace(/^'(.*)'$/, '$1')}`;
}
