/**
 * Reads every host of a fleet, at most --jobs at a time, each under its --timeout: over libvirt's
 * RPC protocol where the URI allows it (rpc-host.ts: TCP or a unix socket, no authentication), else
 * with one listing and a few batched virsh processes per host (virsh-batch.ts).
 * ENLIGHTEN_FLEET_CLIENT=virsh makes every host go through virsh.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from '../io.js';
import type { Host } from './hosts.js';
import { mapBounded } from './hosts.js';
import type { FleetFlags } from './options.js';
import { BATCH, DEFAULT_JOBS, DEFAULT_TIMEOUT, forcedClient } from './options.js';
import type { Progress } from './progress.js';
import { chooseClient, readHostRpc } from './rpc-host.js';
import type { DomainXml, HostRead, HostReadOptions } from './virsh-batch.js';
import { readHost } from './virsh-batch.js';

export interface HostResult {
  host: Host;
  domains: DomainXml[];
  /** Why the host, or part of it, could not be read: unreachable, over its time, lost halfway. */
  error?: string;
  ms: number;
}

export interface ReadFleetOptions {
  securityInfo?: boolean;
  keep?: (name: string) => boolean;
  limit: number;
  progress: Progress;
}

/**
 * A test's hook (ENLIGHTEN_TEST_PAUSE_DIR): after the first batch of host i, write `paused-i` in
 * the folder and wait for `go-i`, so a test can kill that host's daemon halfway without timing.
 */
async function testPause(io: Io, i: number): Promise<void> {
  const dir = io.env['ENLIGHTEN_TEST_PAUSE_DIR'];
  if (!dir) return;
  writeFileSync(join(dir, `paused-${i}`), '');
  while (!existsSync(join(dir, `go-${i}`))) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Reads the hosts and gives each one to `digest` as soon as it is read: what digest returns is
 * kept (rows, a plan), the host's XML is dropped, so memory holds at most --jobs hosts' XML.
 */
export async function readFleet<T>(
  hosts: readonly Host[],
  flags: FleetFlags,
  opts: ReadFleetOptions,
  io: Io,
  digest: (host: HostResult) => T,
): Promise<T[]> {
  const forced = forcedClient(io.env);
  const timeout = (flags.timeout ?? DEFAULT_TIMEOUT) * 1000;
  const batch = Number(io.env['ENLIGHTEN_FLEET_BATCH']) || BATCH;
  return mapBounded(hosts, flags.jobs ?? DEFAULT_JOBS, async (host, i) => {
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    let batches = 0;
    let last = 0;
    try {
      const read: HostReadOptions = {
        signal: controller.signal,
        reason: () => `no answer within ${timeout / 1000} s (--timeout)`,
        batch,
        limit: opts.limit,
        ...(opts.securityInfo ? { securityInfo: true } : {}),
        ...(opts.keep ? { keep: opts.keep } : {}),
        progress: async (read, total) => {
          if (!batches) opts.progress.hostListed(total);
          opts.progress.read(read - last);
          last = read;
          batches += 1;
          if (batches === 1 && read < total) await testPause(io, i);
        },
      };
      const choice = chooseClient(host.uri, forced, !opts.securityInfo);
      let r: HostRead | { fallback: string } | undefined;
      if (choice.client === 'rpc') r = await readHostRpc(choice, read);
      else if (forced === 'rpc') opts.progress.note(`${host.label}: read with virsh: ${choice.why}`);
      if (r && 'fallback' in r) {
        opts.progress.note(`${host.label}: read with virsh: ${r.fallback}`);
        r = undefined;
      }
      r ??= await readHost(host.uri, read);
      const ms = Date.now() - started;
      const error = r.ok ? r.dropped : r.error;
      opts.progress.hostDone(
        `${host.label}: ${r.domains.length} domain${r.domains.length === 1 ? '' : 's'} in ${(ms / 1000).toFixed(1)} s${error ? ` (${error})` : ''}`,
      );
      return digest({ host, domains: r.domains, ms, ...(error ? { error } : {}) });
    } finally {
      clearTimeout(timer);
    }
  });
}
