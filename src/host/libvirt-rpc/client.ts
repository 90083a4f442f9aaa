/**
 * A client of libvirt's RPC protocol over one socket (TCP or unix), without authentication: calls
 * are written as they come, several may wait for their reply at once (the daemon answers them in
 * any order; replies are matched by serial), and each reply is read into one buffer of at most
 * libvirt's own VIR_NET_MESSAGE_MAX. A message libvirt would not send (a length under a header's
 * or over that maximum, another program, a serial nobody waits for) ends the connection with a
 * ProtocolError: a daemon cannot make this client allocate more than one message at a time.
 */
import type { Socket } from 'node:net';
import type { Header, RemoteError } from './protocol.js';
import {
  HEADER_SIZE,
  LENGTH_SIZE,
  MESSAGE_MAX,
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  STATUS,
  TYPE,
  decodeHeader,
  encodeCall,
  readError,
} from './protocol.js';
import { loadNet } from '../lazy-node.js';
import type { XdrWriter } from './xdr.js';
import { XdrError, XdrReader } from './xdr.js';

/** An error reply: libvirt's own message (`Domain not found: ...`). */
export class RemoteCallError extends Error {
  constructor(readonly remote: RemoteError) {
    super(remote.message);
  }
}

/** The connection is gone or unusable: the daemon closed it, it broke, or it said what libvirt never says. */
export class ConnectionError extends Error {}

export type Target = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

/** How a target is named in messages, as libvirt names it (`127.0.0.1:16509`, a socket's path). */
export function targetName(t: Target): string {
  return t.kind === 'tcp' ? `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}` : t.path;
}

interface Pending {
  proc: number;
  resolve: (r: XdrReader) => void;
  reject: (e: Error) => void;
}

export class RpcConnection {
  private serial = 0;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Why the connection ended, once it has. */
  private ended: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    readonly where: string,
  ) {
    socket.on('data', (b: Buffer) => this.receive(b));
    socket.on('error', (e) => this.fail(new ConnectionError(`the connection to ${where} broke: ${e.message}`)));
    socket.on('close', () => this.fail(new ConnectionError(`${where} closed the connection`)));
  }

  /** Opens the socket; `signal` ends the attempt (and the connection later) with `reason()`. */
  static open(target: Target, signal: AbortSignal | undefined, reason: () => string): Promise<RpcConnection> {
    const where = targetName(target);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new ConnectionError(reason()));
        return;
      }
      const socket =
        target.kind === 'tcp'
          ? loadNet().createConnection({ host: target.host, port: target.port })
          : loadNet().createConnection(target.path);
      socket.setNoDelay(true);
      const onAbort = () => {
        socket.destroy();
        reject(new ConnectionError(reason()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new ConnectionError(`unable to connect to server at '${where}': ${describe(e)}`));
      });
      socket.once('connect', () => {
        signal?.removeEventListener('abort', onAbort);
        const c = new RpcConnection(socket, where);
        signal?.addEventListener('abort', () => c.close(new ConnectionError(reason())), { once: true });
        resolve(c);
      });
    });
  }

  /** Calls `proc` with `args`; resolves with a reader at the reply's `_ret`, rejects with its error. */
  call(proc: number, args?: XdrWriter): Promise<XdrReader> {
    if (this.ended) return Promise.reject(this.ended);
    this.serial = (this.serial + 1) >>> 0;
    const serial = this.serial;
    const frame = encodeCall(proc, serial, args);
    if (frame.length > MESSAGE_MAX + LENGTH_SIZE)
      return Promise.reject(new XdrError(`a call of ${frame.length} bytes, over libvirt's ${MESSAGE_MAX}-byte limit`));
    return new Promise((resolve, reject) => {
      this.pending.set(serial, { proc, resolve, reject });
      this.socket.write(frame);
    });
  }

  /** True until the connection ends (closed, broken, or ended by its signal). */
  get open(): boolean {
    return this.ended === undefined;
  }

  /** Ends the connection: every call still waiting gets `why`. */
  close(why: Error = new ConnectionError('closed by enlighten')): void {
    this.fail(why);
  }

  private fail(why: Error): void {
    this.ended ??= why;
    this.socket.destroy();
    this.chunks = [];
    this.buffered = 0;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(this.ended);
  }

  private receive(b: Buffer): void {
    if (this.ended) return;
    this.chunks.push(b);
    this.buffered += b.length;
    try {
      while (this.buffered >= LENGTH_SIZE) {
        // Chunks are joined only when a whole message is there (or to read a length word split
        // across chunks): a large message costs one copy, not one per chunk.
        if (this.chunks[0]!.length < LENGTH_SIZE) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
        const length = this.chunks[0]!.readUInt32BE(0);
        if (length < LENGTH_SIZE + HEADER_SIZE || length > LENGTH_SIZE + MESSAGE_MAX)
          throw new ConnectionError(
            `${this.where} sent a message of ${length} bytes, where libvirt's are ${LENGTH_SIZE + HEADER_SIZE} to ${LENGTH_SIZE + MESSAGE_MAX} bytes: not a libvirt daemon, or a broken one`,
          );
        if (this.buffered < length) return;
        const head = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
        const message = head.subarray(LENGTH_SIZE, length);
        const rest = head.subarray(length);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        this.dispatch(new XdrReader(message));
      }
    } catch (e) {
      this.fail(
        e instanceof ConnectionError
          ? e
          : new ConnectionError(`${this.where} sent a message libvirt never sends: ${(e as Error).message}`),
      );
    }
  }

  private dispatch(r: XdrReader): void {
    const h: Header = decodeHeader(r);
    if (h.prog !== REMOTE_PROGRAM || h.vers !== REMOTE_PROTOCOL_VERSION) {
      // Another program's message (keepalive, asked for by clients that support it; enlighten does not).
      if (h.type === TYPE.MESSAGE) return;
      throw new ConnectionError(
        `${this.where} sent program 0x${h.prog.toString(16)} version ${h.vers}, not libvirt's remote program`,
      );
    }
    if (h.type === TYPE.MESSAGE) return; // an event: none is asked for
    if (h.type !== TYPE.REPLY) throw new ConnectionError(`${this.where} sent a message of type ${h.type}`);
    const p = this.pending.get(h.serial);
    if (!p || p.proc !== h.proc)
      throw new ConnectionError(`${this.where} answered call ${h.serial} (procedure ${h.proc}), which was not made`);
    this.pending.delete(h.serial);
    if (h.status === STATUS.OK) p.resolve(r);
    else if (h.status === STATUS.ERROR) p.reject(new RemoteCallError(readError(r)));
    else throw new ConnectionError(`${this.where} answered with status ${h.status}`);
  }
}

/** A socket error as libvirt words it (`Connection refused`). */
function describe(e: NodeJS.ErrnoException): string {
  const known: Record<string, string> = {
    ECONNREFUSED: 'Connection refused',
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    ETIMEDOUT: 'Connection timed out',
    EHOSTUNREACH: 'No route to host',
    ENETUNREACH: 'Network is unreachable',
    ECONNRESET: 'Connection reset by peer',
  };
  return (e.code && known[e.code]) ?? e.message;
}
