/**
 * libvirt's RPC messages, as far as enlighten needs them: the framing and header of
 * src/rpc/virnetprotocol.x (libvirt/libvirt, read at commit 167a756881346c6101727b5b9dd4a9386008bbae)
 * and the program, procedures and structures of src/remote/remote_protocol.x (read at commit
 * 0c234889c4b0bd21ab2103c8bbac0290db1ff600). libvirt keeps this wire protocol compatible for older
 * clients: procedure numbers and structures are never changed, only added.
 *
 * A message on the wire: a 4-byte length (the whole message, the length word included), a 24-byte
 * header (program, version, procedure, type, serial, status: six 32-bit words), then the payload:
 * the procedure's `_args` for a call, its `_ret` for a reply whose status is OK, a `remote_error`
 * for a reply whose status is ERROR.
 */
import type { XdrReader } from './xdr.js';
import { XdrError, XdrWriter } from './xdr.js';

/** virnetprotocol.x: the largest message, its length word not counted (VIR_NET_MESSAGE_MAX). */
export const MESSAGE_MAX = 16_777_216;
/** virnetprotocol.x: VIR_NET_MESSAGE_HEADER_MAX, the header's serialised size. */
export const HEADER_SIZE = 24;
/** virnetprotocol.x: VIR_NET_MESSAGE_LEN_MAX, the length word. */
export const LENGTH_SIZE = 4;
/** remote_protocol.x: REMOTE_STRING_MAX (remote_nonnull_string); virnetprotocol.x's VIR_NET_MESSAGE_STRING_MAX is the same. */
export const STRING_MAX = 4_194_304;
/** remote_protocol.x: REMOTE_DOMAIN_LIST_MAX. */
export const DOMAIN_LIST_MAX = 16_384;
/** remote_protocol.x: REMOTE_AUTH_TYPE_LIST_MAX. */
export const AUTH_TYPE_LIST_MAX = 20;
/** remote_protocol.x: VIR_UUID_BUFLEN, the bytes of a remote_uuid. */
export const UUID_BYTES = 16;

/** remote_protocol.x: REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION. */
export const REMOTE_PROGRAM = 0x2000_8086;
export const REMOTE_PROTOCOL_VERSION = 1;

/** remote_protocol.x, enum remote_procedure: the procedures enlighten calls. */
export const PROC = {
  CONNECT_OPEN: 1,
  CONNECT_CLOSE: 2,
  DOMAIN_DEFINE_XML: 11,
  DOMAIN_GET_XML_DESC: 14,
  AUTH_LIST: 66,
  CONNECT_LIST_ALL_DOMAINS: 273,
} as const;

/** virnetprotocol.x, enum virNetMessageType. */
export const TYPE = { CALL: 0, REPLY: 1, MESSAGE: 2, STREAM: 3, CALL_WITH_FDS: 4, REPLY_WITH_FDS: 5 } as const;
/** virnetprotocol.x, enum virNetMessageStatus. */
export const STATUS = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;
/** remote_protocol.x, enum remote_auth_type. */
export const AUTH = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** libvirt.h: VIR_CONNECT_RO, virConnectOpenReadOnly's flag (what `virsh --readonly` opens with). */
export const CONNECT_RO = 1;
/** libvirt-domain.h, virDomainXMLFlags: VIR_DOMAIN_XML_SECURE (--security-info), VIR_DOMAIN_XML_INACTIVE (--inactive). */
export const XML_SECURE = 1;
export const XML_INACTIVE = 2;

/** virnetprotocol.x, struct virNetMessageHeader. */
export interface Header {
  prog: number;
  vers: number;
  proc: number;
  type: number;
  serial: number;
  status: number;
}

/** One call: its length word, header and `args`, ready to write. */
export function encodeCall(proc: number, serial: number, args?: XdrWriter): Buffer {
  const body = args?.toBuffer() ?? Buffer.alloc(0);
  const w = new XdrWriter()
    .u32(LENGTH_SIZE + HEADER_SIZE + body.length)
    .u32(REMOTE_PROGRAM)
    .u32(REMOTE_PROTOCOL_VERSION)
    .i32(proc)
    .i32(TYPE.CALL)
    .u32(serial)
    .i32(STATUS.OK);
  return Buffer.concat([w.toBuffer(), body]);
}

/** The header at the start of a message (its length word already taken off). */
export function decodeHeader(r: XdrReader): Header {
  return { prog: r.u32(), vers: r.u32(), proc: r.i32(), type: r.i32(), serial: r.u32(), status: r.i32() };
}

