import { CATALOG } from '../../catalog/index.js';
import type { FormatEntry } from '../types.js';
import { parseJsonSet } from './parse.js';
import { printJsonSet } from './print.js';

export const jsonFormat: FormatEntry = {
  id: 'json',
  detect: (text) => (text.trimStart().startsWith('{') ? 3 : 0),
  parse: parseJsonSet,
  spell: () => (feature, value) => (value === null ? `remove "${feature}"` : `set "${CATALOG[feature].id}": ${JSON.stringify(value)}`),
  print: (set) => ({ text: printJsonSet(set).trimEnd(), diagnostics: [] }),
};
