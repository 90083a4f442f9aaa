import { fileURLToPath } from 'node:url';

/**
 * The file of the CLI bundle this code runs in (dist/cli.cjs, which bin/enlighten.cjs loads), or
 * undefined when it runs from its sources (the tests, tsx, a program importing enlighten's modules).
 */
export function bundleFile(): string | undefined {
  const url = import.meta.url;
  return url.endsWith('.cjs') ? fileURLToPath(url) : undefined;
}
