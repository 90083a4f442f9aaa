// Debian's chromium, driven by playwright-core, for the web page's tests (test/web). No browser is
// ever downloaded: scripts/ensure-virt-stack.sh installs the Debian package as root, like QEMU.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { makeTempDir } from './tools.js';

export const CHROMIUM = process.env['ENLIGHTEN_CHROMIUM'] ?? '/usr/bin/chromium';

/** Without these Chromium reaches for the network at start (updates, sync, QUIC probes); the machine has none. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Why the browser tests cannot run here, or null when they can. As root (CI) chromium must be
 * there (the test command installs it): its absence is a failure, not a skip.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `${CHROMIUM} is missing: run scripts/ensure-virt-stack.sh as root (it installs Debian's chromium)`;
  if (isRoot) throw new Error(why);
  return `${why}; skipped because this is not root`;
}

/** One browser with a fresh profile; close() ends it. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = makeTempDir('enlighten-chromium-');
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
}

const ROOT = new URL('../../', import.meta.url).pathname;
export const ARTIFACTS = join(ROOT, '.tmp', 'artifacts');

/** .tmp/artifacts/NAME (gitignored), made when missing: screenshots and timings of the test run. */
export function artifactDir(name: string): string {
  const dir = join(ARTIFACTS, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
