/**
 * Reading a whole libvirt host, and defining a domain, over libvirt's RPC protocol (src/host/libvirt-rpc/) instead of
 * virsh: one connection, one CONNECT_LIST_ALL_DOMAINS, then DOMAIN_GET_XML_DESC calls written
 * without waiting for each reply (at most IN_FLIGHT domains at a time), batch by batch as the
 * virsh reader goes, so progress, --timeout and the test pause hook behave the same. The result
 * is the virsh reader's (virsh-batch.ts): same domains, same order, same errors where libvirt's
 * words allow it.
 */
import type { Target } from '../../host/libvirt-rpc/client.js';
import { ConnectionError, RemoteCallError } from '../../host/libvirt-rpc/client.js';
import { STRING_MAX, XML_INACTIVE, XML_SECURE } from '../../host/libvirt-rpc/protocol.js';
import type { Domain } from '../../host/libvirt-rpc/remote.js';
import { AuthRequired, LibvirtClient, planUri } from '../../host/libvirt-rpc/remote.js';
import { mapBounded } from './hosts.js';
import type { FleetClient } from './options.js';
import type { DomainXml, HostRead, HostReadOptions } from './virsh-batch.js';
import { overLimitError } from './virsh-batch.js';

/** Domains whose XML is asked for at once (two calls each when running): libvirtd queues the rest. */
export const IN_FLIGHT = 16;

/**
 * Which client reads `uri`: `forced` (ENLIGHTEN_FLEET_CLIENT, read by options.ts forcedClient)
 * virsh or rpc forces one (rpc still leaves a URI it cannot serve to virsh), else rpc where it
 * serves the URI. `why` says why virsh.
 */
export function chooseClient(
  uri: string,
  forced: FleetClient | undefined,
  readonly: boolean,
): { client: 'virsh'; why: string } | { client: 'rpc'; target: Target; name: string } {
  if (forced === 'virsh') return { client: 'virsh', why: 'ENLIGHTEN_FLEET_CLIENT=virsh' };
  const plan = planUri(uri, readonly);
  if (!plan.ok) return { client: 'virsh', why: plan.why };
  return { client: 'rpc', target: plan.target, name: plan.name };
}

/** A domain read, or why the connection was lost before it was. */
async function readOneDomain(
  client: LibvirtClient,
  d: Domain,
  opts: HostReadOptions,
): Promise<DomainXml | { lost: Error }> {
  const savedFlags = XML_INACTIVE | (opts.securityInfo ? XML_SECURE : 0);
  const calls = [client.xml(d, savedFlags, opts.limit), ...(d.active ? [client.xml(d, 0, opts.limit)] : [])];
  const settled = await Promise.allSettled(calls);
  const out: DomainXml = { uuid: d.uuid, name: d.name, active: d.active };
  let over = false;
  for (const [i, s] of settled.entries()) {
    if (s.status === 'rejected') {
      const e = s.reason as Error;
      if (!(e instanceof RemoteCallError)) {
        // The connection is gone, or a reply could not be read: nothing more comes from it.
        const lost =
          e instanceof ConnectionError ? e : new ConnectionError(`a reply libvirt never sends: ${e.message}`);
        client.abort(lost);
        return { lost };
      }
      out.error ??= `libvirt gave no XML: ${e.message}`;
      continue;
    }
    if (typeof s.value !== 'string') over = true;
    else if (i === 0) out.saved = s.value;
    else out.live = s.value;
  }
  if (!out.error && over) out.error = overLimitError(opts.limit);
  return out;
}

/**
 * Reads a host over RPC, as readHost does with virsh; `fallback` when the host wants what this
 * client does not do (authentication), so virsh can take it.
 */
