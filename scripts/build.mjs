// Bundles the CLI and the library with esbuild, one file each, so start-up reads one module; then
// compiles the native probe helper and records V8's code cache for the CLI (bin/enlighten.cjs).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildWeb } from './build-web.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

// commander requires child_process at its top for the external subcommands enlighten does not use;
// child_process pulls in net, dgram and streams, a few milliseconds at every start. Its copy in the
// CLI bundle gets the module on first use instead (enlighten's own code does the same through
// src/host/lazy-node.ts).
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'enlighten-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'enlighten-lazy' }, () => ({
      contents:
        "let m; const get = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, k) => get()[k] });",
      loader: 'js',
    }));
  },
};

// yaml (KubeVirt's manifests) is a fifth of the CLI's code and only KubeVirt input needs it, so it
// is a file of its own, dist/yaml.cjs, loaded the first time the CLI touches one of its exports:
// every other command reads, compiles and runs 160 KB less at start (about 300 page faults and 8
// million instructions, measured with `perf stat` and callgrind). The CLI's copy of 'yaml' is a
// module of getters, one per export, that load the file through bin/enlighten.cjs (`__enlighten_load`).
const YAML_EXPORTS = Object.keys(createRequire(import.meta.url)('yaml'));
const yamlOnFirstUse = {
  name: 'yaml-on-first-use',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'enlighten-chunk' }));
    b.onLoad({ filter: /.*/, namespace: 'enlighten-chunk' }, () => ({
      contents: [
        "let m; const get = () => (m ??= __enlighten_load('yaml'));",
        ...YAML_EXPORTS.map(
          (n) =>
            `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => get()[${JSON.stringify(n)}] });`,
        ),
      ].join('\n'),
      loader: 'js',
    }));
  },
};

// The CLI bundle and its chunks are each one function expression, (function (exports, require,
// module, __filename, __dirname, __enlighten_load) {...}), that bin/enlighten.cjs compiles as it is:
// no 1 MB wrapper string to build at every start. They are pure ASCII (esbuild escapes the rest),
// so bin/ reads them as Latin-1, which makes V8's one-byte string without decoding UTF-8.
const CJS_WRAPPER = '(function (exports, require, module, __filename, __dirname, __enlighten_load) {';
const CHUNKS = ['cli', 'yaml'];
await Promise.all([
  // The CLI is CommonJS so that bin/enlighten.cjs can compile it through vm.Script with a code cache
  // (ES modules cannot use one on Node 20): compiling the bundle was the largest start-up cost.
  // Whitespace and names are minified: 545 KB against 690 KB with names kept, which every start
  // reads, copies into a string and deserialises the code of (`perf stat`, `enlighten list`: 76
  // page faults fewer, 2 ms). An internal error's stack (ENLIGHTEN_DEBUG=1) gets its places in src/
  // back from the source map beside the bundle (src/cli/debug-stack.ts); no start reads the map.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    sourcemap: 'external',
    sourcesContent: false,
    charset: 'ascii',
    plugins: [lazyChildProcessForCommander, yamlOnFirstUse],
    // import.meta.url is the bundle's file URL, made when first read (finding the bundle for audit's
    // worker threads, Node's lazily loaded modules, the web page's files): URL's code compiled at
    // every start for it was 16 functions of node:internal/url (`--log-function-events`).
    define: { 'import.meta.url': '__enlighten_meta.url' },
    banner: {
      js: `${CJS_WRAPPER}let __enlighten_url;const __enlighten_meta = { get url() { return (__enlighten_url ??= require('node:url').pathToFileURL(__filename).href); } };`,
    },
    footer: { js: '\n})' },
  }),
  build({
    ...common,
    format: 'cjs',
    stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', loader: 'js' },
    outfile: 'dist/yaml.cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    charset: 'ascii',
    banner: { js: CJS_WRAPPER },
    footer: { js: '\n})' },
  }),
  // The library runs in a browser too (it reaches no Node module), so it is built for no platform: its
  // one package, yaml (manifests), comes in as yaml's own ES module build, and the package keeps no
  // runtime dependency.
  build({ ...common, platform: 'neutral', format: 'esm', entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
  buildWeb('dist/web'),
]);

// bin/enlighten.cjs reads the bundles as Latin-1, which is only right for ASCII.
// Each ends with an id of its content, which bin/enlighten.cjs matches against the id a code cache
// starts with: V8 itself checks only the source's length.
for (const name of CHUNKS) {
  const bundle = readFileSync(`dist/${name}.cjs`);
  const wide = bundle.findIndex((byte) => byte > 0x7f);
  if (wide >= 0)
    throw new Error(`dist/${name}.cjs has a byte over 0x7f at ${wide}: bin/enlighten.cjs reads it as Latin-1`);
  const id = createHash('sha256').update(bundle).digest('hex').slice(0, 32);
  appendFileSync(`dist/${name}.cjs`, `\n//enlighten-build:${id}\n`);
}

