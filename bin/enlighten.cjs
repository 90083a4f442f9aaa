#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/cli.cjs) through V8's code cache when one was recorded at build time,
// which saves compiling the bundle on every start. Without a usable cache it runs the same code.
// CommonJS on purpose: an ES module entry would start Node's ESM loader, which costs start-up time.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dir = join(__dirname, '..', 'dist');
const scripts = new Map();
const loaded = new Map();

/**
 * Runs dist/NAME.cjs once and gives its exports. Each file is one function expression in pure
 * ASCII (scripts/build.mjs makes and checks it so), read as Latin-1: V8 gets a one-byte string
 * without decoding UTF-8. Besides the CLI there are chunks it loads on first use (yaml), through
 * the last parameter.
 */
function load(name) {
  if (loaded.has(name)) return loaded.get(name);
  const file = join(dir, `${name}.cjs`);
  let source;
  try {
    source = readFileSync(file).latin1Slice();
  } catch {
    process.stderr.write(`enlighten: dist/${name}.cjs is missing; run \`npm run build\` (npm ci runs it for you)\n`);
    process.exit(2);
  }
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // no cache recorded
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  scripts.set(name, script);
  const mod = { exports: {} };
  loaded.set(name, mod.exports);
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dir, load);
  loaded.set(name, mod.exports);
  return mod.exports;
}

const cli = load('cli');

// The build (scripts/build.mjs) records the caches: it gives command lines, run in this one process,
// and the files whose cache to write; V8 writes out the code of every function they compiled.
const warmUp = process.env.ENLIGHTEN_WRITE_CODE_CACHE;
if (warmUp) {
  let runs;
  let caches;
  try {
    ({ runs, caches } = JSON.parse(warmUp));
    if (!Array.isArray(runs) || !Array.isArray(caches)) throw new Error('no runs or caches');
  } catch {
    process.stderr.write('enlighten: ENLIGHTEN_WRITE_CODE_CACHE is for the build (scripts/build.mjs) only; unset it\n');
    process.exit(2);
  }
  cli.warmUp(runs).then(() => {
    for (const name of caches) {
      const script = scripts.get(name);
      if (script) writeFileSync(join(dir, `${name}.cjs.cache`), script.createCachedData());
    }
  });
}
