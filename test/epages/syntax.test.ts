// The shell-assignment reader: values with quotes and escapes, offsets, exports, and the statements it skips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShellAssignments } from '../../server/src/epages/syntax';

const brief = (text: string) =>
  parseShellAssignments(text).assignments.map(a => {
    let s = `${a.exported ? 'export ' : ''}${a.name}=${JSON.stringify(a.value)}`;
    if (a.quote) s += ` q${a.quote}`;
    if (a.dynamic) s += ' dyn';
    if (a.unterminated) s += ' open';
    if (a.trailing) s += ` +${JSON.stringify(text.slice(a.trailing.start, a.trailing.end))}`;
    if (a.spacedEquals) s += ' spaced';
    return s;
  });

test('values: plain, quoted, escaped, concatenated', () => {
  assert.deepEqual(brief('A=1\nB="two words"\nC=\'it\'"s"\nD=a\\ b\nE=\nF="x\\"y\\\\z"\n'), [
    'A="1"',
    'B="two words" q"',
    'C="its"',
    'D="a b"',
    'E=""',
    'F="x\\"y\\\\z" q"',
  ]);
});

test('offsets of name and value, raw value span keeps the quotes', () => {
  const text = '  export  KEY="v a l"  # note\r\n';
  const [a] = parseShellAssignments(text).assignments;
  assert.equal(text.slice(a.nameStart, a.nameEnd), 'KEY');
  assert.equal(text.slice(a.valueStart, a.valueEnd), '"v a l"');
  assert.equal(text.slice(a.start, a.nameStart), 'export  ');
  assert.equal(a.exported, true);
  assert.equal(a.trailing, null);
});

test('comments, other statements and # inside words', () => {
  assert.deepEqual(brief('# A=1\nB=2 # c=3\nC=x#y\nif [ "$X" = 1 ]; then D=4; fi\necho E=5\n'), ['B="2"', 'C="x#y"', 'D="4"']);
});

test('expansions make a value dynamic, and $( ) keeps its blanks', () => {
  assert.deepEqual(brief('A=$HOME\nB="$(hostname -f)"\nC=$(date +%w)\nD=`id -u`\nE=\'$NOT\'\n'), [
    'A="$HOME" dyn',
    'B="$(hostname -f)" q" dyn',
    'C="$(date +%w)" dyn',
    'D="`id -u`" dyn',
    'E="$NOT" q\'',
  ]);
});

test('exports and set -a', () => {
  const t = parseShellAssignments('export A=1 B="2 3" C\nset -a\nD=4\ndeclare -x E=5\nreadonly F=6\n');
  assert.deepEqual(t.assignments.map(a => `${a.name}:${a.exported}`), ['A:true', 'B:true', 'D:false', 'E:true', 'F:false']);
  assert.deepEqual([...t.exportedNames.keys()], ['C']);
  assert.equal(t.allExportFrom, 'export A=1 B="2 3" C\n'.length);
  assert.equal(parseShellAssignments('set -o allexport\n').allExportFrom, 0);
  assert.equal(parseShellAssignments('set -e\n').allExportFrom, null);
});

test('mistakes that change what the shell does', () => {
  assert.deepEqual(brief("Y=--a '*' --b c\nM= root\nS = yes\nQ=\"open\nR=1\n"), [
    `Y="--a" +"'*' --b c"`,
    'M="" +"root"',
    'S="yes" spaced',
    'Q="open\\nR=1\\n" q" open',
  ]);
  assert.deepEqual(brief('lower = x\n'), [], 'spaces around = only count for variable-like names');
});

test('line continuations and CR-only line ends', () => {
  assert.deepEqual(brief('A=one\\\ntwo\nB=3'), ['A="onetwo"', 'B="3"']);
  assert.deepEqual(brief('A=1\rB=2\r'), ['A="1"', 'B="2"']);
});