/** remote_nonnull_domain: name, uuid, id (-1 when the domain is not active). */
export interface RemoteDomain {
  name: string;
  uuid: Buffer;
  id: number;
}

export function writeDomain(w: XdrWriter, d: RemoteDomain): XdrWriter {
  return w.string(d.name, STRING_MAX).fixedOpaque(d.uuid, UUID_BYTES).i32(d.id);
}

export function readDomain(r: XdrReader): RemoteDomain {
  return { name: r.string(STRING_MAX), uuid: Buffer.from(r.fixedOpaque(UUID_BYTES)), id: r.i32() };
}

/** A UUID's 16 bytes as libvirt prints them (virUUIDFormat): lower-case hex in 8-4-4-4-12. */
export function formatUuid(b: Uint8Array): string {
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What enlighten keeps of a remote_error (virNetMessageError): the message, code and domain. */
export interface RemoteError {
  code: number;
  domain: number;
  message: string;
}

/**
 * remote_error: code, domain, message (optional string), level, dom (an optional
 * remote_nonnull_domain, unused), str1-3 (optional strings), int1, int2, net (an optional
 * remote_nonnull_network: name and uuid, unused).
 */
export function readError(r: XdrReader): RemoteError {
  const code = r.i32();
  const domain = r.i32();
  const message = r.optionalString(STRING_MAX);
  r.i32(); // level
  if (r.bool()) readDomain(r);
  for (let i = 0; i < 3; i++) r.optionalString(STRING_MAX);
  r.i32(); // int1
  r.i32(); // int2
  if (r.bool()) {
    r.skipString(STRING_MAX);
    r.fixedOpaque(UUID_BYTES);
  }
  r.end();
  return { code, domain, message: message ?? `libvirt error ${code} without a message` };
}

/** remote_auth_list_ret: remote_auth_type types<REMOTE_AUTH_TYPE_LIST_MAX>. */
export function readAuthList(r: XdrReader): number[] {
  const n = r.arrayLength(AUTH_TYPE_LIST_MAX, 4);
  const types = Array.from({ length: n }, () => r.i32());
  r.end();
  return types;
}

/** remote_connect_open_args: remote_string name, unsigned int flags. */
export function connectOpenArgs(name: string, flags: number): XdrWriter {
  return new XdrWriter().optionalString(name, STRING_MAX).u32(flags);
}

/** remote_connect_list_all_domains_args: int need_results, unsigned int flags. */
export function listAllDomainsArgs(flags: number): XdrWriter {
  return new XdrWriter().i32(1).u32(flags);
}

/** remote_connect_list_all_domains_ret: remote_nonnull_domain domains<REMOTE_DOMAIN_LIST_MAX>, unsigned int ret. */
export function readListAllDomains(r: XdrReader): RemoteDomain[] {
  // A domain is at least a length word, 16 bytes of UUID and its id.
  const n = r.arrayLength(DOMAIN_LIST_MAX, 4 + UUID_BYTES + 4);
  const domains = Array.from({ length: n }, () => readDomain(r));
  const count = r.u32();
  if (count !== n) throw new XdrError(`a list of ${n} domains that says it has ${count}`);
  r.end();
  return domains;
}

/** remote_domain_get_xml_desc_args: remote_nonnull_domain dom, unsigned int flags. */
export function getXmlDescArgs(d: RemoteDomain, flags: number): XdrWriter {
  return writeDomain(new XdrWriter(), d).u32(flags);
}

/**
 * remote_domain_get_xml_desc_ret: remote_nonnull_string xml. `limit` is enlighten's --max-bytes:
 * a longer XML is not decoded, and its byte length is given instead.
 */
export function readXmlDesc(r: XdrReader, limit: number): string | { over: number } {
  const n = r.peekStringLength(STRING_MAX);
  if (n > limit) return { over: n };
  const xml = r.string(STRING_MAX);
  r.end();
  return xml;
}

/** remote_domain_define_xml_args: remote_nonnull_string xml. */
export function defineXmlArgs(xml: string): XdrWriter {
  return new XdrWriter().string(xml, STRING_MAX);
}

/** remote_domain_define_xml_ret: remote_nonnull_domain dom. */
export function readDefineXml(r: XdrReader): RemoteDomain {
  const d = readDomain(r);
  r.end();
  return d;
}
