// In process, on one core: read, check and translate typical domain files (libvirt's own dumpxml of a
// virt-install Windows 10 domain, 7 KB; the same with fewer controllers, about 4 KB; virt-install's
// output, 2.7 KB). Target: at least 5,000 documents per second.
import { readFileSync } from 'node:fs';
import { checkConfig, parseLibvirt, translateLibvirtToQemu } from '../dist/index.js';

const read = (p) => readFileSync(new URL(p, import.meta.url), 'utf8');

function documents() {
  const dump = read('../test/fixtures/libvirt/win10-dumpxml-qemu-driver.xml');
  // Drop ten of the fifteen pcie-root-port controllers (with their <target>/<address> children).
  let fewer = dump;
  for (let i = 0; i < 10; i++)
    fewer = fewer.replace(/ *<controller type='pci' index='\d+' model='pcie-root-port'>[\s\S]*?<\/controller>\n/, '');
  return [
    ['dumpxml', dump],
    ['dumpxml, 5 root ports', fewer],
    ['virt-install', read('../examples/win10-virt-install.xml')],
  ];
}

function once(text) {
  const result = parseLibvirt(text);
  if (!result.ok) throw new Error(`unreadable: ${result.diagnostics[0].message}`);
  const parsed = result.value;
  const found = checkConfig(parsed, {});
  const qemu = translateLibvirtToQemu(parsed, { libvirtVersion: '9.0.0' });
  if (!qemu.text || found.length < 0) throw new Error('no result');
}

/** Documents per second, cycling through `texts`: the median of five windows (the machine may be busy). */
function rate(texts, ms = 1500) {
  for (let i = 0; i < 300; i++) once(texts[i % texts.length]); // warm up
  const windows = [];
  let n = 0;
  for (let w = 0; w < 5; w++) {
    let done = 0;
    const started = performance.now();
    while (performance.now() - started < ms / 5) {
      for (let i = 0; i < 20; i++) once(texts[(n + i) % texts.length]);
      n += 20;
      done += 20;
    }
    windows.push((done * 1000) / (performance.now() - started));
  }
  return windows.sort((a, b) => a - b)[2];
}

export function libvirtThroughput() {
  const docs = documents();
  rate(
    docs.map(([, t]) => t),
    1000,
  ); // let the JIT settle on every document first
  const rows = docs.map(([name, text]) => [
    name,
    `${(text.length / 1024).toFixed(1)} KB`,
    `${Math.round(rate([text]))} documents/s`,
  ]);
  const texts = docs.map(([, t]) => t);
  const all = rate(texts);
  const avg = texts.reduce((a, t) => a + t.length, 0) / texts.length / 1024;
  rows.push([`mixed (${avg.toFixed(1)} KB average)`, '', `${Math.round(all)} documents/s`]);
  return {
    title: 'in process, one core: read + check + translate domain XML to -cpu',
    rows,
    summary: `${Math.round(all)} documents/s mixed (target at least 5,000)`,
    ok: all >= 5000,
  };
}
