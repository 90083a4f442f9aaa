import { CATALOG } from '../../catalog/index.js';
import type { FormatEntry } from '../types.js';
import { parseJsonSet } from './parse.js';
import { editJson } from './edit.js';
import { printJsonSet } from './print.js';

export const jsonFormat: FormatEntry = {
  id: 'json',
  document: true,
  // enlighten's own shape: an object with "features" or "mode"; any other JSON is not a configuration.
  detect: (text) => (/^\s*\{[\s\S]*"(features|mode)"\s*:/.test(text) ? 3 : 0),
  parse: parseJsonSet,
  spell: () => (feature, value) => (value === null ? `remove "${feature}"` : `set "${CATALOG[feature].id}": ${JSON.stringify(value)}`),
  print: (set) => ({ text: printJsonSet(set).trimEnd(), diagnostics: [] }),
  edit: (parsed, set) => editJson(parsed, set),
};
