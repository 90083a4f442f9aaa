// Bundles the CLI and the library with esbuild, one file each, so start-up reads one module; then
// compiles the native probe helper and records V8's code cache for the CLI (bin/enlighten.cjs).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  // The CLI is CommonJS so that bin/enlighten.cjs can compile it through vm.Script with a code cache
  // (ES modules cannot use one on Node 20): compiling the bundle was the largest start-up cost.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.cjs',
    minifySyntax: true,
    define: { 'import.meta.url': '__enlighten_module_url' },
    banner: { js: "const __enlighten_module_url = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The library runs in a browser too (it reaches no Node module), so it is built for no platform: its
  // one package, yaml (manifests), comes in as yaml's own ES module build, and the package keeps no
  // runtime dependency.
  build({ ...common, platform: 'neutral', format: 'esm', entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
]);

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
