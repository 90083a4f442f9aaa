import { CATALOG } from '../../catalog/index.js';
import type { FormatEntry } from '../types.js';
import { parseJsonSet } from './parse.js';
import { editJson } from './edit.js';
import { printJsonSet } from './print.js';

export const jsonFormat: FormatEntry<'json'> = {
  id: 'json',
  document: true,
  printsSetJson: true,
  describes: "enlighten's JSON",
  // A set with no program of its own: checked against QEMU, which every other syntax ends in.
  readBy: 'qemu',
  versions: {
    program: 'enlighten',
    releases: 'this release',
    measured: 'its own shape (docs/ARCHITECTURE.md, "Data flow")',
  },
  // enlighten's own shape: an object with "features" or "mode"; any other JSON is not a configuration.
  extensions: ['.json'],
  detect: (text) => (/^\s*\{[\s\S]*"(features|mode)"\s*:/.test(text) ? 3 : 0),
  parse: parseJsonSet,
  spell: (feature, value) =>
    value === undefined ? `"${CATALOG[feature].id}"` : `"${feature}": ${JSON.stringify(value)}`,
  spellChange: () => (feature, value) =>
    value === null ? `remove "${feature}"` : `set "${CATALOG[feature].id}": ${JSON.stringify(value)}`,
  print: (set) => ({ text: printJsonSet(set).trimEnd(), diagnostics: [] }),
  edit: (parsed, set) => editJson(parsed, set),
};
