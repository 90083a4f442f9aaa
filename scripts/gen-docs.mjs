// Writes docs/diagnostics.md from src/diagnostics/codes.ts and docs/sources.md from the catalog's
// sources (via the built library), and the manual page and shell completions from the command
// definitions (via the built CLI: `enlighten help man`, `enlighten completion SHELL`), which the
// package ships (package.json "man" and "files"). With --check, fails when a committed file is out of date.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
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
const cli = (...args) =>
  execFileSync(process.execPath, [new URL('../bin/enlighten.cjs', import.meta.url).pathname, ...args], {
    encoding: 'utf8',
  });
const pages = {
  'docs/diagnostics.md': text,
  'docs/sources.md': sourcesPage(),
  'man/enlighten.1': cli('help', 'man'),
  'completions/enlighten.bash': cli('completion', 'bash'),
  'completions/_enlighten': cli('completion', 'zsh'),
  'completions/enlighten.fish': cli('completion', 'fish'),
};
const stale = [];
for (const [name, content] of Object.entries(pages)) {
  const file = new URL(`../${name}`, import.meta.url);
  mkdirSync(new URL('.', file), { recursive: true });
  if (!process.argv.includes('--check')) writeFileSync(file, content);
  else if (!existsSync(file) || readFileSync(file, 'utf8') !== content) stale.push(name);
}
if (stale.length) {
  for (const name of stale) console.error(`${name} is out of date: run \`node scripts/gen-docs.mjs\``);
  process.exit(1);
}