export async function readHostRpc(
  plan: { target: Target; name: string },
  opts: HostReadOptions,
): Promise<HostRead | { fallback: string }> {
  let client: LibvirtClient;
  let listed: Domain[];
  try {
    client = await LibvirtClient.open(plan, !opts.securityInfo, opts.signal, opts.reason);
  } catch (e) {
    if (e instanceof AuthRequired) return { fallback: e.message };
    // virsh's words for a host it cannot open, so both readers give the same row.
    const stopped = opts.signal?.aborted;
    return {
      ok: false,
      error: stopped ? message(e) : `failed to connect to the hypervisor; ${message(e)}`,
      domains: [],
    };
  }
  try {
    try {
      listed = await client.listAll();
    } catch (e) {
      return { ok: false, error: message(e), domains: [] };
    }
    const sorted = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const wanted = opts.keep ? sorted.filter((d) => opts.keep!(d.name)) : sorted;
    const domains: DomainXml[] = [];
    for (let from = 0; from < wanted.length; from += opts.batch) {
      const part = wanted.slice(from, from + opts.batch);
      const read = await mapBounded(part, IN_FLIGHT, (d) => readOneDomain(client, d, opts));
      for (const r of read) {
        if ('lost' in r)
          return {
            ok: true,
            domains,
            dropped: `lost after ${domains.length} of ${wanted.length} domains: ${r.lost.message}`,
          };
        domains.push(r);
      }
      await opts.progress?.(domains.length, wanted.length);
    }
    return { ok: true, domains };
  } finally {
    await client.close();
  }
}

/** An error's message for a row: libvirt's own words for an error reply. */
function message(e: unknown): string {
  if (e instanceof RemoteCallError || e instanceof ConnectionError) return e.message;
  return e instanceof Error ? `libvirt protocol error: ${e.message}` : String(e);
}

export type DefineResult = { ok: true; message: string } | { ok: false; error: string } | { fallback: string };

/**
 * Defines domains of one host over RPC, as `virsh define` does (defineXml in virsh-batch.ts), on
 * one connection opened at the first define and kept for the next ones (as the audit read keeps
 * one per host); close() ends it. A define gets libvirt's message when it refuses, `fallback` when
 * the host wants authentication this client does not do. When a connection is lost (or a define
 * runs out of time, which ends it), the next define opens a new one.
 */
export class RpcDefiner {
  private client: LibvirtClient | undefined;
  /** Connections opened so far. */
  opened = 0;

  constructor(private readonly plan: { target: Target; name: string }) {}

  async define(xml: string, signal: AbortSignal | undefined, reason: () => string): Promise<DefineResult> {
    const bytes = Buffer.byteLength(xml, 'utf8');
    if (bytes > STRING_MAX)
      return {
        ok: false,
        error: `the XML is ${bytes} bytes, over libvirt's ${STRING_MAX}-byte limit (REMOTE_STRING_MAX)`,
      };
    // A kept connection the daemon closed since (or that broke) is not used: nothing was sent on it.
    if (this.client && !this.client.open) this.client = undefined;
    if (!this.client) {
      try {
        this.client = await LibvirtClient.open(this.plan, false, signal, reason);
        this.opened += 1;
      } catch (e) {
        if (e instanceof AuthRequired) return { fallback: e.message };
        return {
          ok: false,
          error: signal?.aborted ? message(e) : `failed to connect to the hypervisor; ${message(e)}`,
        };
      }
    }
    const client = this.client;
    // This define's time ends the connection (its call then fails), whichever define opened it.
    const onAbort = () => client.abort(new ConnectionError(reason()));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const d = await client.define(xml);
      return { ok: true, message: `Domain '${d.name}' defined` };
    } catch (e) {
      if (e instanceof RemoteCallError) return { ok: false, error: e.message };
      // The call went out and no readable answer came back: libvirt may or may not have written it,
      // and nothing more comes from this connection.
      client.abort(e instanceof Error ? e : new ConnectionError(String(e)));
      this.client = undefined;
      return { ok: false, error: `no answer to the define, it may or may not be written: ${message(e)}` };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Closes the connection, if one is open. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }
}

/** Defines one domain over RPC on a connection of its own (RpcDefiner, closed after it). */
export async function defineRpc(
  plan: { target: Target; name: string },
  xml: string,
  signal: AbortSignal | undefined,
  reason: () => string,
): Promise<DefineResult> {
  const definer = new RpcDefiner(plan);
  try {
    return await definer.define(xml, signal, reason);
  } finally {
    await definer.close();
  }
}
