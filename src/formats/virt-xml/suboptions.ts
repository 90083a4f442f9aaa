import type { FeatureDef, FeatureId, FeatureValue } from '../../catalog/index.js';
import { CATALOG } from '../../catalog/index.js';
import type { Mode } from '../../model/index.js';
import { escapeSubOption } from './quote.js';
import type { VirtXmlTarget } from './targets.js';
import { XML, targetOf } from './targets.js';

/** legacy: `hyperv_relaxed=on,hyperv_spinlocks_retries=8191` (the seeds); modern: `hyperv.relaxed.state=on`. */
export type VirtXmlStyle = 'legacy' | 'modern';

type XPathAction = { op: 'set'; path: string; value: string } | { op: 'delete'; path: string };

/** The sub-options of one change option (`--features`, `--clock`): named ones first, as virt-xml applies them. */
class OptionString {
  readonly named: string[] = [];
  readonly xpath: XPathAction[] = [];

  get empty(): boolean {
    return this.named.length === 0 && this.xpath.length === 0;
  }

  /** `a=1,xpath1.set=./x/@y=2`, each sub-option escaped for virtinst's splitter. */
  render(): string {
    const tokens = this.named.map(escapeSubOption);
    this.xpath.forEach((a, i) => {
      const slot = `xpath${i + 1}`;
      if (a.op === 'delete') tokens.push(escapeSubOption(`${slot}.delete=${a.path}`));
      // virtinst splits `PATH=VALUE` at the last '=': a value holding '=' goes in xpathN.value.
      else if (a.value.includes('='))
        tokens.push(escapeSubOption(`${slot}.set=${a.path}`), escapeSubOption(`${slot}.value=${a.value}`));
      else tokens.push(escapeSubOption(`${slot}.set=${a.path}=${a.value}`));
    });
    return tokens.join(',');
  }
}

/** What one plan writes: the two change options and the device actions. */
export class VirtXmlChanges {
  readonly features = new OptionString();
  readonly clock = new OptionString();
  /** Device options for `--add-device` / `--remove-device`: `['--panic', 'model=hyperv']`. */
  readonly addDevices: [string, string][] = [];
  readonly removeDevices: [string, string][] = [];

  constructor(readonly style: VirtXmlStyle) {}

  setMode(mode: Mode): void {
    this.features.xpath.unshift({ op: 'set', path: `./${XML.hyperv}/@${XML.mode}`, value: mode });
  }

  /** Adds the sub-options that give `feature` the value `to` (undefined: remove it). False for no XML target. */
  change(feature: FeatureId, to: FeatureValue | undefined): boolean {
    const target = targetOf(feature);
    if (!target) return false;
    const def = CATALOG[feature];
    switch (target.kind) {
      case 'hyperv':
        this.changeHyperv(def, target, to);
        return true;
      case 'timer':
        this.changeTimer(def, target, to);
        return true;
      case 'panic':
        (to === undefined || to === false ? this.removeDevices : this.addDevices).push([
          `--${XML.panic}`,
          `${XML.model}=${target.model}`,
        ]);
        return true;
      case 'mode':
        this.setMode(to === true ? (target.mode as Mode) : 'custom');
        return true;
    }
  }

  private changeHyperv(
    def: FeatureDef,
    target: Extract<VirtXmlTarget, { kind: 'hyperv' }>,
    to: FeatureValue | undefined,
  ): void {
    const element = `./${target.path.join('/')}`;
    if (to === undefined) {
      this.features.xpath.push({ op: 'delete', path: element });
      return;
    }
    const on = to !== false;
    const stateName = namedOption(def, this.style, '--features', 'state');
    if (stateName) this.features.named.push(`${stateName}=${on ? 'on' : 'off'}`);
    else this.features.xpath.push({ op: 'set', path: `${element}/@${XML.state}`, value: on ? 'on' : 'off' });
    if (!target.valueAttr || typeof to === 'boolean') return;
    const valueName = namedOption(def, this.style, '--features', 'value');
    if (valueName) this.features.named.push(`${valueName}=${String(to)}`);
    else this.features.xpath.push({ op: 'set', path: `${element}/@${target.valueAttr}`, value: String(to) });
  }

  private changeTimer(
    def: FeatureDef,
    target: Extract<VirtXmlTarget, { kind: 'timer' }>,
    to: FeatureValue | undefined,
  ): void {
    const name = namedOption(def, this.style, '--clock', 'state');
    if (to !== undefined && name) this.clock.named.push(`${name}=${to === false ? 'no' : 'yes'}`);
    else if (to !== undefined)
      this.clock.xpath.push({
        op: 'set',
        path: timerPath(target.name, XML.present),
        value: to === false ? 'no' : 'yes',
      });
    else this.clock.xpath.push({ op: 'delete', path: timerPath(target.name) });
  }
}

/** `./timer[@name="hypervclock"]` (virtinst strips single quotes, so the predicate uses double ones). */
function timerPath(name: string, attr?: string): string {
  return `./${XML.timer}[@${XML.name}="${name}"]${attr ? `/@${attr}` : ''}`;
}

/** The catalog's named virt-xml sub-option in the style, falling back to the other style's name. */
export function namedOption(
  def: FeatureDef,
  style: VirtXmlStyle,
  option: string,
  part: 'state' | 'value',
): string | null {
  const v = def.virtXml;
  if (!v || v.option !== option) return null;
  const legacy = part === 'state' ? v.legacy : (v.legacyValue ?? null);
  const modern = part === 'state' ? v.modern : (v.modernValue ?? null);
  return style === 'modern' ? (modern ?? legacy) : (legacy ?? modern);
}
