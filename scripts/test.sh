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
node scripts/build.mjs
node scripts/gen-docs.mjs --check
npx vitest run "$@"
