import type { FeatureId, FeatureValue } from '../../catalog/index.js';
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
  const ids = (listedFeatures(set) as FeatureId[]).sort((a, b) => PRINT_ORDER.indexOf(a) - PRINT_ORDER.indexOf(b));
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
      if (layout.panicList) putIn(tree, [...layout.base, ...layout.panicList].slice(cut), 'PANIC');
      else if (layout.panicModel) putIn(tree, [...layout.base, ...layout.panicModel].slice(cut), 'hyperv');
      continue;
    }
    putIn(tree, [...blockOf(layout, place), ...place.keys].slice(cut), leafOf(place, value));
  }
  return { tree, diagnostics };
}

function lines(tree: Tree): string[] {
  // The panic device is a list item: written by hand after the block lines.
  return blockLines(tree, 0, 2).map((l) =>
    l.replace(/^(\s*)panicDevices: PANIC$/, '$1panicDevices:\n$1  - model: hyperv'),
  );
}

/**
 * `domain:` with the features, clock and CPU blocks of the set, for a VM's spec.template.spec or a
 * VMI's spec; with style `preference`, a VirtualMachineClusterPreference that carries the set.
 */
export function printKubevirt(set: EnlightenmentSet, opts: PrintOptions): PrintResult {
  if (opts.style === 'preference') {
    const { tree, diagnostics } = treeOf(set, LAYOUTS['VirtualMachineClusterPreference']!, 1);
    const head = [
      'apiVersion: instancetype.kubevirt.io/v1beta1',
      'kind: VirtualMachineClusterPreference',
      'metadata:',
      '  name: enlighten-hyperv',
      'spec:',
    ];
    return { text: [...head, ...lines(tree).map((l) => `  ${l}`)].join('\n'), diagnostics };
  }
  const layout = LAYOUTS['VirtualMachineInstance']!;
  const { tree, diagnostics } = treeOf(set, layout, 1);
  const cpu = opts.input?.context.cpuFlags ?? [];
  const inputCpu = opts.input?.format === 'kubevirt' ? undefined : cpu;
  if (inputCpu?.length) putIn(tree, ['domain', 'cpu', 'features'], 'CPUFEATURES');
  const text = [
    '# under spec.template.spec of a VirtualMachine, or spec of a VirtualMachineInstance',
    ...lines(tree).flatMap((l) => {
      const m = /^(\s*)features: CPUFEATURES$/.exec(l);
      return m
        ? [
            `${m[1]}features:`,
            ...(inputCpu ?? []).flatMap((f) => [`${m[1]}  - name: ${f}`, `${m[1]}    policy: require`]),
          ]
        : [l];
    }),
  ].join('\n');
  return { text, diagnostics };
}
