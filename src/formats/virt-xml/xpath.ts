import type { FeatureId } from '../../catalog/index.js';
import type { VirtXmlTarget } from './targets.js';
import { XML, allTargets, hypervTargets, kvmTargets } from './targets.js';

export interface XPathStep {
  name: string;
  predicate?: { attr: string; value: string };
}

/** A path from the `<domain>` element: element steps and an optional final `@attribute`. */
export interface XPathRef {
  steps: XPathStep[];
  attr?: string;
}

const STEP = /^([A-Za-z_][\w.-]*)(?:\[@([A-Za-z_][\w.-]*)=(?:'([^']*)'|"([^"]*)")\])?$/;

/**
 * Reads the simple XPaths virt-xml's `xpath` sub-options take: `./a/b[@name="x"]/@attr`,
 * relative to `base` (the option's element: `['features']` for --features, `[]` for --xml),
 * or absolute from `/domain`. Anything fancier gives null (enlighten does not follow it).
 */
export function parseXPath(path: string, base: readonly string[]): XPathRef | null {
  let rest: string;
  let steps: XPathStep[];
  if (path === '.' || path.startsWith('./')) {
    rest = path.slice(2);
    steps = base.map((name) => ({ name }));
  } else if (path === '/domain' || path.startsWith('/domain/')) {
    rest = path.slice('/domain/'.length);
    steps = [];
  } else return null;
  const parts = rest === '' ? [] : rest.split('/');
  let attr: string | undefined;
  for (const [i, part] of parts.entries()) {
    if (part.startsWith('@') && i === parts.length - 1) {
      attr = part.slice(1);
      continue;
    }
    const m = STEP.exec(part);
    if (!m) return null;
    steps.push(m[2] ? { name: m[1]!, predicate: { attr: m[2], value: m[3] ?? m[4] ?? '' } } : { name: m[1]! });
  }
  return attr === undefined ? { steps } : { steps, attr };
}

/** What an XPath points at, for enlighten. */
export type XPathTarget =
  | { kind: 'feature'; target: VirtXmlTarget }
  /** `<devices><panic>` without a model predicate: which feature depends on the model written. */
  | { kind: 'panic-any' }
  | { kind: 'mode' }
  /** An element holding features (`<hyperv>`, `<features>`, `<clock>`, `<devices>`). */
  | { kind: 'container'; features: FeatureId[]; resetsMode: boolean }
  | { kind: 'unknown-hyperv'; element: string }
  | { kind: 'other' };

function samePath(steps: readonly XPathStep[], path: readonly string[]): boolean {
  return steps.length === path.length && steps.every((s, i) => !s.predicate && s.name === path[i]);
}

/** Resolves a path to the feature it touches, from the catalog's libvirt spellings. */
export function resolveXPath(ref: XPathRef): XPathTarget {
  const [top, ...under] = ref.steps;
  if (!top || top.predicate) return { kind: 'other' };
  const all = allTargets();
  const of = (kind: VirtXmlTarget['kind']) => all.filter((t) => t.kind === kind).map((t) => t.feature);
  if (top.name === XML.features) {
    if (under.length === 0) return { kind: 'container', features: of('hyperv'), resetsMode: true };
    if (under[0]!.name === XML.kvm && !under[0]!.predicate) {
      if (under.length === 1)
        return { kind: 'container', features: kvmTargets().map((t) => t.feature), resetsMode: false };
      const hit = kvmTargets().find((t) => samePath(under, t.path));
      return hit ? { kind: 'feature', target: hit } : { kind: 'other' };
    }
    if (under[0]!.name !== XML.hyperv || under[0]!.predicate) return { kind: 'other' };
    if (under.length === 1)
      return ref.attr === XML.mode
        ? { kind: 'mode' }
        : { kind: 'container', features: hypervTargets().map((t) => t.feature), resetsMode: true };
    const hit = hypervTargets().find((t) => samePath(under, t.path));
    return hit
      ? { kind: 'feature', target: hit }
      : {
          kind: 'unknown-hyperv',
          element: under
            .map((s) => s.name)
            .slice(1)
            .join('/'),
        };
  }
  if (top.name === XML.clock) {
    if (under.length === 0) return { kind: 'container', features: of('timer'), resetsMode: false };
    const [step] = under;
    const hit = all.find(
      (t) =>
        t.kind === 'timer' &&
        step?.name === XML.timer &&
        step.predicate?.attr === XML.name &&
        step.predicate.value === t.name,
    );
    return hit && under.length === 1 ? { kind: 'feature', target: hit } : { kind: 'other' };
  }
  if (top.name === XML.devices) {
    if (under.length === 0) return { kind: 'container', features: of('panic'), resetsMode: false };
    const [step] = under;
    if (under.length !== 1 || step?.name !== XML.panic) return { kind: 'other' };
    if (!step.predicate) return { kind: 'panic-any' };
    const hit = all.find(
      (t) => t.kind === 'panic' && step.predicate?.attr === XML.model && step.predicate.value === t.model,
    );
    return hit ? { kind: 'feature', target: hit } : { kind: 'other' };
  }
  return { kind: 'other' };
}
