/**
 * Which libvirt URIs this client serves, and a connection to one: the transports it speaks are
 * TCP and unix sockets without authentication; every other URI (ssh, tls, libssh, ext, query
 * options, an in-process driver such as test:///default) is left to virsh, which says why.
 *
 * The name sent in CONNECT_OPEN is the URI as libvirt's remote driver sends it
 * (src/remote/remote_driver.c, doRemoteOpen, read at commit 0c234889c4b0bd21ab2103c8bbac0290db1ff600):
 * the transport dropped from the scheme, and the server, port and user dropped, so
 * `test+tcp://127.0.0.1:16509/tmp/node.xml` opens `test:///tmp/node.xml` on the daemon and
 * `qemu+tcp://kvm1/system` opens `qemu:///system`.
 */
import { existsSync } from 'node:fs';
import type { RemoteDomain } from './protocol.js';
import {
  AUTH,
  CONNECT_RO,
  PROC,
  connectOpenArgs,
  defineXmlArgs,
  formatUuid,
  getXmlDescArgs,
  listAllDomainsArgs,
  readAuthList,
  readDefineXml,
  readListAllDomains,
  readXmlDesc,
} from './protocol.js';
import type { Target } from './client.js';
import { ConnectionError, RpcConnection } from './client.js';

/** libvirt's TCP port (LIBVIRTD_TCP_PORT, src/remote/remote_driver.h). */
export const DEFAULT_TCP_PORT = 16509;
/** The folder of the system daemons' sockets (LOCALSTATEDIR/run/libvirt, src/remote/remote_sockets.c). */
export const SOCKET_DIR = '/run/libvirt';

export type UriPlan = { ok: true; target: Target; name: string } | { ok: false; why: string };

/**
 * How to reach `uri` over this client, or why not. A local `DRIVER:///system` URI (or
 * `DRIVER+unix:///system`) goes to the system daemon's socket as libvirt's remote driver picks it
 * (remote_sockets.c, remoteGetUNIXSocket, "auto" mode): the modular daemon's `virtDRIVERd-sock`
 * when it exists, else libvirtd's `libvirt-sock`; `-sock-ro` for a read-only connection.
 * `exists` is the file test (a parameter for tests).
 */
export function planUri(uri: string, readonly: boolean, exists: (p: string) => boolean = existsSync): UriPlan {
  const m = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/i.exec(uri);
  if (!m) return { ok: false, why: 'not a URI this client reads' };
  const [, driver, transport, authority, path, query] = m as unknown as [
    string,
    string,
    string?,
    string?,
    string?,
    string?,
  ];
  if (!path || path === '/') return { ok: false, why: 'no path in the URI' };
  const name = `${driver}://${path}`;
  const params = new URLSearchParams(query ?? '');
  const keys = [...params.keys()];
  if (transport === 'tcp') {
    if (keys.length) return { ok: false, why: `URI options (${keys.join(', ')})` };
    const hp = /^(?:\[([0-9a-f:.]+)\]|([^:@[\]]+))(?::(\d{1,5}))?$/i.exec(authority ?? '');
    if (!hp) return { ok: false, why: 'a user name or an unusual server part' };
    const port = hp[3] ? Number(hp[3]) : DEFAULT_TCP_PORT;
    if (port < 1 || port > 65535) return { ok: false, why: `port ${hp[3]}` };
    return { ok: true, target: { kind: 'tcp', host: (hp[1] ?? hp[2])!, port }, name };
  }
  if (transport !== undefined && transport !== 'unix') return { ok: false, why: `the ${transport} transport` };
  if (authority) return { ok: false, why: transport ? 'a server in a unix URI' : 'the tls transport' };
  if (keys.some((k) => k !== 'socket')) return { ok: false, why: `URI options (${keys.join(', ')})` };
  const socket = params.get('socket');
  if (socket) return { ok: true, target: { kind: 'unix', path: socket }, name };
  if (path !== '/system' || driver === 'test') return { ok: false, why: `no daemon socket known for ${uri}` };
  const suffix = readonly ? '-sock-ro' : '-sock';
  for (const daemon of [`virt${driver}d`, 'libvirt']) {
    const p = `${SOCKET_DIR}/${daemon}${suffix}`;
    if (exists(p)) return { ok: true, target: { kind: 'unix', path: p }, name };
  }
  return { ok: false, why: `no daemon socket in ${SOCKET_DIR} (virsh may start one)` };
}

