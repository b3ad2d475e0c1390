// Inputs found by fuzzing the ePages rules: every fix changes the text, and applying it removes the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { lintMemory } from '../phasescripts/util';

const HOTFIX = '/ws/etc/sysconfig/epages-hotfix';

test('shell-syntax: a value cut short by an operator gets quotes, not an empty edit', () => {
  for (const text of ['MAILTO=|# ', 'MAILTO=&x\n']) {
    const f = lintMemory(HOTFIX, text).findings.find(x => x.code === 'epages/shell-syntax');
    assert.ok(f?.fixes?.length, `${JSON.stringify(text)}: a fix is offered`);
    const fixed = applyOffsetEdits(text, f.fixes[0].edits);
    assert.notEqual(fixed, text, 'the fix changes something');
    assert.ok(!lintMemory(HOTFIX, fixed).findings.some(x => x.code === 'epages/shell-syntax'), `${JSON.stringify(fixed)} is clean`);
  }
});
