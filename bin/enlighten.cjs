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
const file = join(dir, 'cli.cjs');
const cacheFile = `${file}.cache`;
// The bundle is one function expression in pure ASCII (scripts/build.mjs makes and checks it so),
// read as Latin-1: V8 gets a one-byte string without decoding UTF-8.
let source;
try {
  source = readFileSync(file).latin1Slice();
} catch {
  process.stderr.write('enlighten: dist/cli.cjs is missing; run `npm run build` (npm ci runs it for you)\n');
  process.exit(2);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache recorded
}
const script = new vm.Script(source, { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, dir);
if (process.env.ENLIGHTEN_WRITE_CODE_CACHE) {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
