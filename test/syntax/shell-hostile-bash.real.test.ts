// Inputs a hostile review of the shell reader found (stop 25), each the smallest of its kind, held
// to the real bash: the argv the expander reads must be bash's, unless it says it could not read it
// (an `unresolved` entry). A wrong argv stated as read is the one outcome that fails.
import { describe, expect } from 'vitest';
import { bashArgv, expandedArgv as ours } from '../support/bash.js';
import { itReal } from '../support/tools.js';

const CASES: Record<string, string[]> = {
  'quoting bash has and the lexer missed': [
    'record $"x"',
    'record "${A:-$"x"}"',
    'record a\\',
    'A=x\nAB=y\nrecord "$A\\\nB"',
    'A=x\nrecord $\\\nA',
    'record $[1+2]',
    'X=$(case a in a) B=2;; esac)\nrecord "$B"',
    'X=$(case a in (a) echo 1;; esac)\nrecord "$X" next',
  ],
  'empty and split fields': [
    'a=""\nrecord ""$a',
    "A=\nrecord ''${A[@]}",
    'a=" y"\nrecord x$a',
    'a=" "\nrecord x${a}y',
    'IFS=", "\na="p , q"\nrecord $a',
    'IFS=", "\na=" p,,q , "\nrecord $a',
    'IFS=,\na=",x,"\nrecord y$a',
  ],
  unset: ['unset IFS\na="x y"\nrecord $a', 'a=(x y)\nunset a\nrecord "${a[@]}"', 'a=1\nunset -f a\nrecord $a'],
  '$(IFS=...; echo ...)': [
    'a=(x y)\nrecord "$(IFS=,; echo "${a[@]}")"',
    'a=(x y)\nrecord $(IFS=,; echo ${a[*]})',
    'a=(-n)\nrecord "$(IFS=,; echo "${a[*]}")"',
    'b=:\na=(x y)\nrecord "$(IFS="$b"; echo "${a[*]}")"',
    'a=(x y)\nrecord "$(IFS=\\,; echo "${a[*]}")"',
  ],
  'statements that assign, or do not': [
    'A=1\ncase x in x) A=2;; esac\nrecord $A',
    'A=1\nf () {\n A=2\n}\nrecord $A',
    'A=1\n(cd /; A=2)\nrecord $A',
    'A=1\nA=2 2>/dev/null\nrecord $A',
    'A=0\nA\\=1\nrecord $A',
    'A=0\nA"=1"\nrecord $A',
    'A=x\\;\nrecord $A',
    'a=(x)\na[1]=y\nrecord "${a[@]}"',
    'a=([1]=x)\nrecord "${a[@]}"',
    'declare -i x=2+3\nrecord $x',
    'declare -l x=AB\nrecord $x',
    'A=1\ndeclare -n r=A\nrecord $r',
    'A=1\nprintf -v A %s 2\nrecord $A',
    'A=1\neval A=2\nrecord $A',
    'A=1\nlet A=2\nrecord $A',
    'readonly A=1\nA=2\nrecord $A',
    'RANDOM=5\nrecord $RANDOM',
    'A=1\nA=2 $EMPTY\nrecord $A',
    'A=1\nA=2 | cat\nrecord $A',
    'A=1\nA=2 &\nrecord $A',
    'A=1\nA=2&\nrecord $A',
    'OPEN="("\nCPU=host\nrecord -cpu "$CPU"',
  ],
  'a second review (stop 25)': [
    "B=' x'\nrecord \"\"$B ''$B",
    "a='x '\nrecord $a''",
    "A=''$'\\n'\nrecord ''$A''",
    'B=\na=(""$B x)\nrecord "${a[@]}"',
    'a=$\'x\\n\'\nrecord "$(IFS=,; echo "${a[*]}")"',
    'A=1\nif false; then A=2;fi\nrecord $A',
    'A=1\n{ A=2;}\nrecord $A',
    'case x in y) A=2;;esac\nrecord $A',
    'A=0\nA=1|cat\nrecord $A',
    'A=1>/dev/null\nrecord $A',
    'A=0\nA=1&wait\nrecord $A',
    'A=1\nif false; then A=2; fi;A=4\nrecord $A',
    'A=1\n(A=2);A=4\nrecord $A',
    'CPU=host,hv_relaxed;MEM=4G\nrecord -cpu "$CPU" -m "$MEM"',
    'A=1\nIFS=, read -r A B <<< "x,y"\nrecord $A',
    'A=1\nwhile IFS= read -r A; do :; done <<< x\nrecord $A',
    'A=1\ncommand eval A=2\nrecord $A',
    'A=1\nbuiltin eval A=2\nrecord $A',
    'B=1\nA=2 eval B=3\nrecord $B',
    'A=1\ntime A=2\nrecord $A',
    'A=1\n2>/dev/null A=2\nrecord $A',
    'A=1\n>/dev/null A=2\nrecord $A',
    'A=1\nA=2 {fd}>/dev/null\nrecord $A',
    'a=(x y)\nunset a[0]\nrecord "${a[@]}"',
    'A=1\nunset -n A\nrecord $A',
    'A=1\n: $((A=2))\nrecord $A',
    'A=1\n: $((A++))\nrecord $A',
    'A=1\nB=$((A=5))\nrecord $A',
    'A=1\n: $[A=2]\nrecord $A',
    'A=x\ndeclare -u A\nA=y\nrecord $A',
    'declare -i A\nA=2+3\nrecord $A',
    'A=1\ncase x\nin x) A=2;; esac\nrecord $A',
    'IFS=(, :)\na="x y:z"\nrecord $a',
    'A=1\neval :\nrecord $A',
    'A=1\nsource /dev/null\nB=2\nrecord $A $B',
  ],
  'a third review (stop 25)': [
    'A=0\ntrue|&A=1\nrecord $A',
    'A=0\ntrue |& A=1\nrecord $A',
    'A=0;#;A=1\nrecord $A',
    'A=0;# note A=1\nrecord $A',
    'CPU=a;\\\nCPU=b\nrecord $CPU',
    'A=1&>/dev/null\nrecord $A',
    'A=0\nread A<<<x;record $A',
    'B=0\ncase x in x)B=1;esac\nrecord $B',
    'CPU=z\ncase a in (a|b)CPU=x;;esac\nrecord $CPU',
    // found reading the change once more: an expansion in the redirection went into the value
    'LOG=/dev/null\nA=1>$LOG\nrecord "$A"',
    'A=x>"$HOME/l"\nrecord "$A"',
  ],
  'variables bash sets itself': ['record ${IFS-x}', 'record ${PWD-x}', 'record "${LINENO:-x}"', 'record ${PPID-x}'],
  "$'...'": ["record $'\\x{41}'", "record $'\\x{'", "record $'\\x{4a}b'", "record $'\\x{1234}' $'\\x{4zz}b' $'\\x{}'"],
};

describe('the shell reader on what a hostile review found', () => {
  for (const [group, scripts] of Object.entries(CASES))
    itReal(group, () => {
      for (const s of scripts) {
        const mine = ours(s);
        if (mine.unresolved) continue;
        expect(mine.argv, s).toEqual(bashArgv(s, false));
      }
    });
});
