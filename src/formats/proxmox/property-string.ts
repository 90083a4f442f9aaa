/**
 * Proxmox property strings (`host,flags=+a;-b,hidden=1`): comma-separated `key=value` parts, the
 * first part without `=` being the default key's value. Restated from pve-common's
 * `PVE::JSONSchema::parse_property_string` behaviour (pve-common, src/PVE/JSONSchema.pm); a value
 * in double quotes (newer pve-common) is read but marked, so edits refuse to touch it.
 */
import type { Span } from '../../diagnostics/index.js';

export interface PropertyPart {
  /** The key, or the default key's name when the part has none. */
  key: string;
  value: string;
  /** True when the part was written without `key=` (the default key). */
  implicit: boolean;
  /** The whole part (`flags=+a;-b`), in the source. */
  span: Span;
  /** The value, in the source. */
  valueSpan: Span;
  quoted: boolean;
}

/** Splits a property string that starts at `offset` in the source. */
export function readPropertyString(value: string, offset: number, defaultKey: string): PropertyPart[] {
  const out: PropertyPart[] = [];
  let pos = 0;
  for (const raw of value.split(',')) {
    const start = offset + pos;
    pos += raw.length + 1;
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const implicit = eq < 0;
    const key = implicit ? defaultKey : raw.slice(0, eq);
    const v = implicit ? raw : raw.slice(eq + 1);
    const vStart = implicit ? start : start + eq + 1;
    out.push({
      key,
      value: v.replace(/^"(.*)"$/, '$1'),
      implicit,
      span: { start, end: start + raw.length },
      valueSpan: { start: vStart, end: vStart + v.length },
      quoted: v.includes('"'),
    });
  }
  return out;
}

/** The last part of a key. */
export function partOf(parts: readonly PropertyPart[], key: string): PropertyPart | undefined {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.key === key) return parts[i];
  return undefined;
}

/** A Proxmox boolean (`1`, `on`, `yes`, `true` and their opposites), per pve-common's `parse_boolean`. */
export function pveBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(1|on|yes|true)$/i.test(value)) return true;
  if (/^(0|off|no|false)$/i.test(value)) return false;
  return undefined;
}
