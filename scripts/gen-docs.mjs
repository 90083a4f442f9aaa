// Writes docs/diagnostics.md from src/diagnostics/codes.ts (via the built library).
// With --check, fails when the committed file is out of date.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { CODES } from '../dist/index.js';

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
const file = new URL('../docs/diagnostics.md', import.meta.url);
if (process.argv.includes('--check')) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    console.error('docs/diagnostics.md is out of date: run `node scripts/gen-docs.mjs`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
}
