// Writes docs/diagnostics.md from src/diagnostics/codes.ts and docs/sources.md from the catalog's
// sources (via the built library). With --check, fails when a committed file is out of date.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { CODES } from '../dist/index.js';
import { sourcesPage } from './gen-sources.mjs';

const rows = Object.entries(CODES)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, def]) => `| \`${code}\` | ${def.severity} | ${def.summary.replaceAll('|', '\\|')} |`);
const text = `# Diagnostic codes

Every finding enlighten reports has one of these codes. Codes are stable: they are never renamed,
so scripts may match on them (\`--json\` prints them as \`code\`). The severity is the default;
\`error\` findings make \`check\` exit 1.

This file is generated from \`src/diagnostics/codes.ts\` by \`node scripts/gen-docs.mjs\`.

| code | severity | meaning |
|---|---|---|
${rows.join('\n')}
`;
const pages = { 'diagnostics.md': text, 'sources.md': sourcesPage() };
const stale = [];
for (const [name, content] of Object.entries(pages)) {
  const file = new URL(`../docs/${name}`, import.meta.url);
  if (!process.argv.includes('--check')) writeFileSync(file, content);
  else if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(name);
}
if (stale.length) {
  for (const name of stale) console.error(`docs/${name} is out of date: run \`node scripts/gen-docs.mjs\``);
  process.exit(1);
}
