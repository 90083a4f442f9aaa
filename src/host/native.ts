/** Runs the small native helper (native/kvm-hv-probe.c, built into dist/) that issues the KVM ioctls. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChildProcess } from './lazy-node.js';

export interface NativeAnswer {
  tool?: string;
  hostCpuid?: { hypervisorBit: boolean; maxLeaf?: string; signature?: string };
  open: boolean;
  errno?: number;
  error?: string;
  apiVersion?: number;
  caps?: Record<string, number>;
  hvCpuid?: {
    ok: boolean;
    via: string;
    errno?: number;
    error?: string;
    leaves?: Record<string, Record<string, string>>;
  };
}

/** Where the helper may be: $ENLIGHTEN_KVM_PROBE, next to the bundle (dist/), or the repository's dist/. */
export function findNativeHelper(env: Record<string, string | undefined> = process.env): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [env.ENLIGHTEN_KVM_PROBE, resolve(here, 'kvm-hv-probe'), resolve(here, '../../dist/kvm-hv-probe')];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export function runNativeHelper(path: string | null): { answer: NativeAnswer | null; error: string | null } {
  if (!path)
    return {
      answer: null,
      error:
        'the helper is not built (`npm run build` compiles native/kvm-hv-probe.c; it needs a C compiler and the Linux headers)',
    };
  try {
    const out = loadChildProcess().execFileSync(path, [], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { answer: JSON.parse(out) as NativeAnswer, error: null };
  } catch (e) {
    return { answer: null, error: `${path} failed: ${(e as Error).message.split('\n')[0]}` };
  }
}
