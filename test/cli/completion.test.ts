// `enlighten completion`: the bash script is sourced in a real bash and its function called with
// COMP_WORDS/COMP_CWORD as readline would set them. zsh and fish are not installed on the test
// machines: their scripts are checked for what they must name and for their quoting, and, where a
// `fish` or `zsh` is on PATH, fish completes real command lines (`complete -C`) and zsh parses the script.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAM } from '../../src/cli/commands.js';
import { completionScript } from '../../src/cli/completion.js';
import { featureIds, osIds, presetNames, printableSyntaxIds, syntaxIds } from '../../src/cli/values.js';
import { runCapture } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'enlighten-completion-'));
const script = join(dir, 'enlighten.bash');
writeFileSync(script, completionScript('bash', PROGRAM));
for (const f of ['vm.xml', 'vm.args', 'my host.json']) writeFileSync(join(dir, f), '');

/** The candidates bash offers for the words typed so far; the last word is the one being completed. */
function complete(...words: string[]): string[] {
  const body = `source ${JSON.stringify(script)}
COMP_WORDS=(${words.map((w) => `'${w.replaceAll("'", `'\\''`)}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_enlighten
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', body], { cwd: dir, encoding: 'utf8' });
  return out.split('\n').filter(Boolean).sort();
}

const onPath = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

const sorted = (xs: readonly string[]) => [...xs].sort();
const commandNames = PROGRAM.commands.map((c) => c.name);

