// Bundles the CLI and the library with esbuild, one file each, so start-up reads one module; then
// compiles the native probe helper and records V8's code cache for the CLI (bin/enlighten.cjs).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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

// The CLI bundle is one function expression, (function (exports, require, module, __filename,
// __dirname) {...}), that bin/enlighten.cjs compiles as it is: no 1 MB wrapper string to build at
// every start. It is pure ASCII (esbuild escapes the rest), so bin/ reads it as Latin-1, which
// makes V8's one-byte string without decoding UTF-8.
const CJS_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
await Promise.all([
  // The CLI is CommonJS so that bin/enlighten.cjs can compile it through vm.Script with a code cache
  // (ES modules cannot use one on Node 20): compiling the bundle was the largest start-up cost.
  // Whitespace is minified (a smaller file to read and compile); names are kept, for stack traces.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.cjs',
    minifySyntax: true,
    minifyWhitespace: true,
    charset: 'ascii',
    plugins: [lazyChildProcessForCommander],
    define: { 'import.meta.url': '__enlighten_module_url' },
    banner: {
      js: `${CJS_WRAPPER}const __enlighten_module_url = require('node:url').pathToFileURL(__filename).href;`,
    },
    footer: { js: '\n})' },
  }),
  // The library runs in a browser too (it reaches no Node module), so it is built for no platform: its
  // one package, yaml (manifests), comes in as yaml's own ES module build, and the package keeps no
  // runtime dependency.
  build({ ...common, platform: 'neutral', format: 'esm', entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
  buildWeb('dist/web'),
]);

// bin/enlighten.cjs reads the bundle as Latin-1, which is only right for ASCII.
const cli = readFileSync('dist/cli.cjs');
const wide = cli.findIndex((byte) => byte > 0x7f);
if (wide >= 0) throw new Error(`dist/cli.cjs has a byte over 0x7f at ${wide}: bin/enlighten.cjs reads it as Latin-1`);

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

// V8's code cache for dist/cli.cjs, made by running a typical command once. A Node that cannot
// use it (another version) just compiles the bundle as usual.
rmSync('dist/cli.cjs.cache', { force: true });
try {
  execFileSync(process.execPath, ['bin/enlighten.cjs', 'check', 'host,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff'], {
    stdio: 'ignore',
    env: { ...process.env, ENLIGHTEN_WRITE_CODE_CACHE: '1' },
  });
} catch {
  // the cache is an optimisation only
}
