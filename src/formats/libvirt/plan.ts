import type { FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { emptySet, getValue, setFeature, unsetFeature } from '../../model/index.js';
import { LIBVIRT_SAYS } from './messages.js';
import type { LibvirtRoot } from './parse.js';
import { elementOf, featureOfMode, parentOf } from './spellings.js';
import { isAtLeast, LIBVIRT_CHANGES, libvirtKnows, libvirtSince, SIGNED_RETRIES_MAX } from './versions.js';
import { decimalAndHex, stringRefusal } from './values.js';

export interface PlanOptions {
  version: string;
  /** What the document holds now; only features whose value differs from it are written. */
  base?: EnlightenmentSet;
  /** What the document is: fragments have no `<clock>` or `<devices>`. */
  root?: LibvirtRoot;
}

/**
 * The set libvirt can be given: every change the target release can take, and a diagnostic for
 * each one it cannot (no libvirt element, newer than the release, a value libvirt refuses, a child
 * without its parent, features next to passthrough mode). Refused changes keep the base value.
 */
export function planLibvirtSet(
  target: EnlightenmentSet,
  opts: PlanOptions,
): { set: EnlightenmentSet; diagnostics: Diagnostic[] } {
  const base = opts.base ?? emptySet();
  const diagnostics: Diagnostic[] = [];
  let set = { ...planMode(target, base, opts.version, diagnostics), features: { ...base.features } };
  const dropped: string[] = [];
  for (const id of PRINT_ORDER) {
    if (CATALOG[id].setsMode) continue;
    const value = getValue(target, id);
    if (value === getValue(base, id)) continue;
    const problem = refusal(id, value, target, set.mode, opts);
    if (problem === 'passthrough') {
      dropped.push(CATALOG[id].qemu.name);
      continue;
    }
    if (problem) {
      if (problem !== 'silent') diagnostics.push(problem);
      continue;
    }
    // A panic device is there or not: off is the same as unset.
    const unset = value === undefined || (CATALOG[id].libvirt?.kind === 'panic' && value === false);
    set = unset ? unsetFeature(set, id) : setFeature(set, id, value);
  }
  // Passthrough mode holds no children (the edit empties <hyperv>): whatever the base had goes too.
  if (set.mode === 'passthrough') {
    for (const id of PRINT_ORDER) {
      const kind = CATALOG[id].libvirt?.kind;
      if ((kind !== 'hyperv' && kind !== 'hyperv-child') || getValue(set, id) === undefined) continue;
      if (isOnValue(getValue(target, id)) && !dropped.includes(CATALOG[id].qemu.name))
        dropped.push(CATALOG[id].qemu.name);
      set = unsetFeature(set, id);
    }
  }
  // Children of a parent that is not on are not read back (libvirt ignores them): the plan says so too.
  for (const id of PRINT_ORDER) {
    const parent = parentOf(id);
    if (parent && getValue(set, parent) !== true && getValue(set, id) !== undefined) set = unsetFeature(set, id);
  }
  if (dropped.length) {
    diagnostics.push(
      makeDiagnostic(
        'NOT_EXPRESSIBLE',
        `left out ${dropped.join(', ')}: libvirt's schema allows no children in <hyperv mode='passthrough'>`,
        {
          notes: [
            'passthrough gives the guest every enlightenment the host supports; use mode=custom to list features',
          ],
        },
      ),
    );
  }
  return { set, diagnostics };
}

function planMode(
  target: EnlightenmentSet,
  base: EnlightenmentSet,
  version: string,
  diagnostics: Diagnostic[],
): EnlightenmentSet {
  if (target.mode === base.mode) return { ...base, mode: target.mode };
  const feature = featureOfMode(target.mode);
  const since = target.mode === 'host-model' ? LIBVIRT_CHANGES.hostModelMode : feature ? libvirtSince(feature) : null;
  if (since && !isAtLeast(version, since)) {
    diagnostics.push(
      makeDiagnostic(
        'LIBVIRT_TOO_OLD',
        `<hyperv mode='${target.mode}'> needs libvirt ${since}; libvirt ${version} refuses it, so the mode stays ${base.mode}`,
        {
          notes: [`libvirt ${version}: ${LIBVIRT_SAYS.invalidAttribute('mode', 'hyperv', target.mode)}`],
        },
      ),
    );
    return { ...base };
  }
  return { ...base, mode: target.mode };
}

function isOnValue(value: FeatureValue | undefined): boolean {
  return value !== undefined && value !== false;
}

/** Why the change cannot be written: a diagnostic, 'passthrough', 'silent' (nothing lost), or null when it can. */
function refusal(
  id: FeatureId,
  value: FeatureValue | undefined,
  target: EnlightenmentSet,
  mode: EnlightenmentSet['mode'],
  opts: PlanOptions,
): Diagnostic | 'passthrough' | 'silent' | null {
  const def = CATALOG[id];
  const s = def.libvirt;
  const name = def.qemu.name;
  if (!s) {
    if (value === undefined || value === def.default || value === false) return 'silent';
    return makeDiagnostic('NOT_EXPRESSIBLE', `${name} is left out: libvirt has no element for it`, {
      feature: id,
      notes: ['libvirt passes only the features it knows to QEMU; a <qemu:commandline> -cpu override is the only way'],
    });
  }
  if (value === undefined) return null;
  if (!libvirtKnows(id, opts.version)) {
    if (!isOnValue(value)) return 'silent';
    const does =
      s.kind === 'hyperv-child' ? 'ignores it' : 'refuses the domain (unsupported HyperV Enlightenment feature)';
    return makeDiagnostic(
      'LIBVIRT_TOO_OLD',
      `${name} is left out: its element needs libvirt ${libvirtSince(id)}, the target is libvirt ${opts.version}`,
      {
        feature: id,
        notes: [`libvirt ${opts.version} ${does}; --libvirt-version X.Y names the target`],
      },
    );
  }
  if ((s.kind === 'hyperv' || s.kind === 'hyperv-child') && mode === 'passthrough')
    return isOnValue(value) ? 'passthrough' : 'silent';
  if ((s.kind === 'timer' || s.kind === 'panic') && opts.root && opts.root !== 'domain') {
    if (!isOnValue(value)) return 'silent';
    return makeDiagnostic(
      'NOT_EXPRESSIBLE',
      `${name} is left out: it lives outside <features> (${s.kind === 'timer' ? '<clock>' : '<devices>'}), and the input is a <${opts.root}> fragment`,
      { feature: id },
    );
  }
  if (s.kind === 'kvm' && opts.root === 'hyperv') {
    if (!isOnValue(value)) return 'silent';
    return makeDiagnostic(
      'NOT_EXPRESSIBLE',
      `${name} is left out: it lives in <features><kvm>, outside <hyperv>, and the input is a <hyperv> fragment`,
      { feature: id },
    );
  }
  const parent = parentOf(id);
  if (parent && getValue(target, parent) !== true) {
    if (!isOnValue(value)) return 'silent';
    return makeDiagnostic(
      'NOT_EXPRESSIBLE',
      `${name} is left out: libvirt writes it inside <${elementOf(parent) ?? parent} state='on'>, and ${CATALOG[parent].qemu.name} is not on`,
      {
        feature: id,
        notes: [`turn on ${parent} too`],
      },
    );
  }
  return valueRefusal(id, value, opts.version);
}

function valueRefusal(id: FeatureId, value: FeatureValue, version: string): Diagnostic | null {
  const { libvirt: s, minimum, stringLimits, example } = CATALOG[id];
  const usual = typeof example === 'number' ? `; the usual value is ${decimalAndHex(example)}` : '';
  if (s?.kind !== 'hyperv' || !s.valueAttr) return null;
  if (
    s.valueAttr === 'retries' &&
    typeof value === 'number' &&
    value > SIGNED_RETRIES_MAX &&
    !isAtLeast(version, LIBVIRT_CHANGES.retriesPrintedUnsigned)
  ) {
    return makeDiagnostic(
      'LIBVIRT_TOO_OLD',
      `${CATALOG[id].qemu.name}=${value} is left out: libvirt ${version} stores it but writes it back as retries='${value - 2 ** 32}', which it then refuses`,
      {
        feature: id,
        notes: [
          `write at most 2147483647 (0x7fffffff) for libvirt before ${LIBVIRT_CHANGES.retriesPrintedUnsigned}${usual}`,
        ],
      },
    );
  }
  if (minimum && typeof value === 'number' && value < minimum.value) {
    return makeDiagnostic(
      'LIBVIRT_REFUSES_VALUE',
      `${CATALOG[id].qemu.name}=${value} is left out (libvirt: ${minimum.message})`,
      {
        feature: id,
        notes: [`QEMU takes it, libvirt refuses the domain${usual}`],
      },
    );
  }
  if (stringLimits && typeof value === 'string') {
    const says = stringRefusal(value, stringLimits);
    if (says) {
      return makeDiagnostic(
        'LIBVIRT_VENDOR_ID_INVALID',
        `${CATALOG[id].qemu.name}='${value}' is left out (libvirt: ${says})`,
        { feature: id },
      );
    }
  }
  return null;
}
