import type { FeatureValue } from '../../catalog/index.js';
import { CATALOG, PRINT_ORDER } from '../../catalog/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { makeDiagnostic } from '../../diagnostics/index.js';
import type { EnlightenmentSet } from '../../model/index.js';
import { getValue, listedFeatures } from '../../model/index.js';
import type { PrintOptions, PrintResult } from '../types.js';
import type { KindLayout } from './fields.js';
import { LAYOUTS, PLACES } from './fields.js';
import { blockOf, leafOf } from './edit.js';
import type { Tree } from './render.js';
import { blockLines, putIn } from './render.js';

/** The fields of `set` below a layout's object (`spec.template.spec.domain...`), and what KubeVirt cannot hold. */
export function treeOf(
  set: EnlightenmentSet,
  layout: KindLayout,
  cut: number,
): { tree: Tree; diagnostics: Diagnostic[] } {
  const tree: Tree = {};
  const diagnostics: Diagnostic[] = [];
  if (set.mode === 'passthrough') {
    if (layout.passthrough) putIn(tree, [...layout.base, ...layout.passthrough].slice(cut), { enabled: true });
    else
      diagnostics.push(
        makeDiagnostic('NOT_EXPRESSIBLE', 'a preference has no hypervPassthrough field: left out', {
          feature: 'passthrough',
        }),
      );
  } else if (set.mode !== 'custom')
    diagnostics.push(makeDiagnostic('NOT_EXPRESSIBLE', `KubeVirt has no ${set.mode} Hyper-V mode: left out`));
  const ids = [...listedFeatures(set)].sort((a, b) => PRINT_ORDER.indexOf(a) - PRINT_ORDER.indexOf(b));
  for (const id of ids) {
    const value = getValue(set, id) as FeatureValue;
    const place = PLACES[id];
    if (!place) {
      if (CATALOG[id].setsMode) continue;
      diagnostics.push(
        makeDiagnostic('NOT_EXPRESSIBLE', `KubeVirt's API has no field for ${CATALOG[id].qemu.name}: left out`, {
          feature: id,
          notes: ['schema.go FeatureHyperv lists the fields KubeVirt has'],
        }),
      );
      continue;
    }
    if (place.block === 'panic') {
      if (value === false) continue;
      if (layout.panicList) putIn(tree, [...layout.base, ...layout.panicList].slice(cut), [{ model: 'hyperv' }]);
      else if (layout.panicModel) putIn(tree, [...layout.base, ...layout.panicModel].slice(cut), 'hyperv');
      continue;
    }
    putIn(tree, [...blockOf(layout, place), ...place.keys].slice(cut), leafOf(place, value));
  }
  return { tree: ordered(tree), diagnostics };
}

/** KubeVirt's own order of the blocks (schema.go DomainSpec: clock, features, devices... as kubectl prints them: features first reads best). */
const BLOCK_ORDER = ['features', 'clock', 'cpu', 'devices'];

function ordered(tree: Tree): Tree {
  const out: Tree = {};
  const keys = Object.keys(tree).sort((a, b) => rank(a) - rank(b));
  for (const k of keys) {
    const v = tree[k]!;
    out[k] = typeof v === 'object' && !Array.isArray(v) ? ordered(v) : v;
  }
  return out;
}

function rank(key: string): number {
  const i = BLOCK_ORDER.indexOf(key);
  return i < 0 ? -1 : i;
}

function lines(tree: Tree): string[] {
  return blockLines(tree, 0, 2);
}

/**
 * `domain:` with the features, clock and CPU blocks of the set, for a VM's spec.template.spec or a
 * VMI's spec; with kind `preference`, a VirtualMachineClusterPreference that carries the set.
 */
export function printKubevirt(set: EnlightenmentSet, opts: PrintOptions): PrintResult {
  const preference = opts.kind === 'preference';
  const layout = LAYOUTS[preference ? 'VirtualMachineClusterPreference' : 'VirtualMachineInstance']!;
  const { tree, diagnostics } = treeOf(set, layout, 1);
  // CPU flags the set needs (vmx for nested Hyper-V), as recommend or the input gives them.
  const flags = opts.input?.context.cpuFlags ?? [];
  const cpuPath = [...layout.base, ...layout.cpuFeatures].slice(1);
  if (flags.length)
    putIn(
      tree,
      cpuPath,
      flags.map((name) => ({ name, policy: 'require' })),
    );
  const body = lines(ordered(tree));
  const head = preference
    ? [
        'apiVersion: instancetype.kubevirt.io/v1beta1',
        'kind: VirtualMachineClusterPreference',
        'metadata:',
        '  name: enlighten-hyperv',
        'spec:',
      ]
    : ['# under spec.template.spec of a VirtualMachine, or spec of a VirtualMachineInstance'];
  return { text: [...head, ...body.map((l) => (preference ? `  ${l}` : l))].join('\n'), diagnostics };
}
