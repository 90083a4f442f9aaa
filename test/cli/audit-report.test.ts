// audit's outputs for people and CI: SARIF 2.1.0 that validates against the OASIS schema (the one
// GitHub code scanning reads), Markdown, and the exit status --fail-on asks for.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';
import { RowSpool } from '../../src/cli/row-spool.js';
import { readdirSync, readlinkSync } from 'node:fs';
import type { AuditReport, AuditRow } from '../../src/cli/audit-report.js';
import {
  FAIL_ON,
  auditExit,
  jsonReport,
  seeRow,
  writeJsonReport,
  writeMarkdownReport,
  writeTableReport,
} from '../../src/cli/audit-report.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
// A CommonJS module whose class is also its `default` export: the one spelling both TypeScript and Node agree on.
const Ajv = AjvDraft04.default;
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(
  schema,
);

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: {
        physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } };
      }[];
      fixes?: {
        artifactChanges: {
          replacements: {
            deletedRegion: { charOffset: number; charLength: number };
            insertedContent: { text: string };
          }[];
        }[];
      }[];
    }[];
  }[];
}

async function sarif(args: string[], cwd = ROOT): Promise<{ log: Sarif; code: number }> {
  const run = await runCapture(['audit', '--format', 'sarif', ...args], { cwd });
  const log = JSON.parse(run.stdout) as Sarif;
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
  return { log, code: run.code };
}

describe('the SARIF schema check itself', () => {
  it('refuses logs that break SARIF 2.1.0', () => {
    const good = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, version: '2.0.0' })).toBe(false);
    const badLevel = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: { text: 'm' } }] }],
    };
    expect(validate(badLevel)).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });
});

describe('audit --format sarif', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enlighten-sarif-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates against the SARIF 2.1.0 schema, one rule per code, results located by file, line and column', async () => {
    const { log, code } = await sarif(['examples']);
    expect(code).toBe(1);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('enlighten');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((run.tool.driver as { version?: string }).version).toBe(pkg.version);
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(ids));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const stimer = run.results.find(
      (r) =>
        r.ruleId === 'MISSING_DEPENDENCY' && r.locations[0]!.physicalLocation!.artifactLocation.uri.endsWith('.xml'),
    )!;
    expect(stimer.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'examples/win2k22-hand-edited.xml' },
      region: { startLine: 26, startColumn: 10 },
    });
    expect(run.invocations[0]!.executionSuccessful).toBe(true);
  });

  it('gives each fix as a replacement of whole lines that, applied, gives what enlighten fix writes for it', async () => {
    const file = join(dir, 'vm.args');
    const text = '# my VM\n-cpu host,hv_stimer,hv_relaxed\n# end\n';
    writeFileSync(file, text);
    const { log } = await sarif(['vm.args'], dir);
    const fixed = log.runs[0]!.results.filter((r) => r.fixes);
    expect(fixed.length).toBeGreaterThan(0);
    for (const r of fixed) {
      const rep = r.fixes![0]!.artifactChanges[0]!.replacements[0]!;
      const { charOffset, charLength } = rep.deletedRegion;
      const after = text.slice(0, charOffset) + rep.insertedContent.text + text.slice(charOffset + charLength);
      expect(after.startsWith('# my VM\n-cpu host,')).toBe(true);
      expect(after.endsWith('\n# end\n')).toBe(true);
      expect(text.slice(charOffset, charOffset + charLength)).toBe('-cpu host,hv_stimer,hv_relaxed\n');
    }
  });

  it('reports an input it could not read as a notification, and the run as unsuccessful (exit 2)', async () => {
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'broken.xml'), '<domain><features><hyperv>');
    writeFileSync(join(dir, 'bad', 'list.json'), '{"not": "a set"}');
    const { log, code } = await sarif(['bad/list.json', 'bad/broken.xml'], dir);
    expect(code).toBe(2);
    const inv = log.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications.map((n) => n.message.text)).toEqual([
      expect.stringMatching(/^bad\/list\.json: no configuration found/),
    ]);
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toContain('XML_MALFORMED');
  });

  it('names absolute paths with file: URIs, escaped', async () => {
    mkdirSync(join(dir, 'a b'));
    writeFileSync(join(dir, 'a b', 'vm#1.args'), '-cpu host,hv_stimer\n');
    const { log } = await sarif([join(dir, 'a b')]);
    const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation.uri;
    expect(uri).toBe(`file://${join(dir, 'a%20b', 'vm%231.args')}`);
  });
});

