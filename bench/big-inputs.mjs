// Large hostile inputs of a given size, for bench/bounds.mjs and test/trust/bounds-linear.test.ts.

/** A -cpu value of about `bytes` bytes: a known item repeated, an unknown one repeated, and unknown ones all different. */
export function bigCpuLine(bytes) {
  const items = ['host'];
  let n = 5;
  for (let i = 0; n < bytes; i++) {
    const item = i % 3 === 0 ? 'hv_relaxed' : i % 3 === 1 ? 'hv_foo' : `hv-x${i.toString(36)}`;
    items.push(item);
    n += item.length + 1;
  }
  return `-cpu ${items.join(',')}\n`;
}

/** A domain XML of about `bytes` bytes with many <hyperv> children: one repeated, one unknown repeated, unknown ones all different. */
export function bigDomainXml(bytes) {
  const head =
    "<domain type='kvm'>\n  <name>big</name>\n  <memory unit='KiB'>131072</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <features>\n    <hyperv mode='custom'>\n";
  const tail = '    </hyperv>\n  </features>\n</domain>\n';
  const parts = [head];
  let n = head.length + tail.length;
  for (let i = 0; n < bytes; i++) {
    const el =
      i % 3 === 0
        ? "      <relaxed state='on'/>\n"
        : i % 3 === 1
          ? "      <foo state='on'/>\n"
          : `      <x${i.toString(36)} state='on'/>\n`;
    parts.push(el);
    n += el.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** `count` different unknown items in one -cpu value (100,000 took over 120 s before the fix). */
export function unknownItems(count) {
  return `-cpu host,${Array.from({ length: count }, (_, i) => `hv-u${i}`).join(',')}\n`;
}
