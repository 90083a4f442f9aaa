import type { Diagnostic } from '../diagnostics/index.js';
import { sortDiagnostics } from '../diagnostics/index.js';
import type { ParsedConfig } from '../formats/types.js';
import { dependencyRule } from './dependencies.js';
import type { CheckOptions, Rule } from './types.js';

/** Every rule, in the order their findings are reported when positions tie. */
export const RULES: Rule[] = [dependencyRule];

/** The parser's findings plus every rule's, sorted by position. */
export function checkConfig(config: ParsedConfig, options: CheckOptions = {}): Diagnostic[] {
  const found = [...config.diagnostics];
  for (const rule of RULES) found.push(...rule.run({ config, options }));
  return sortDiagnostics(found);
}

export type { CheckOptions, Rule, RuleContext } from './types.js';
export { qemuDescription } from './dependencies.js';
