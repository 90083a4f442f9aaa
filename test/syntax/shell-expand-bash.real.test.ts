// The static expander against the real bash: random scripts in the shapes launch scripts use
// (assignments, +=, arrays, IFS, quotes, "$@"-free uses) run in bash, whose argv for the last
// command must equal what expandCommands reads, wherever it says it resolved everything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bashArgv, expandedArgv as ours } from '../support/bash.js';
import { itReal } from '../support/tools.js';

const NAMES = ['CPU', 'FLAGS', 'A'];
const literal = fc.constantFrom('host', 'hv_relaxed', 'hv-time=on', 'x,y', 'a b', 'kvm=off', '', 'hv_vendor_id=KVM Hv');
const quote = (s: string, how: number) =>
  how === 0 && /^[A-Za-z0-9_,=.-]+$/.test(s) ? s : how === 1 ? `'${s}'` : `"${s}"`;
const ref = fc
  .tuple(fc.constantFrom(...NAMES), fc.constantFrom('$N', '${N}', '${N[*]}', '${N[@]}'))
  .map(([n, f]) => f.replace('N', n));
// bash's ANSI-C quoting, $'...', with the escapes enlighten reads and some it leaves unread
const ansiC = fc.constantFrom(
  "$'host,hv_relaxed'",
  "$'a b'",
  "$'x\\'y'",
  "$'\\t'",
  "$'\\x41\\x4a'",
  "$'\\101,\\u0042'",
  "$'\\z\\x'",
  "$'a\\\\b'",
  "$''",
  "$'\\u00e9'",
  "$'a\\0b'",
  '"$\'q\'"',
);
// ${N:-word} and the other operators that choose between a value and a word, with words of every
// quoting, and a few whose quotes hold the closing brace
const operator = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom(':-', '-', ':+', '+'),
    fc.oneof(
      fc.tuple(literal, fc.nat(2)).map(([s, how]) => quote(s, how)),
      fc.constantFrom("'}'", '"}"', '\\}', '$CPU', '${A}', "$'\\x7d'", '{'),
    ),
  )
  .map(([n, op, w]) => `\${${n}${op}${w}}`);
const part = fc.oneof(
  fc.tuple(literal, fc.nat(2)).map(([s, how]) => quote(s, how)),
  ref.map((r) => `"${r}"`),
  ref,
  ansiC,
  operator,
  operator.map((o) => `"${o}"`),
);
const value = fc.array(part, { minLength: 1, maxLength: 3 }).map((ps) => ps.join(''));
const statement = fc.oneof(
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('=', '+='), value).map(([n, op, v]) => `${n}${op}${v}`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom('=(', '+=('), fc.array(part, { maxLength: 3 }))
    .map(([n, op, items]) => `${n}${op}${items.join(' ')})`),
  fc.constantFrom(...NAMES).map((n) => `unset ${n}`),
  fc.constantFrom('IFS=,', "IFS=' '", 'IFS=:', "IFS=''", "IFS=$'\\n'", "IFS=$','", "IFS=$' \\t'"),
);
const use = fc.oneof(
  fc.array(part, { minLength: 1, maxLength: 4 }).map((ps) => `record -cpu ${ps.join(' ')}`),
  fc.constantFrom('A', 'CPU').map((n) => `record -cpu "$(IFS=,; echo "\${${n}[*]}")"`),
);
const script = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 6 }), use)
  .map(([ss, u]) => `${ss.join('\n')}\n${u}\n`);

describe('static shell expansion agrees with bash', () => {
  itReal('on launch-script shapes', () => {
    const lines = [
      'CPU="host,hv_relaxed"\nFLAGS=hv_time\nrecord -cpu "$CPU,$FLAGS"',
      'a=(\n  host  # model\n  "hv_vendor_id=KVM Hv"\n)\na+=(hv_time)\nIFS=,\nrecord -cpu "${a[*]}" -m 4G',
      'OPTS="-enable-kvm -cpu host,hv_time"\nrecord $OPTS -m 4G',
      'args=(-cpu "host,hv_vpindex")\nrecord "${args[@]}" -display none',
      'x=(host hv_time)\nrecord -cpu $(IFS=, ; echo "${x[*]}")',
      "HYPERV=(hv_relaxed hv_vapic)\nIFS=$'\\n'\nrecord -cpu \"host,${HYPERV[*]}\" $'a\\'b' \"$'c'\"",
      "CPU=$'host,hv_vendor_id=KVM\\x20Hv'\nrecord -cpu \"$CPU\" $'\\t\\101\\u0042\\z'",
      'CPU=${CPU:-"host,hv_relaxed,hv_vendor_id=KVM Hv"}\nrecord -cpu "$CPU" -m 4G',
      'FLAGS=hv_time\nrecord -cpu "${CPU:-host},${FLAGS:+$FLAGS,}hv_vapic" ${A:-\'}\'} ${A-{} next',
      'CPU=\nunset FLAGS\nrecord "${CPU:-a}" "${CPU-b}" "${FLAGS-c}" "${FLAGS:+d}" ${CPU+e}',
      'F=(host "hv_relaxed hv_time")\nG="x${F[@]}y"\nH=("${F[@]}")\nrecord -cpu "$G" "${H[@]}"',
    ];
    for (const s of lines) expect(ours(s).argv, s).toEqual(bashArgv(s));
  });

  itReal(
    'on random scripts of those shapes',
    () => {
      let compared = 0;
      fc.assert(
        fc.property(script, (s) => {
          const mine = ours(s);
          if (mine.unresolved) return; // it said what it could not read; bash may have it empty
          compared++;
          expect(mine.argv, s).toEqual(bashArgv(s));
        }),
        { numRuns: 300 },
      );
      expect(compared).toBeGreaterThan(40);
    },
    120_000,
  );

  it('the generator is not empty', () => {
    expect(fc.sample(script, 3)).toHaveLength(3);
  });
});