// The library's type declarations (package.json "types"), from src/ alone.
rmSync('dist/types', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

// The native helper behind `enlighten probe` (KVM ioctls). Optional: without a C compiler the build
// goes on and `probe` says the ioctl part is unavailable.
try {
  execFileSync('cc', ['-O2', '-Wall', '-o', 'dist/kvm-hv-probe', 'native/kvm-hv-probe.c'], { stdio: 'ignore' });
} catch {
  // no cc, no Linux headers, or not Linux: skipped silently.
}

// V8's code caches for dist/cli.cjs and dist/yaml.cjs. A cache holds the code of the functions that
// ran before it was written; a function missing from it is compiled at each start that uses it, and
// each function in it is read at every start. So the CLI has a cache per command, recorded by
// running that command (dist/cli.cjs.COMMAND.cache, which bin/enlighten.cjs picks by the command's
// name), and dist/cli.cjs.cache, recorded by `list`, for the rest (help, probe, serve...). One
// cache for all commands cost every start 240 more page faults (`perf stat -e page-faults`, 3,960
// against 3,725); one recorded by `check` left audit, convert and recommend compiling what they run
// (audit 31 million instructions, callgrind). yaml's cache comes from a manifest read in a run of
// its own, so no CLI cache holds KubeVirt's code. bin/enlighten.cjs runs the command lines in one
// process that read no cache first, their output discarded (stdio ignored). A Node that cannot use a
// cache (another version) compiles the bundle as usual.
const MANIFEST = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: win11 # a comment
spec:
  template:
    spec:
      domain:
        features:
          hyperv:
            relaxed: {}
            vapic: {}
            spinlocks:
              spinlocks: 8191
`;
const QEMU_VALUE = 'host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-synic,hv-stimer,hv-time';
const KVM_ARGS = `-cpu ${QEMU_VALUE}\n`;
/**
 * The commands with a code cache of their own, and the command lines that record it: what a user
 * typically runs, on the bundled examples or stdin, a -cpu value both bare and as a command line.
 * Each is one measured against the default cache (callgrind, instructions of a whole start; `node
 * -e 0` is 504 million): audit 640 to 606 million, recommend --to libvirt 578 to 562, set 577 to
 * 564, convert --to qemu 578 to 567, cpuid 578 to 569, explain 569 to 562; then check of a domain
 * 582 to 565, fix --dry-run 584 to 564 and completion 563 to 555, once each cache was recorded
 * without another one read first (bin/enlighten.cjs) and the default became list's (list 557 to
 * 547). decode and guest-script gained within the noise (5 million) and use the default cache.
 * Every cache is 430 to 640 KB on disk.
 */
const COMMAND_RUNS = {
  check: [
    { args: ['check', QEMU_VALUE] },
    { args: ['check', `-cpu ${QEMU_VALUE}`] },
    { args: ['check', 'examples/win10-virt-install.xml'] },
  ],
  fix: [
    { args: ['fix', '--dry-run', '-'], stdin: KVM_ARGS },
    { args: ['fix', '--dry-run', 'examples/win10-virt-install.xml'] },
  ],
  completion: [{ args: ['completion', 'bash'] }],
  explain: [{ args: ['explain', 'hv-synic'] }],
  convert: [
    { args: ['convert', '--to', 'qemu', 'examples/win10-virt-install.xml'] },
    { args: ['convert', '--to', 'libvirt', QEMU_VALUE] },
    { args: ['convert', '--to', 'libvirt', `-cpu ${QEMU_VALUE}`] },
  ],
  recommend: [{ args: ['recommend', '--os', 'win10'] }, { args: ['recommend', '--os', 'win10', '--to', 'libvirt'] }],
  audit: [{ args: ['audit', 'examples'] }],
  set: [{ args: ['set', '--dry-run', '-', 'hv-ipi=on'], stdin: KVM_ARGS }],
  cpuid: [{ args: ['cpuid', QEMU_VALUE] }, { args: ['cpuid', `-cpu ${QEMU_VALUE}`] }],
};
const WARM_UPS = [
  // the default cache, for every command without its own (help, decode, guest-script, probe...)
  { runs: [{ args: ['list'] }], caches: ['cli'] },
  ...Object.entries(COMMAND_RUNS).map(([command, runs]) => ({ runs, caches: ['cli'], command })),
  { runs: [{ args: ['fix', '--dry-run', '-'], stdin: MANIFEST }], caches: ['yaml'] },
];
// Every cache is made anew; one of a command no longer listed would hold code of another build.
for (const f of readdirSync('dist')) if (f.endsWith('.cache')) rmSync(`dist/${f}`, { force: true });
for (const warmUp of WARM_UPS) {
  try {
    execFileSync(process.execPath, ['bin/enlighten.cjs'], {
      stdio: 'ignore',
      env: { ...process.env, ENLIGHTEN_WRITE_CODE_CACHE: JSON.stringify(warmUp) },
    });
  } catch {
    // the cache is an optimisation only
  }
}
