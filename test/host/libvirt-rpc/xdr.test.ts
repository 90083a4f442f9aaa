// The XDR codec and libvirt's message layouts (src/host/libvirt-rpc/): round trips of every type
// with fast-check, the byte layout RFC 4506 gives, and the bounds a bad message hits before
// anything is allocated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTH,
  DOMAIN_LIST_MAX,
  HEADER_SIZE,
  REMOTE_PROGRAM,
  STRING_MAX,
  decodeHeader,
  encodeCall,
  formatUuid,
  getXmlDescArgs,
  readAuthList,
  readDomain,
  readError,
  readListAllDomains,
  readXmlDesc,
  writeDomain,
} from '../../../src/host/libvirt-rpc/protocol.js';
import { planUri } from '../../../src/host/libvirt-rpc/remote.js';
import { XdrError, XdrReader, XdrWriter } from '../../../src/host/libvirt-rpc/xdr.js';

const uuid = fc.uint8Array({ minLength: 16, maxLength: 16 });
const domain = fc.record({
  name: fc.string({ unit: 'grapheme', maxLength: 40 }),
  uuid,
  id: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
});

describe('XDR', () => {
  it('round-trips integers, booleans, strings, optional strings and opaque data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.boolean(),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.option(fc.string({ unit: 'grapheme', maxLength: 100 }), { nil: undefined }),
        uuid,
        (u, i, b, s, o, id) => {
          const buf = new XdrWriter()
            .u32(u)
            .i32(i)
            .bool(b)
            .string(s, 1000)
            .optionalString(o, 1000)
            .fixedOpaque(id, 16)
            .toBuffer();
          expect(buf.length % 4).toBe(0);
          const r = new XdrReader(buf);
          expect([r.u32(), r.i32(), r.bool(), r.string(1000), r.optionalString(1000)]).toEqual([u, i, b, s, o]);
          expect([...r.fixedOpaque(16)]).toEqual([...id]);
          r.end();
        },
      ),
    );
  });

  it('writes the layout of RFC 4506: big-endian words, strings padded to 4 bytes', () => {
    expect(new XdrWriter().string('abcde', 10).toBuffer().toString('hex')).toBe('00000005' + '6162636465' + '000000');
    expect(new XdrWriter().i32(-2).optionalString(undefined, 1).toBuffer().toString('hex')).toBe('fffffffe00000000');
  });

  it('refuses lengths over the limit or past the end before reading them', () => {
    const huge = new XdrWriter().u32(0xffff_fff0).toBuffer();
    expect(() => new XdrReader(huge).string(STRING_MAX)).toThrow(XdrError);
    expect(() => new XdrReader(new XdrWriter().u32(100).toBuffer()).string(1000)).toThrow(/104 bytes needed, 4 left/);
    expect(() => new XdrReader(new XdrWriter().u32(2).toBuffer()).bool()).toThrow(/boolean of value 2/);
    expect(() => new XdrReader(new XdrWriter().u32(1).u32(7).toBuffer()).end()).toThrow(/8 bytes left over/);
    expect(() => new XdrWriter().string('toolong', 3)).toThrow(XdrError);
    // A list that claims more items than libvirt's maximum, or than the bytes that follow.
    expect(() => readListAllDomains(new XdrReader(new XdrWriter().u32(DOMAIN_LIST_MAX + 1).toBuffer()))).toThrow(
      /over its limit/,
    );
    expect(() => readListAllDomains(new XdrReader(new XdrWriter().u32(1000).toBuffer()))).toThrow(
      /a list of 1000 items/,
    );
  });

  it('never throws anything but XdrError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const read of [readListAllDomains, readError, readAuthList, (r: XdrReader) => readXmlDesc(r, 100)]) {
          try {
            read(new XdrReader(Buffer.from(bytes)));
          } catch (e) {
            expect(e).toBeInstanceOf(XdrError);
          }
        }
      }),
    );
  });
});

