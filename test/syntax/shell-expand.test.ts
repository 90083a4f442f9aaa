import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandCommands } from '../../src/syntax/shell/expand.js';
import { splitScript, splitShell } from '../../src/syntax/shell/split.js';

/** Expands every line that starts with `run` (continuations included) and returns its fields after `run`. */
function run(script: string) {
  const words = splitScript(script).words;
  const targets: (typeof words)[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.value !== 'run' || !words[i]!.newLine) continue;
    let j = i + 1;
    while (j < words.length && !words[j]!.newLine) j++;
    targets.push(words.slice(i, j));
  }
  return expandCommands(script, words, targets).map((ws) => ({
    argv: ws.slice(1).map((w) => w.value),
    why: ws.flatMap((w) => w.unresolved.map((u) => u.why)).filter((x, i, a) => a.indexOf(x) === i),
    uses: ws.flatMap((w) => w.uses.map((u) => u.name)),
    words: ws,
  }));
}
const argv = (script: string) => run(script).at(-1)!.argv;
const why = (script: string) => run(script).at(-1)!.why.join('\n');

describe('static expansion of shell variables', () => {
  it('reads scalars, quoted and not, and ${NAME}', () => {
    expect(argv('CPU="host,hv_relaxed"\nrun -cpu "$CPU"')).toEqual(['-cpu', 'host,hv_relaxed']);
    expect(argv('CPU=host,hv_relaxed\nFLAGS=\'hv_vapic,hv_time\'\nrun -cpu "$CPU,$FLAGS"')).toEqual([
      '-cpu',
      'host,hv_relaxed,hv_vapic,hv_time',
    ]);
    expect(argv('CPU=host\nrun -cpu ${CPU},hv_relaxed')).toEqual(['-cpu', 'host,hv_relaxed']);
  });

  it('builds values from earlier ones, in order', () => {
    expect(argv('CPU=host\nCPU="$CPU,hv_relaxed"\nCPU+=,hv_time\nrun -cpu "$CPU"')).toEqual([
      '-cpu',
      'host,hv_relaxed,hv_time',
    ]);
    expect(argv('CPU=a\nrun -cpu "$CPU"\nCPU=b')).toEqual(['-cpu', 'a']);
  });

  it('joins arrays with the first character of IFS', () => {
    const script =
      'cpu_args=(host kvm=off)\ncpu_args+=(hv_relaxed "hv_vendor_id=KVM Hv")\nIFS=,\nrun -cpu "${cpu_args[*]}"';
    expect(argv(script)).toEqual(['-cpu', 'host,kvm=off,hv_relaxed,hv_vendor_id=KVM Hv']);
    expect(argv('a=(host hv_time)\nrun -cpu "$(IFS=,; echo "${a[*]}")"')).toEqual(['-cpu', 'host,hv_time']);
    expect(argv('a=(\n  host   # the model\n  hv_time\n)\nrun -cpu $(IFS=, ; echo "${a[*]}")')).toEqual([
      '-cpu',
      'host,hv_time',
    ]);
    expect(argv('a=(host hv_time)\nrun -cpu "${a[*]}"')).toEqual(['-cpu', 'host hv_time']);
  });

  it('splits unquoted expansions into words, and keeps "${a[@]}" items apart', () => {
    expect(argv('OPTS="-enable-kvm -cpu host,hv_time"\nrun $OPTS -m 4G')).toEqual([
      '-enable-kvm',
      '-cpu',
      'host,hv_time',
      '-m',
      '4G',
    ]);
    expect(argv('args=(-cpu "host,hv_vendor_id=KVM Hv")\nargs+=(-m 4G)\nrun "${args[@]}"')).toEqual([
      '-cpu',
      'host,hv_vendor_id=KVM Hv',
      '-m',
      '4G',
    ]);
    expect(argv('E=\nrun -cpu host $E -m 1')).toEqual(['-cpu', 'host', '-m', '1']);
  });

  it('maps every character back to the file', () => {
    const script = 'CPU="host,hv_relaxed"\nrun -cpu "$CPU,hv_time"';
    const w = run(script)[0]!.words[2]!;
    const at = (i: number) => script[w.offsets[i]!];
    expect([...w.value].map((_, i) => at(i)).join('')).toBe('host,hv_relaxed,hv_time');
    expect(w.offsets[0]).toBe(script.indexOf('host'));
    expect(w.uses).toEqual([{ name: 'CPU', assignment: { start: 0, end: 21 }, literal: { start: 4, end: 21 } }]);
  });

  it('says why a value is not known', () => {
    expect(why('run -cpu "host,$EXTRA"')).toMatch(/\$EXTRA is not assigned in this file/);
    expect(why('run -cpu "$1"')).toMatch(/is an argument \(of the script, or of the function/);
    expect(why('ID=$(cat /etc/id)\nrun -cpu "host,hv_vendor_id=$ID"')).toMatch(/runs a command/);
    expect(why('CPU=host\nif [ -n "$GPU" ]; then\n  CPU="$CPU,kvm=off"\nfi\nrun -cpu "$CPU"')).toMatch(
      /line 3 inside an if/,
    );
    expect(why('CPU=host\n[ -n "$GPU" ] && CPU=host,kvm=off\nrun -cpu "$CPU"')).toMatch(/after &&/);
    expect(why('for f in a b; do CPU="$CPU,$f"; done\nrun -cpu "$CPU"')).toMatch(/loop variable|inside an if, a loop/);
    expect(why('read -r CPU\nrun -cpu "$CPU"')).toMatch(/read from input/);
    expect(why('. ./vm.conf\nrun -cpu "$CPU"')).toMatch(/vm.conf, sourced at line 1/);
    expect(why('run -cpu "${CPU%,*}"')).toMatch(/parameter operator/);
  });

  it('resolves inside the block that assigns, and a case branch does not leak', () => {
    expect(argv('start() {\n  CPU=host,hv_time\n  run -cpu "$CPU"\n}')).toEqual(['-cpu', 'host,hv_time']);
    expect(why('case $1 in\n  a) CPU=host ;;\n  b) CPU=max ;;\nesac\nrun -cpu "$CPU"')).toMatch(
      /inside an if, a loop, a case/,
    );
    expect(why('f() { CPU=host; }\nf\nrun -cpu "$CPU"')).toMatch(/inside an if, a loop, a case or a function/);
  });

  it('does not take a command prefix as an assignment', () => {
    expect(why('CPU=host run -cpu "$CPU"\nrun -cpu "$CPU"')).toMatch(/not assigned/);
    expect(argv('export CPU=host,hv_time\nrun -cpu "$CPU"')).toEqual(['-cpu', 'host,hv_time']);
    expect(argv('declare -a a=(host hv_time)\nIFS=,\nrun -cpu "${a[*]}"')).toEqual(['-cpu', 'host,hv_time']);
  });

  it('offers the assignment for editing only when it is one literal used once', () => {
    const uses = (s: string) =>
      run(s)
        .at(-1)!
        .words.flatMap((w) => w.uses);
    expect(uses('CPU=host\nrun -cpu "$CPU"')[0]!.literal).toBeDefined();
    expect(uses('CPU=host\necho "$CPU"\nrun -cpu "$CPU"')[0]!.literal).toBeUndefined();
    expect(uses('CPU=host\nCPU=max\nrun -cpu "$CPU"')[0]!.literal).toBeUndefined();
    expect(uses('B=host\nCPU="$B"\nrun -cpu "$CPU"')[0]!.literal).toBeUndefined();
  });

  it('stays linear when a variable doubles on every line', () => {
    const script = `A=x\n${'A="$A$A"\n'.repeat(200)}run -cpu "$A"`;
    expect(why(script)).toMatch(/grows past what enlighten follows/);
  });
});

// splitShell copies runs of a word as slices (src/syntax/shell/split.ts): whatever the text, each
// character of a word's value is the character of the source its offset names, offsets rise, and
// the last offset is the word's end.
describe('splitShell offsets, for any text', () => {
  const piece = fc.constantFrom(
    ...`ab c\t\n\r'"$\`\\#{}()-=,_01x`.split(''),
    '\\\n',
    '\r\n',
    '$(',
    '${',
    '$x',
    "'a'",
    "'a\\\nb'",
    '"$y"',
    'hv-relaxed',
  );
  it('name the characters of the value', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        for (const w of splitShell(text).words) {
          expect(w.offsets.length).toBe(w.value.length + 1);
          for (let i = 0; i < w.value.length; i++) expect(text[w.offsets[i]!]).toBe(w.value[i]);
          for (let i = 1; i < w.offsets.length; i++) expect(w.offsets[i]!).toBeGreaterThan(w.offsets[i - 1]!);
          expect(w.offsets.at(-1)).toBe(w.span.end);
          expect(w.offsets[0]! >= w.span.start).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

// bash's ANSI-C quoting, $'...': one expansion, kept as written by the lexer and read by the
// expander (src/syntax/shell/ansi-c.ts); test/syntax/shell-expand-bash.real.test.ts holds it to bash.
describe("$'...' (ANSI-C quoting)", () => {
  const argv = (script: string) => {
    const words = splitScript(script).words;
    const [out] = expandCommands(script, words, [words.slice(words.findIndex((w) => w.value === 'run'))]);
    return out!.slice(1).map((w) => ({ value: w.value, unresolved: w.unresolved.map((u) => u.why) }));
  };

  it('is one word, an escaped quote inside it included; inside double quotes it is plain text', () => {
    const split = splitShell(`run $'a\\'b c' "$'x'" $'`);
    expect(split.words.map((w) => w.value)).toEqual(['run', "$'a\\'b c'", "$'x'"]);
    expect(split.unterminatedQuote).toBe(`run $'a\\'b c' "$'x'" `.length);
  });

  it('reads the escapes bash reads, and keeps the backslash of any other', () => {
    expect(
      argv(`run $'\\a\\b\\e\\E\\f\\n\\r\\t\\v\\\\\\'\\"\\?' $'\\101\\x41\\x4a\\u0041\\U00000042' $'\\z\\x\\u' "$'q'"`),
    ).toEqual([
      { value: '\x07\b\x1b\x1b\f\n\r\t\v\\\'"?', unresolved: [] },
      { value: 'AAJAB', unresolved: [] },
      { value: '\\z\\x\\u', unresolved: [] },
      { value: "$'q'", unresolved: [] },
    ]);
  });

  it('is not split on IFS, and sets IFS for the joins after it', () => {
    expect(argv(`a=(x y)\nIFS=$'\\n'\nrun $'p q' "\${a[*]}"`)).toEqual([
      { value: 'p q', unresolved: [] },
      { value: 'x\ny', unresolved: [] },
    ]);
  });

  it('leaves unread what depends on more than the text: NUL, bytes and characters above U+007F, \\c', () => {
    for (const [text, why] of [
      ["$'a\\0b'", /NUL/],
      ["$'\\xe9'", /above U\+007F/],
      ["$'\\u00e9'", /locale/],
      ["$'\\cA'", /control character/],
    ] as const) {
      const [word] = argv(`run ${text}`);
      expect(word!.unresolved, text).toEqual([expect.stringMatching(why)]);
    }
  });
});

// Where ${...} and $(...) end, as bash 5.2 ends them (each case was run in bash): quotes, escapes,
// backquotes and nested expansions inside are skipped, a bare `{` opens nothing.
describe('the end of ${...} and $(...)', () => {
  it.each([
    ["${a:-'}'}", "${a:-'}'}"],
    ['"${a:-\'}\'}"', "${a:-'}'}"],
    ['${a:-{}', '${a:-{}'],
    ['${a:-${b:-{}}', '${a:-${b:-{}}'],
    ['${a:-"}"}', '${a:-"}"}'],
    ["${a:-`echo '}'`}", "${a:-`echo '}'`}"],
    ["${a:-$'\\x7d'}", "${a:-$'\\x7d'}"],
    ["$(echo $'\\'')", "$(echo $'\\'')"],
    ["$(echo ')')", "$(echo ')')"],
    ['"$(echo ")")"', '$(echo ")")'],
    ['$( (echo a) )', '$( (echo a) )'],
    ['$(( 1 + (2) ))', '$(( 1 + (2) ))'],
  ])('%s is one word, and the next word is read', (written, value) => {
    const split = splitShell(`run ${written} next`);
    expect(split.unterminatedQuote).toBeUndefined();
    expect(split.words.map((w) => w.value)).toEqual(['run', value, 'next']);
  });

  it('an expansion left open is said so, where it opens', () => {
    expect(splitShell("run ${a:-'}").unterminatedQuote).toBe(4);
    expect(splitShell("run ${a:-'}'").unterminatedQuote).toBe(4);
    expect(splitShell('run $(echo "x)').unterminatedQuote).toBe(4);
  });

  it('costs a look at each character, however deep the nesting', () => {
    const deep = `run ${'${a:-'.repeat(200_000)}x${'}'.repeat(200_000)} next`;
    const split = splitShell(deep);
    expect(split.words.map((w) => w.value.length)).toEqual([3, deep.length - 9, 4]);
  });
});

describe('"${a[@]}" in an assignment', () => {
  it('joins the items with a space, as bash does', () => {
    expect(argv('F=(a b)\nG="x${F[@]}y"\nrun "$G"')).toEqual(['xa by']);
    expect(argv('F=(host "hv_relaxed hv_time")\nG="${F[@]}"\nrun -cpu "$G"')).toEqual([
      '-cpu',
      'host hv_relaxed hv_time',
    ]);
    expect(argv('F=()\nG="${F[@]}"\nrun "$G"')).toEqual(['']);
  });
});

describe('${NAME:-default} and the other operators that choose a value', () => {
  it('gives the value of a variable the file sets, or the word when it is unset or (with :) empty', () => {
    expect(argv('CPU=host\nrun -cpu "${CPU:-kvm64}" ${CPU-x} ${CPU:+set} "${CPU+set}"')).toEqual([
      '-cpu',
      'host',
      'host',
      'set',
      'set',
    ]);
    expect(argv('CPU=\nrun "${CPU:-a}" "${CPU-b}" "${CPU:+c}" "${CPU+d}"')).toEqual(['a', '', '', 'd']);
    expect(argv('CPU=x\nunset CPU\nrun "${CPU:-a}" "${CPU-b}" "${CPU:+c}" "${CPU+d}" "$CPU"')).toEqual([
      'a',
      'b',
      '',
      '',
      '',
    ]);
    expect(argv('a=(x y)\nunset a\nrun -cpu "${a[*]}" ${a[@]}')).toEqual(['-cpu', '']);
  });

  it('reads the default of a variable from the environment, with a use that says so', () => {
    const [out] = run('CPU=${CPU:-\'host,hv_relaxed\'}\nrun -cpu "$CPU"');
    expect(out!.argv).toEqual(['-cpu', 'host,hv_relaxed']);
    const uses = out!.words[2]!.uses;
    expect(uses.map((u) => [u.name, u.environment ?? false])).toEqual([
      ['CPU', false],
      ['CPU', true],
    ]);
    // The default's characters keep their places in the source: a finding points into it.
    const script = 'run -cpu "${CPU:-host,hv_stimer}"';
    const word = run(script)[0]!.words[2]!;
    expect(word.value).toBe('host,hv_stimer');
    expect(
      word.offsets
        .slice(0, -1)
        .map((o) => script[o])
        .join(''),
    ).toBe('host,hv_stimer');
    expect(argv('D=hv_time\nrun -cpu "host,${EXTRA:-$D}"')).toEqual(['-cpu', 'host,hv_time']);
  });

  it('leaves unknown what it cannot read the way every shell does, and says why', () => {
    expect(why('run "${CPU:+x}"')).toMatch(/not assigned in this file.*whether/);
    expect(why(`run "\${CPU:-'host'}"`)).toMatch(/bash and dash read differently/);
    expect(why('run ${CPU:-host hv_time}')).toMatch(/one shell word/);
    expect(why("run ${CPU:-'host,a b'}")).toMatch(/characters of IFS/);
    expect(why('run ${CPU:-~/x}')).toMatch(/starts with ~/);
    expect(why('run "${CPU:-$(cat f)}"')).toMatch(/runs a command/);
    expect(why('. ./vars\nrun "${CPU:-host}"')).toMatch(/sourced at line 1/);
    expect(why(`run "${'${a:-'.repeat(20)}x${'}'.repeat(20)}"`)).toMatch(/nests more operators/);
    // Without field splitting (an assignment), blanks in the default are read.
    expect(argv('CPU=${CPU:-"host,hv_vendor_id=KVM Hv"}\nrun -cpu "$CPU"')).toEqual([
      '-cpu',
      'host,hv_vendor_id=KVM Hv',
    ]);
  });

  it('${NAME:=word} makes NAME unknown from there on: it assigns only when NAME is unset or empty', () => {
    expect(why('CPU=host\n: "${CPU:=kvm64}"\nrun -cpu "$CPU"')).toMatch(
      /may be assigned by \$\{CPU:=kvm64\} at line 2/,
    );
    expect(why('unset CPU\necho ${CPU=x}\nrun -cpu "$CPU"')).toMatch(/may be assigned/);
  });
});

describe('what reading a script may cost', () => {
  it('a variable appended to line after line stops at the budget, with the reason', () => {
    const script = `A=\n${'A+=xxxxxxxx\n'.repeat(4000)}run "$A"`;
    expect(why(script)).toMatch(/grows past what enlighten follows/);
    const array = `a=()\n${'a+=(x)\n'.repeat(40_000)}run "\${a[@]}"`;
    expect(why(array)).toMatch(/grows past what enlighten follows/);
    // A few appends, as scripts have them, are read.
    expect(argv('A=host\nA+=,hv_relaxed\nA+=,hv_time\nrun "$A"')).toEqual(['host,hv_relaxed,hv_time']);
  });

  it('blocks nested deeper than 64 are counted, and what is assigned in them is unknown', () => {
    const deep = `${'if true; then\n'.repeat(70)}A=1\nrun "$A"\n${'fi\n'.repeat(70)}`;
    expect(why(deep)).toMatch(/more than 64 nested blocks/);
    const shallow = `${'if true; then\n'.repeat(3)}A=1\nrun "$A"\n${'fi\n'.repeat(3)}`;
    expect(argv(shallow)).toEqual(['1']);
  });
});

describe('the lexer marks what bash treats as operators', () => {
  it('lists the unquoted ; & | < > ( ) of a word, and no quoted or escaped one', () => {
    const words = splitShell('a;b "c;d" e\\; f>g \'(h)\' $(i) j&').words;
    expect(words.map((w) => [w.value, w.operators ?? []])).toEqual([
      ['a;b', [1]],
      ['c;d', []],
      ['e;', []],
      ['f>g', [1]],
      ['(h)', []],
      ['$(i)', []],
      ['j&', [1]],
    ]);
  });

  it('marks a word that holds an empty quoted string, which is a field even when the rest is empty', () => {
    const words = splitShell(`"" x'' "y" $'' z`).words;
    expect(words.map((w) => w.emptyQuotes ?? false)).toEqual([[0], [1], false, false, false]);
    expect(argv('E=\nrun ""$E $E ${E}\'\'')).toEqual(['', '']);
  });
});