describe('enlighten completion bash, in a real bash', () => {
  it('is valid bash and registers _enlighten for enlighten', () => {
    execFileSync('bash', ['-n', script]);
    const out = execFileSync('bash', ['--norc', '-c', `source ${JSON.stringify(script)}; complete -p enlighten`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('complete -F _enlighten enlighten');
  });

  it('completes command names and the program options', () => {
    expect(complete('enlighten', '')).toEqual(sorted([...commandNames, 'help']));
    expect(complete('enlighten', 'c')).toEqual(['check', 'completion', 'convert', 'cpuid']);
    expect(complete('enlighten', '--')).toEqual(['--help', '--version']);
    expect(complete('enlighten', 'help', 'gu')).toEqual(['guest-script']);
  });

  it('completes the options of the command', () => {
    expect(complete('enlighten', 'convert', '--')).toEqual(
      sorted([
        '--max-bytes',
        '--to',
        '--from',
        '--style',
        '--kind',
        '--json',
        '--into',
        '--libvirt-version',
        '--capabilities',
        '--cpu-vendor',
        '--qemu-version',
        '--companion',
        '--help',
      ]),
    );
    expect(complete('enlighten', 'fix', '--dr')).toEqual(['--dry-run']);
    expect(complete('enlighten', 'probe', '--no')).toEqual(['--no-libvirt', '--no-tools']);
  });

  it('completes --to and --from with the syntaxes of the registry, in each spelling of the option', () => {
    expect(complete('enlighten', 'convert', '--to', '')).toEqual(sorted(printableSyntaxIds()));
    expect(complete('enlighten', 'convert', '--from', 'virt')).toEqual(['virt-xml']);
    expect(complete('enlighten', 'convert', '--to=j')).toEqual(['--to=json']);
    expect(complete('enlighten', 'convert', '--to', '=', 'l')).toEqual(['libvirt']);
    expect(complete('enlighten', 'convert', '--to', '=')).toEqual(sorted(printableSyntaxIds()));
    expect(complete('enlighten', 'check', '--target', '')).toEqual(sorted(syntaxIds()));
  });

  it('completes presets, OS ids, peers and feature names from their tables', () => {
    expect(complete('enlighten', 'fix', '--preset', '')).toEqual(sorted(presetNames()));
    expect(complete('enlighten', 'recommend', '--preset', 'windows-m')).toEqual(['windows-modern']);
    expect(complete('enlighten', 'recommend', '--os', 'win2k1')).toEqual(
      sorted(osIds().filter((id) => id.startsWith('win2k1'))),
    );
    expect(complete('enlighten', 'recommend', '--compare', 'pro')).toEqual(['proxmox']);
    expect(complete('enlighten', 'explain', '')).toEqual(sorted(featureIds()));
    expect(complete('enlighten', 'explain', 'stim')).toEqual(['stimer', 'stimer-direct']);
    expect(complete('enlighten', 'guest-script', '')).toEqual(['linux', 'windows']);
    expect(complete('enlighten', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('tells arguments apart by position, skipping option values', () => {
    // set TARGET FEATURE...: the first argument is a file, the others features.
    expect(complete('enlighten', 'set', 'vm.')).toEqual(['vm.args', 'vm.xml']);
    expect(complete('enlighten', 'set', 'vm.xml', 'vp')).toEqual(['vpindex']);
    expect(complete('enlighten', 'set', 'vm.xml', 'stimer', 'syni')).toEqual(['synic']);
    expect(complete('enlighten', 'set', '--connect', 'qemu:///system', 'win11', 'rel')).toEqual(['relaxed']);
    expect(complete('enlighten', 'set', '--from', '=', 'qemu', 'vm.args', 'rel')).toEqual(['relaxed']);
    expect(complete('enlighten', 'set', '--dry-run', 'vm.a')).toEqual(['vm.args']);
    expect(complete('enlighten', 'check', '--os', 'win10', '--json', 'vm.xml', 'my')).toEqual(['my host.json']);
    expect(complete('enlighten', 'audit', '--', '--to')).toEqual([]);
  });

  it('completes file names for options that take a file, and nothing for open values', () => {
    expect(complete('enlighten', 'convert', '--into', 'vm.x')).toEqual(['vm.xml']);
    expect(complete('enlighten', 'check', '--host', '')).toEqual(
      sorted(['auto', 'vm.xml', 'vm.args', 'my host.json', 'enlighten.bash']),
    );
    expect(complete('enlighten', 'check', '--qemu-version', '')).toEqual([]);
    expect(complete('enlighten', 'list', '')).toEqual([]);
  });
});

describe('enlighten completion zsh and fish', () => {
  const zsh = completionScript('zsh', PROGRAM);
  const fish = completionScript('fish', PROGRAM);

  it('name every command, every option and every value of a closed set', () => {
    for (const c of PROGRAM.commands) {
      expect(zsh).toContain(`'${c.name}:`);
      expect(fish).toContain(`-a ${c.name} -d`);
      for (const o of c.options) {
        const long = /--[\w-]+/.exec(o.flags)![0];
        expect(zsh, `${c.name} ${long}`).toContain(`'${long}`);
        expect(fish, `${c.name} ${long}`).toMatch(
          new RegExp(`__fish_seen_subcommand_from ${c.name}' (-s \\w )?-l ${long.slice(2)}[ ]`),
        );
      }
    }
    for (const words of [printableSyntaxIds(), presetNames(), osIds(), featureIds()]) {
      expect(zsh).toContain(`(${words.join(' ')})`);
      expect(fish).toContain(`'${words.join(' ')}'`);
    }
  });

  it('zsh: is a #compdef file whose quoting bash also reads (the syntax the two share)', () => {
    expect(zsh.startsWith('#compdef enlighten\n')).toBe(true);
    execFileSync('bash', ['-n'], { input: zsh });
    // `_arguments` specs: a description's ] and : are escaped.
    expect(zsh).toContain("'--to=[the output syntax (qemu, json, ...)]:syntax:(");
    expect(zsh).toContain('--cpu-vendor=[host CPU vendor\\: intel or amd]');
  });

  it("fish: every line is one complete command whose quotes close (\\' and \\\\ inside)", () => {
    for (const line of fish.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line.startsWith('complete -c enlighten')).toBe(true);
      // fish single quotes: only \' and \\ are escapes.
      const rest = line.replace(/'(?:[^'\\]|\\['\\]|\\(?!['\\]))*'/g, '');
      expect(rest, line).not.toMatch(/['"]/);
    }
    expect(fish).toContain("-d 'skip libvirt\\'s embedded driver when no libvirt daemon runs (saves about 4 s)'");
  });
});

describe.skipIf(!onPath('fish'))('enlighten completion fish, in a real fish', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'enlighten-fish-')), 'enlighten.fish');
  writeFileSync(file, completionScript('fish', PROGRAM));
  /** The candidates fish offers for this command line, without their descriptions. */
  const fishComplete = (line: string) =>
    execFileSync('fish', ['-c', `source ${file}; complete -C ${JSON.stringify(line)}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir },
    })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!)
      .sort();

  it('completes commands, options and the values of closed sets', () => {
    expect(fishComplete('enlighten conv')).toEqual(['convert']);
    expect(fishComplete('enlighten convert --to ')).toEqual(sorted(printableSyntaxIds()));
    expect(fishComplete('enlighten convert --to=j')).toEqual(['--to=json']);
    expect(fishComplete('enlighten recommend --preset windows-m')).toEqual(['windows-modern']);
    expect(fishComplete('enlighten set vm.xml stim')).toEqual(['stimer', 'stimer-direct']);
    expect(fishComplete('enlighten probe --no')).toEqual(['--no-libvirt', '--no-tools']);
    expect(fishComplete('enlighten guest-script ')).toEqual(['linux', 'windows']);
  });
});

describe.skipIf(!onPath('zsh'))('enlighten completion zsh, in a real zsh', () => {
  it('parses', () => {
    execFileSync('zsh', ['-n'], { input: completionScript('zsh', PROGRAM) });
  });
});

describe('enlighten completion (the command)', () => {
  it('prints the script, and refuses an unknown shell', async () => {
    const run = await runCapture(['completion', 'bash']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(completionScript('bash', PROGRAM));
    const bad = await runCapture(['completion', 'bsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("enlighten: no completion for the shell 'bsh'\nhint: choose one of: bash, zsh, fish\n");
  });
});
