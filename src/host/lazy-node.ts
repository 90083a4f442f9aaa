/**
 * Node's heavier modules, loaded when first used rather than at every start: child_process (which
 * pulls in net, dgram and streams), crypto and zlib cost start-up time that most commands never
 * need (http: `enlighten serve` alone; tty: only to ask whether a character device is a terminal). Here, in `host` (one of the two layers that may use Node),
 * for `cli` and `host` alike.
 */
import { createRequire } from 'node:module';

function lazy<T>(id: string): () => T {
  let m: T | undefined;
  return () => (m ??= createRequire(import.meta.url)(id) as T);
}

export const loadChildProcess = lazy<typeof import('node:child_process')>('node:child_process');
export const loadNet = lazy<typeof import('node:net')>('node:net');
export const loadCrypto = lazy<typeof import('node:crypto')>('node:crypto');
export const loadZlib = lazy<typeof import('node:zlib')>('node:zlib');
export const loadWorkerThreads = lazy<typeof import('node:worker_threads')>('node:worker_threads');
export const loadHttp = lazy<typeof import('node:http')>('node:http');
export const loadTty = lazy<typeof import('node:tty')>('node:tty');
export const loadV8 = lazy<typeof import('node:v8')>('node:v8');
