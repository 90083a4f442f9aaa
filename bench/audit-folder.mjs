// `enlighten audit` over a folder of realistic domain files (libvirt's own dumpxml of a Windows 10
// domain, virt-install's Windows 10 and 11 domains, a hand-edited Windows Server 2022 one), next to
// `xmllint --noout` over the same files (it only parses them). Target (issue 14): 10,000 files in
// at most 2.5x xmllint's time, and memory that stays flat as the folder grows to 100,000 files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, fmt, peakKiB } from './lib.mjs';

/** The table of 100,000 rows is about 13 MB: past spawnSync's default 1 MiB of output. */
const BIG = { maxBuffer: 1 << 30 };
const CLI = new URL('../bin/enlighten.cjs', import.meta.url).pathname;
const read = (p) => readFileSync(new URL(p, import.meta.url), 'utf8');
const SOURCES = [
  read('../test/fixtures/libvirt/win10-dumpxml-qemu-driver.xml'),
  read('../examples/win10-virt-install.xml'),
  read('../examples/win11-virt-install.xml'),
  read('../examples/win2k22-hand-edited.xml'),
];

/** N domain files in folders of 1,000, each with its own name. */
function folder(root, n) {
  for (let i = 0; i < n; i++) {
    const sub = join(root, `rack${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const text = SOURCES[i % SOURCES.length].replace(/<name>[^<]*<\/name>/, `<name>vm${i}</name>`);
    writeFileSync(join(sub, `vm${i}.xml`), text);
  }
}

export function auditFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-bench-audit-'));
  try {
    const ten = join(dir, '10k');
    folder(ten, 10_000);
    const [xmllint, audit, oneThread] = compare(
      [
        {
          name: 'xmllint --noout (find | xargs)',
          cmd: 'sh',
          args: ['-c', `find ${ten} -name '*.xml' -print0 | xargs -0 xmllint --noout`],
          expectStatus: 0,
        },
        { name: 'enlighten audit', cmd: process.execPath, args: [CLI, 'audit', ten], opts: BIG, expectStatus: 1 },
        {
          name: 'enlighten audit, one thread',
          cmd: process.execPath,
          args: [CLI, 'audit', ten],
          opts: { ...BIG, env: { ...process.env, ENLIGHTEN_AUDIT_THREADS: '1' } },
          expectStatus: 1,
        },
      ],
      3,
    );
    const ratio = audit.median / xmllint.median;
    const rows = [
      [`10,000 files: ${xmllint.name}`, fmt(xmllint.median), ''],
      [`10,000 files: ${audit.name}`, fmt(audit.median), `${Math.round(10_000 / (audit.median / 1000))} domains/s`],
      [
        `10,000 files: ${oneThread.name}`,
        fmt(oneThread.median),
        `${Math.round(10_000 / (oneThread.median / 1000))} domains/s`,
      ],
    ];
    // Peak memory as the folder grows: the walk holds one folder's names, and the rows wait on disk past 1 MB (RowSpool).
    const peaks = [];
    let made = 10_000;
    for (const n of [10_000, 30_000, 100_000]) {
      if (n > made) {
        const more = join(dir, `more${n}`);
        folder(more, n - made);
        made = n;
      }
      const kib = peakKiB(process.execPath, [CLI, 'audit', dir], BIG);
      peaks.push(kib);
      rows.push([`${n.toLocaleString('en')} files: peak memory`, `${kib ?? '?'} KiB`, '']);
    }
    const growth = peaks[2] && peaks[0] ? peaks[2] / peaks[0] : Number.NaN;
    return {
      title: 'audit over a folder of domain files, next to xmllint --noout',
      rows,
      summary: `10,000 files in ${ratio.toFixed(2)}x xmllint's time (target at most 2.5); memory at 100,000 files ${growth.toFixed(2)}x that at 10,000`,
      ok: ratio <= 2.5,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