describe('audit --format markdown, --fail-on', () => {
  it('prints a Markdown table with the totals', async () => {
    const run = await runCapture(['audit', '--format', 'markdown', 'examples'], { cwd: ROOT });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('## enlighten audit');
    expect(lines[2]).toBe('| Configuration | Syntax | Guest | Errors | Warnings | On | Findings |');
    expect(lines).toContain('| `examples/win2k22-hand-edited.xml` | libvirt | - | 3 | 0 | 4 | MISSING_DEPENDENCY |');
    expect(run.stdout).toMatch(/^- 7 configurations: 3 with errors/m);
  });

  it('exits on what --fail-on names; an unreadable input is 2 whatever it says', async () => {
    const warnOnly = 'examples/win11-virt-install.xml';
    const exit = async (...args: string[]) => (await runCapture(['audit', ...args], { cwd: ROOT })).code;
    expect(await exit(warnOnly)).toBe(0);
    expect(await exit('--fail-on', 'warning', warnOnly)).toBe(1);
    expect(await exit('--fail-on', 'never', 'examples')).toBe(0);
    expect(await exit('--fail-on', 'error', 'examples')).toBe(1);
    expect(await exit('--fail-on', 'never', 'examples', 'no/such/file')).toBe(2);
    expect(await exit('--fail-on', 'sometimes', 'examples')).toBe(2);
  });

  it('refuses two outputs at once', async () => {
    const run = await runCapture(['audit', '--json', '--format', 'sarif', 'examples'], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--json and --format sarif ask for two outputs/);
  });
});

describe('the streamed reports', () => {
  const row = (i: number): AuditRow => ({
    input: `rack${Math.floor(i / 1000)}/vm${i}.xml`,
    ...(i % 7 === 0 ? { config: `domain vm${i}` } : {}),
    ...(i % 3
      ? { guest: { id: 'win10', name: 'Windows 10', source: 'libosinfo', libosinfo: 'http://microsoft.com/win/10' } }
      : {}),
    format: 'libvirt',
    ...(i % 11 === 0 ? { error: 'permission denied' } : {}),
    errors: i % 4,
    warnings: i % 5,
    enabled: ['relaxed', 'vapic'].slice(0, i % 3),
    codes: i % 2 ? { MISSING_DEPENDENCY: 1 } : {},
  });
  const report = (n: number): AuditReport => {
    const rows = Array.from({ length: n }, (_, i) => row(i));
    return {
      rows,
      details: [],
      codes: { MISSING_DEPENDENCY: Math.floor(n / 2) },
      skipped: n ? { 'a libvirt network': 2 } : {},
    };
  };
  const collect = (writer: (r: AuditReport, write: (t: string) => void) => void, r: AuditReport) => {
    const parts: string[] = [];
    writer(r, (t) => parts.push(t));
    return parts;
  };

  // Sizes on both sides of the chunk of 1,024 rows.
  for (const n of [0, 1, 1023, 1024, 1025, 2500]) {
    it(`JSON of ${n} rows is what JSON.stringify prints, byte for byte, in chunks`, () => {
      const parts = collect(writeJsonReport, report(n));
      expect(parts.join('')).toBe(`${JSON.stringify(jsonReport(report(n)), null, 2)}\n`);
      expect(parts.length).toBe(n ? Math.ceil(n / 1024) + 3 : 2);
    });

    it(`the table of ${n} rows lines its columns up across chunks`, () => {
      const parts = collect(writeTableReport, report(n));
      const lines = parts.join('').split('\n');
      expect(lines[0]).toMatch(/^CONFIGURATION +SYNTAX +GUEST +ERRORS +WARNINGS +ON +FINDINGS$/);
      const table = lines.slice(0, n + 1);
      const at = lines[0]!.indexOf('SYNTAX');
      for (const l of table.slice(1)) expect(l[at - 1] === ' ' && l[at] !== ' ').toBe(true);
      expect(lines[n + 1]).toBe('');
      expect(lines[n + 2]).toMatch(new RegExp(`^${n} configuration`));
      expect(parts.length).toBe(Math.max(1, Math.ceil((n + 1) / 1024)) + 1);
    });
  }

  // audit gathers the tally and the columns' widths as rows come (seeRow), so that the table is one
  // pass over rows kept on disk: every report must be what the rows alone give.
  it('rows seen as they came give the same reports, summary and exit status as rows counted at the end', () => {
    for (const n of [0, 1, 77, 2500]) {
      const plain = report(n);
      const seen = report(n);
      seen.seen = undefined;
      for (const r of seen.rows) seeRow(seen, r, true);
      for (const writer of [writeTableReport, writeJsonReport, writeMarkdownReport]) {
        expect(collect(writer, seen).join(''), `${writer.name} of ${n}`).toBe(collect(writer, plain).join(''));
      }
      for (const failOn of FAIL_ON) {
        for (const unreadable of [false, true]) {
          expect(auditExit(seen, failOn, unreadable)).toBe(auditExit(plain, failOn, unreadable));
        }
      }
    }
    // Widths that disagree with the rows would show: one row longer than all seen widens its column.
    const r = report(3);
    for (const row of r.rows) seeRow(r, row, true);
    (r.rows as AuditRow[]).push({ ...row(4), input: 'x'.repeat(80) });
    seeRow(r, (r.rows as AuditRow[])[3]!, true);
    const lines = collect(writeTableReport, r).join('').split('\n');
    expect(lines[0]!.indexOf('SYNTAX')).toBe(82);
  });

  it('Markdown of 2,500 rows has one line per row, in chunks', () => {
    const parts = collect(writeMarkdownReport, report(2500));
    const lines = parts.join('').split('\n');
    expect(lines.filter((l) => l.startsWith('| `rack')).length).toBe(2500);
    expect(parts.length).toBe(2 + Math.ceil(2500 / 1024));
  });
});

