/**
 * `FEATURE[=VALUE]` words of `enlighten set`: catalog ids (stimer), QEMU names (hv-stimer,
 * hv_stimer), libvirt element names (`vendor_id`), and `mode=custom|passthrough|host-model`.
 */
import type { FeatureDef, FeatureId, FeatureValue } from '../catalog/index.js';
import { CATALOG, FEATURE_IDS, isFeatureId, qemuNames } from '../catalog/index.js';
import { FORMATS, featureNamed } from '../formats/registry.js';
import type { Mode } from '../model/index.js';
import { parseCInteger } from '../syntax/c-integer.js';
import { suggest } from '../util/suggest.js';
import { UsageError } from './io.js';

export type { SetRequest as SetChange } from '../fix/set-config.js';
export { applySetChanges } from '../fix/set-config.js';
import type { SetRequest as SetChange } from '../fix/set-config.js';

const MODES: readonly Mode[] = ['custom', 'passthrough', 'host-model'];
const ON = new Set(['on', 'yes', 'true', '1']);
const OFF = new Set(['off', 'no', 'false', '0']);
/** `FEATURE=default` removes the setting (the element, the -cpu item) instead of turning it off. */
const UNSET = 'default';

const MAX: Record<string, bigint> = { uint32: 0xffffffffn, uint24: 0xffffffn, uint16: 0xffffn, uint8: 0xffn };

/** Every name `set` accepts for a feature: ids, and the names the syntaxes give it (QEMU spellings, libvirt element names). */
function lookup(name: string): FeatureId | undefined {
  return isFeatureId(name) ? name : featureNamed(name);
}

function unknownFeature(name: string): UsageError {
  const hints = suggest(name, [...FEATURE_IDS, 'mode', ...qemuNames().filter((n) => !n.includes('_'))]);
  return new UsageError(
    `unknown feature '${name}'`,
    hints.length
      ? `did you mean ${hints.map((h) => `'${h}'`).join(', ')}?`
      : 'run `enlighten list` to see every feature',
  );
}

function readValue(id: FeatureId, def: FeatureDef, raw: string | undefined): FeatureValue | undefined {
  const shown = `${id}${raw === undefined ? '' : `=${raw}`}`;
  if (raw === UNSET) return undefined;
  switch (def.kind) {
    case 'bool':
      if (raw === undefined || ON.has(raw)) return true;
      if (OFF.has(raw)) return false;
      throw new UsageError(`${shown}: expected on or off`, `write ${id} or ${id}=off (${id}=${UNSET} removes it)`);
    case 'on-off-auto':
      if (raw === undefined || ON.has(raw)) return true;
      if (OFF.has(raw)) return false;
      if (raw === 'auto') return 'auto';
      throw new UsageError(`${shown}: expected on, off or auto`);
    case 'string':
      if (raw === undefined) throw new UsageError(`${id} needs a value`, `for example ${id}='KVM Hv'`);
      return OFF.has(raw) ? undefined : raw;
    default: {
      const example = def.example !== undefined ? `for example ${id}=${String(def.example)}` : `for example ${id}=1`;
      if (raw === undefined) throw new UsageError(`${id} needs a value`, example);
      if (OFF.has(raw)) return undefined;
      const n = parseCInteger(raw);
      const max = MAX[def.kind];
      const min = def.kind === 'int32' ? -0x80000000n : 0n;
      const top = def.kind === 'int32' ? 0x7fffffffn : (max ?? 0xffffffffn);
      if (n === null || n < min || n > top)
        throw new UsageError(`${shown}: expected a number from ${min} to ${top} (decimal or 0x hex)`, example);
      return Number(n);
    }
  }
}

/** Reads one `FEATURE[=VALUE]` word; throws a UsageError with "did you mean" for unknown names. */
export function parseSetWord(word: string): SetChange {
  const eq = word.indexOf('=');
  const name = eq < 0 ? word : word.slice(0, eq);
  const raw = eq < 0 ? undefined : word.slice(eq + 1);
  if (name === 'mode') {
    const mode = MODES.find((m) => m === raw);
    if (!mode) throw new UsageError(`mode=${raw ?? ''}: expected ${MODES.join(', ')}`);
    return { kind: 'mode', mode };
  }
  const id = lookup(name);
  // A setting of a syntax's own (a VM manager's OS type): which syntax has it is checked on the input.
  if (!id && raw !== undefined && FORMATS.some((f) => f.settings?.names.includes(name)))
    return { kind: 'setting', name, value: raw };
  if (!id) throw unknownFeature(name);
  const def = CATALOG[id];
  const value = readValue(id, def, raw);
  if (def.setsMode) return { kind: 'mode', mode: value === true ? def.setsMode : 'custom' };
  return { kind: 'feature', feature: id, value };
}
