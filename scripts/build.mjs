// Bundles the CLI and the library with esbuild: one file each, so start-up reads one module.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    minifySyntax: true,
    // commander is CommonJS; give the ESM bundle a require() for its node: imports.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' }),
]);

// The native helper behind `enlighten probe` (KVM ioctls). Optional: without a C compiler the build
// goes on and `probe` says the ioctl part is unavailable.
try {
  const { execFileSync } = await import('node:child_process');
  execFileSync('cc', ['-O2', '-Wall', '-o', 'dist/kvm-hv-probe', 'native/kvm-hv-probe.c'], { stdio: 'ignore' });
} catch {
  // no cc, no Linux headers, or not Linux: skipped silently.
}