describe('the rows audit keeps (RowSpool)', () => {
  const text = `<domain><name>a-domain-with-a-long-name</name>${' '.repeat(5000)}</domain>`;
  const make = (i: number): AuditRow => ({
    input: `rack${i % 7}/vm${i}.xml`,
    config: text.slice(14, 39),
    format: 'libvirt',
    guest: {
      id: 'win10',
      name: 'Windows 10 \u00e9\u00e8 \u{1F5A5}',
      source: 'libosinfo',
      libosinfo: 'http://microsoft.com/win/10',
    },
    errors: i % 3,
    warnings: 1,
    enabled: ['relaxed', 'vapic'],
    codes: i % 2 ? { RECOMMENDED_FEATURE_MISSING: 1 } : {},
  });
  // The spool's file goes under os.tmpdir(), which follows TMPDIR: a folder of this test's own, so
  // another test file's temporary folders cannot make the check below pass or fail.
  const own = mkdtempSync(join(tmpdir(), 'enlighten-spool-test-'));
  afterAll(() => rmSync(own, { recursive: true, force: true }));

  it('gives back every row, in order, with its keys in order, as often as asked, past the point where it spills', () => {
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = own;
    const spool = new RowSpool<AuditRow>();
    try {
      const n = 20_000; // about 5 MB of lines: several spills, and reads that end inside a row
      for (let i = 0; i < n; i++) spool.push(make(i));
      expect(spool.length).toBe(n);
      for (let pass = 0; pass < 2; pass++) {
        let i = 0;
        for (const r of spool) {
          if (i % 997 === 0 || i === n - 1) {
            expect(r).toEqual(make(i));
            expect(Object.keys(r)).toEqual(Object.keys(make(i)));
          }
          i++;
        }
        expect(i).toBe(n);
      }
      // The rows are in a file under the temporary folder that is already unlinked, its folder too:
      // this process holds it open (Linux names it "(deleted)"), and nothing is left to see.
      if (process.platform === 'linux') {
        const open = readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return [];
          }
        });
        expect(
          open.some((target) => target.startsWith(`${own}/enlighten-audit-`) && target.endsWith('(deleted)')),
        ).toBe(true);
      }
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
      spool.close();
    }
    expect([...spool]).toEqual([]);
  });

  it('writes the same reports as the rows in an array (table, JSON, Markdown), small and spilled', () => {
    for (const n of [0, 3, 9000]) {
      const spool = new RowSpool<AuditRow>();
      const rows = Array.from({ length: n }, (_, i) => make(i));
      for (const r of rows) spool.push(r);
      const asArray: AuditReport = { rows, details: [], codes: {}, skipped: {} };
      const asSpool: AuditReport = { rows: spool, details: [], codes: {}, skipped: {} };
      for (const writer of [writeTableReport, writeJsonReport, writeMarkdownReport]) {
        const a: string[] = [];
        const b: string[] = [];
        writer(asArray, (t) => a.push(t));
        writer(asSpool, (t) => b.push(t));
        expect(b.join('')).toBe(a.join(''));
      }
      spool.close();
    }
  });
});
