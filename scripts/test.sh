#!/usr/bin/env bash
# The project's whole test run (README's second command, and CI's).
# Installs what the tests need: npm packages, and (as root) Debian's QEMU, libvirt and virt-xml.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-virt-stack.sh
npx tsc -p tsconfig.json --noEmit
npx tsc -p tsconfig.web.json        # the web page (src/web): DOM types, no Node types
npx tsc -p tsconfig.web-test.json   # its browser tests: Node, and DOM for what runs in the page
npx biome check .   # formatting and lint (npm run lint; npm run format rewrites)
node scripts/build.mjs
node scripts/gen-docs.mjs --check
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest-results.json "$@" || status=$?
# One plain closing line for whoever reads the log (CI counts it).
node -e 'try { const r = require("./.tmp/vitest-results.json"); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`); } catch {}'
exit "$status"