describe("libvirt's messages", () => {
  it('frames a call: length, program, version, procedure, CALL, serial, OK, then the arguments', () => {
    const d = { name: 'win', uuid: Buffer.alloc(16, 1), id: -1 };
    const frame = encodeCall(14, 7, getXmlDescArgs(d, 2));
    expect(frame.readUInt32BE(0)).toBe(frame.length);
    const r = new XdrReader(frame.subarray(4));
    expect(decodeHeader(r)).toEqual({ prog: REMOTE_PROGRAM, vers: 1, proc: 14, type: 0, serial: 7, status: 0 });
    expect(readDomain(r)).toEqual(d);
    expect(r.u32()).toBe(2);
    r.end();
    expect(frame.length).toBe(4 + HEADER_SIZE + 4 + 4 + 16 + 4 + 4);
  });

  it('round-trips domain lists, and refuses a count that disagrees', () => {
    fc.assert(
      fc.property(fc.array(domain, { maxLength: 20 }), (domains) => {
        const w = new XdrWriter().u32(domains.length);
        for (const d of domains) writeDomain(w, { ...d, uuid: Buffer.from(d.uuid) });
        const good = new XdrReader(new XdrWriter().u32(0).u32(0).toBuffer());
        expect(readListAllDomains(good)).toEqual([]);
        const buf = Buffer.concat([w.toBuffer(), new XdrWriter().u32(domains.length).toBuffer()]);
        expect(readListAllDomains(new XdrReader(buf))).toEqual(
          domains.map((d) => ({ ...d, uuid: Buffer.from(d.uuid) })),
        );
        const bad = Buffer.concat([w.toBuffer(), new XdrWriter().u32(domains.length + 1).toBuffer()]);
        expect(() => readListAllDomains(new XdrReader(bad))).toThrow(XdrError);
      }),
    );
  });

  it('reads remote_error with every optional part, keeping its message', () => {
    const w = new XdrWriter().i32(42).i32(10).optionalString('Domain not found: no domain', STRING_MAX).i32(2);
    writeDomain(w.bool(true), { name: 'x', uuid: Buffer.alloc(16), id: 3 });
    w.optionalString('a', 9).optionalString(undefined, 9).optionalString('c', 9).i32(0).i32(0);
    w.bool(true).string('net', 9).fixedOpaque(Buffer.alloc(16), 16);
    expect(readError(new XdrReader(w.toBuffer()))).toEqual({
      code: 42,
      domain: 10,
      message: 'Domain not found: no domain',
    });
  });

  it('reads the auth list, and an XML over --max-bytes by its length only', () => {
    expect(readAuthList(new XdrReader(new XdrWriter().u32(2).i32(AUTH.SASL).i32(AUTH.NONE).toBuffer()))).toEqual([
      1, 0,
    ]);
    const xml = new XdrWriter().string('<domain/>', STRING_MAX).toBuffer();
    expect(readXmlDesc(new XdrReader(xml), 100)).toBe('<domain/>');
    expect(readXmlDesc(new XdrReader(xml), 5)).toEqual({ over: 9 });
  });

  it('prints a UUID as libvirt does', () => {
    expect(formatUuid(Buffer.from('00000001000040008000000000000001', 'hex'))).toBe(
      '00000001-0000-4000-8000-000000000001',
    );
  });
});

describe('URIs the RPC client serves', () => {
  const none = () => false;
  it('opens what the remote driver would: the transport, server and port dropped', () => {
    expect(planUri('test+tcp://127.0.0.1:4000/tmp/node.xml', true, none)).toEqual({
      ok: true,
      target: { kind: 'tcp', host: '127.0.0.1', port: 4000 },
      name: 'test:///tmp/node.xml',
    });
    expect(planUri('qemu+tcp://kvm1/system', true, none)).toMatchObject({
      target: { port: 16509 },
      name: 'qemu:///system',
    });
    expect(planUri('qemu+tcp://[::1]:5/system', true, none)).toMatchObject({ target: { host: '::1', port: 5 } });
    expect(planUri('test+unix:///a.xml?socket=/s/libvirt-sock-ro', true, none)).toMatchObject({
      target: { kind: 'unix', path: '/s/libvirt-sock-ro' },
      name: 'test:///a.xml',
    });
  });

  it('picks the modular daemon socket, else libvirtd, read-only when asked', () => {
    const has =
      (...p: string[]) =>
      (x: string) =>
        p.includes(x);
    expect(
      planUri('qemu:///system', true, has('/run/libvirt/virtqemud-sock-ro', '/run/libvirt/libvirt-sock-ro')),
    ).toMatchObject({
      target: { path: '/run/libvirt/virtqemud-sock-ro' },
    });
    expect(planUri('qemu:///system', false, has('/run/libvirt/libvirt-sock'))).toMatchObject({
      target: { path: '/run/libvirt/libvirt-sock' },
    });
    expect(planUri('qemu:///system', false, none)).toMatchObject({ ok: false });
  });

  it('leaves ssh, tls, options, users and in-process drivers to virsh', () => {
    for (const uri of [
      'qemu+ssh://root@kvm1/system',
      'qemu+tls://kvm1/system',
      'qemu://kvm1/system',
      'qemu+libssh://kvm1/system',
      'qemu+tcp://user@kvm1/system',
      'qemu+tcp://kvm1/system?no_verify=1',
      'qemu:///session',
      'test:///default',
      'qemu+tcp://kvm1',
    ])
      expect(planUri(uri, true, () => true).ok, uri).toBe(false);
  });
});