/** The daemon wants authentication this client does not do (SASL, polkit): virsh should take the host. */
export class AuthRequired extends Error {}

/** One domain of a host, as listed. */
export interface Domain {
  uuid: string;
  name: string;
  active: boolean;
  remote: RemoteDomain;
}

/** An open libvirt connection: list domains, read their XML, close. */
export class LibvirtClient {
  private constructor(private readonly conn: RpcConnection) {}

  /**
   * Connects, checks the daemon asks for no authentication (AUTH_LIST: none, or an empty list, as
   * libvirt's remote driver takes it), and opens `name` (read-only unless asked otherwise).
   */
  static async open(
    plan: { target: Target; name: string },
    readonly: boolean,
    signal: AbortSignal | undefined,
    reason: () => string,
  ): Promise<LibvirtClient> {
    const conn = await RpcConnection.open(plan.target, signal, reason);
    try {
      const types = readAuthList(await conn.call(PROC.AUTH_LIST));
      if (types.length && !types.includes(AUTH.NONE)) {
        const names = types.map((t) => (t === AUTH.SASL ? 'sasl' : t === AUTH.POLKIT ? 'polkit' : `type ${t}`));
        throw new AuthRequired(`the daemon asks for authentication (${names.join(', ')})`);
      }
      (await conn.call(PROC.CONNECT_OPEN, connectOpenArgs(plan.name, readonly ? CONNECT_RO : 0))).end();
      return new LibvirtClient(conn);
    } catch (e) {
      conn.close(e instanceof Error ? e : new ConnectionError(String(e)));
      throw e;
    }
  }

  /** Every domain (CONNECT_LIST_ALL_DOMAINS, flags 0: active and inactive alike). */
  async listAll(): Promise<Domain[]> {
    const domains = readListAllDomains(await this.conn.call(PROC.CONNECT_LIST_ALL_DOMAINS, listAllDomainsArgs(0)));
    return domains.map((d) => ({ uuid: formatUuid(d.uuid), name: d.name, active: d.id !== -1, remote: d }));
  }

  /** A domain's XML (DOMAIN_GET_XML_DESC with virDomainXMLFlags), or its byte length when over `limit`. */
  async xml(d: Domain, flags: number, limit: number): Promise<string | { over: number }> {
    return readXmlDesc(await this.conn.call(PROC.DOMAIN_GET_XML_DESC, getXmlDescArgs(d.remote, flags)), limit);
  }

  /**
   * Defines (or redefines) a domain from its XML, as `virsh define` does with no option
   * (DOMAIN_DEFINE_XML, virDomainDefineXML): libvirt validates and persists it. The domain libvirt
   * names in its reply.
   */
  async define(xml: string): Promise<{ name: string; uuid: string }> {
    const d = readDefineXml(await this.conn.call(PROC.DOMAIN_DEFINE_XML, defineXmlArgs(xml)));
    return { name: d.name, uuid: formatUuid(d.uuid) };
  }

  /** CONNECT_CLOSE, then the socket; a failure to close politely changes nothing. */
  async close(): Promise<void> {
    try {
      await Promise.race([this.conn.call(PROC.CONNECT_CLOSE), new Promise((r) => setTimeout(r, 1000).unref())]);
    } catch {
      // the connection is going anyway
    }
    this.conn.close();
  }

  /** True until the connection ends: a client kept between calls checks it before the next one. */
  get open(): boolean {
    return this.conn.open;
  }

  /** Ends the connection now, with `why` for every call still waiting. */
  abort(why: Error): void {
    this.conn.close(why);
  }
}
