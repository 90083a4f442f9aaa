import type { Diagnostic } from '../diagnostics/index.js';
import { sortDiagnostics } from '../diagnostics/index.js';
import type { ParsedConfig } from '../formats/types.js';
import { dependencyRule } from './dependencies.js';
import { valueRule } from './values.js';
import { hostRule } from './host.js';
import { versionRule } from './versions.js';
import { migrationRule } from './migration.js';
import { expressibleRule } from './expressible.js';
import { visibilityRule } from './visibility.js';
import { guestAdviceRule } from './guest-advice.js';
import { guestOsRule } from './guest-os.js';
import type { CheckOptions, Rule } from './types.js';
import { resolveTarget } from './target.js';

/** Every rule, in the order their findings are reported when positions tie. */
export const RULES: Rule[] = [
  dependencyRule,
  valueRule,
  hostRule,
  versionRule,
  migrationRule,
  expressibleRule,
  visibilityRule,
  guestAdviceRule,
  guestOsRule,
];

/** The parser's findings plus every rule's, sorted by position. */
export function checkConfig(config: ParsedConfig, options: CheckOptions = {}): Diagnostic[] {
  const found = [...config.diagnostics];
  // A finding about a feature the text does not hold points where the configuration decides its set, when it says.
  const at = config.context.decidedAt;
  const ctx = { config, options, target: resolveTarget(options, config.context, config.format) };
  for (const rule of RULES) for (const d of rule.run(ctx)) found.push(d.span || !at ? d : { ...d, span: at });
  return sortDiagnostics(found);
}

export type { CheckOptions, Rule, RuleContext } from './types.js';
export { qemuDescription } from './dependencies.js';
export { resolveGuest } from './target.js';
export type { GuestChoice } from './target.js';
export type { HostFacts } from '../model/host-facts.js';
