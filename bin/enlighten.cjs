#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/cli.cjs) through V8's code cache when one was recorded at build time,
// which saves compiling the bundle on every start. Without a usable cache it runs the same code.
// CommonJS on purpose: an ES module entry would start Node's ESM loader, which costs start-up time.
const { closeSync, fstatSync, openSync, readSync, writeFileSync } = require('node:fs');
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
 * the last parameter. A file that is not what the build wrote stops enlighten with exit 2 and what
 * to run, not with a stack trace or an 'internal error'.
 */
function load(name) {
  if (loaded.has(name)) return loaded.get(name);
  const file = join(dir, `${name}.cjs`);
  let bundle;
  try {
    bundle = openSized(file);
  } catch {
    stop(`dist/${name}.cjs is missing`);
  }
  // The cache is opened first so that the one buffer is made big enough for both files at once.
  const cache = openCache(file);
  reserve(Math.max(bundle.size, cache ? cache.size : 0));
  let source;
  try {
    source = readOpened(bundle).latin1Slice();
  } catch {
    if (cache) closeSync(cache.fd);
    stop(`dist/${name}.cjs is missing`);
  }
  const id = buildId(source);
  const script = compile(name, file, source, cache ? checkedCache(readOpened(cache), id) : undefined);
  const mod = { exports: {} };
  let body;
  try {
    body = script.runInThisContext();
  } catch {
    stop(`dist/${name}.cjs is damaged`);
  }
  if (typeof body !== 'function') stop(`dist/${name}.cjs is damaged`);
  scripts.set(name, { script, id });
  loaded.set(name, mod.exports);
  body(mod.exports, createRequire(file), mod, file, dir, load);
  // Every chunk the build makes exports something; a function that sets nothing is not one of them.
  if (Object.keys(mod.exports).length === 0) stop(`dist/${name}.cjs is damaged`);
  loaded.set(name, mod.exports);
  return mod.exports;
}

function stop(what) {
  process.stderr.write(`enlighten: ${what}; run \`npm run build\` (npm ci runs it for you)\n`);
  process.exit(2);
}

function compile(name, file, source, cachedData) {
  try {
    return new vm.Script(source, { filename: file, cachedData });
  } catch {
    stop(`dist/${name}.cjs is damaged`);
  }
}

// V8 checks a code cache against its source's length only, so a cache recorded for another build
// of a bundle of the same length would run that build's code. The build ends each chunk with an
// id of its content, and a cache starts with the id of the chunk it was recorded for; one of
// another chunk is not given to V8.
const BUILD_ID = '//enlighten-build:';

/**
 * A code cache file is this 64-byte line, the id of its chunk padded with spaces, then V8's data.
 * 64 keeps V8's data at an 8-byte boundary of the read buffer: V8 copies data that is not aligned
 * to a pointer before reading it, 500 KB and about 120 page faults more at every start (perf record
 * -e page-faults: memmove under ScriptCompiler::CompileUnbound).
 */
function cacheHead(id) {
  return Buffer.from(`${id.padEnd(63)}\n`, 'latin1');
}

function buildId(source) {
  const at = source.lastIndexOf(BUILD_ID);
  return at < 0 ? undefined : source.slice(at + BUILD_ID.length).trim();
}

/**
 * One buffer for every file read here: a chunk's bytes are done with once they are a string, and a
 * cache's once V8 has read it (in the vm.Script constructor), so the next file goes into the same
 * memory. Fresh memory costs a page fault for every 4 KiB touched; the cache after the bundle
 * reuses its pages instead (about 125 faults fewer at every start). It is made once, as big as the
 * larger of the two: a command's cache can be larger than the bundle (audit's, 640 against 545
 * KB), and growing it then cost 157 more faults (`perf record -e page-faults`: _copy_to_iter).
 */
let scratch = Buffer.alloc(0);

function reserve(size) {
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
}

/** An open file and its size; readOpened reads it and closes it. */
function openSized(file) {
  const fd = openSync(file, 'r');
  try {
    return { fd, size: fstatSync(fd).size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function readOpened({ fd, size }) {
  try {
    reserve(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, scratch, n, size - n, null);
      if (got === 0) break;
      n += got;
    }
    return scratch.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The command this start runs, as the build names its code caches: the first argument that is not
 * an option, when it could be a command's name. A wrong guess (an option's value) only finds no
 * cache of that name.
 */
function commandWord() {
  const word = process.argv.slice(2).find((a) => !a.startsWith('-'));
  return word && /^[a-z][a-z-]{0,31}$/.test(word) ? word : undefined;
}

/**
 * The code cache recorded for the chunk by this build, opened: for the CLI, the one recorded by
 * running this command (dist/cli.cjs.COMMAND.cache) where the build made one, which holds just the
 * code the command runs; else the chunk's own (dist/NAME.cjs.cache). Undefined when there is none.
 */
function openCache(file) {
  // The build's recording runs start without a cache: a cache is what V8 has compiled when it is
  // written, so one recorded after reading another would hold that one's code as well.
  if (process.env.ENLIGHTEN_WRITE_CODE_CACHE) return undefined;
  const command = file.endsWith('cli.cjs') ? commandWord() : undefined;
  for (const candidate of command ? [`${file}.${command}.cache`, `${file}.cache`] : [`${file}.cache`]) {
    try {
      return openSized(candidate);
    } catch {
      // no cache recorded under this name
    }
  }
  return undefined;
}

/** V8's data of a cache read whole, when its header names the chunk's build (`id`); else undefined. */
function checkedCache(cache, id) {
  if (!id) return undefined;
  const head = cacheHead(id);
  return cache.subarray(0, head.length).equals(head) ? cache.subarray(head.length) : undefined;
}

const cli = load('cli');

// The build (scripts/build.mjs) records the caches: it gives command lines, run in this one process,
// and the files whose cache to write; V8 writes out the code of every function they compiled.
const warmUp = process.env.ENLIGHTEN_WRITE_CODE_CACHE;
if (warmUp) {
  let runs;
  let caches;
  let command;
  try {
    ({ runs, caches, command } = JSON.parse(warmUp));
    if (!Array.isArray(runs) || !Array.isArray(caches)) throw new Error('no runs or caches');
  } catch {
    process.stderr.write('enlighten: ENLIGHTEN_WRITE_CODE_CACHE is for the build (scripts/build.mjs) only; unset it\n');
    process.exit(2);
  }
  cli.warmUp(runs).then(() => {
    for (const name of caches) {
      const made = scripts.get(name);
      if (made?.id)
        writeFileSync(
          join(dir, command ? `${name}.cjs.${command}.cache` : `${name}.cjs.cache`),
          Buffer.concat([cacheHead(made.id), made.script.createCachedData()]),
        );
    }
  });
}
