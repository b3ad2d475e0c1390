// Any input lints without throwing; pathological inputs complete. Speed goes in `npm run bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { epagesHoverAt } from '../../server/src/epages/hover';
import { parseShellAssignments } from '../../server/src/epages/syntax';

const HOTFIX = '/ws/etc/sysconfig/epages-hotfix';
const EPAGES6 = '/ws/etc/default/epages6';
const lint = (path: string, text: string) => lintFile(new Project(new MemoryFileSystem({ [path]: text }), {}), path);

const shLike = fc
  .array(fc.constantFrom('CHECK_ONLY', 'EPAGES_CUSTOM_STORETYPES', 'LOCK_TS', 'DAYS_OF_WEEK', 'MAILTO', 'export ', 'set -a', '=', ' = ', '"', "'", '\\', '$(', ')', '`', '#', ';', '\n', '\r\n', ' ', 'yes', '1,2', 'a b'), { maxLength: 50 })
  .map(a => a.join(''));

test('property: parser, linter and hover never throw, ranges stay inside the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), shLike), fc.nat(), fc.boolean(), (text, at, hotfix) => {
      const tree = parseShellAssignments(text);
      for (const a of tree.assignments) assert.ok(a.nameStart < a.nameEnd && a.nameEnd <= a.valueStart && a.valueStart <= a.valueEnd && a.valueEnd <= text.length);
      const path = hotfix ? HOTFIX : EPAGES6;
      const r = lint(path, text);
      assert.ok(r);
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, f.code);
        for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.start <= e.end && e.end <= text.length);
      }
      epagesHoverAt(text, text.length ? at % (text.length + 1) : 0, path);
    }),
    { numRuns: 500 },
  );
});

test('pathological inputs complete', () => {
  for (const s of ['"'.repeat(200_000), 'A='.repeat(200_000), '$('.repeat(200_000), 'export '.repeat(50_000), 'A=b '.repeat(100_000), '\\\n'.repeat(100_000), '`'.repeat(100_000)]) {
    assert.ok(Array.isArray(parseShellAssignments(s).assignments));
  }
  const many = 'CHECK_ONLY=YES\n'.repeat(200_000);
  const r = lint(HOTFIX, many);
  assert.equal(r?.findings.length, 5000, 'findings per file are capped');
  assert.deepEqual(lint(HOTFIX, 'A=\u0000\u0001')?.findings.map(f => f.code), ['file/binary']);
});

test('a backslash as the last character of the file keeps every range inside the text', () => {
  for (const text of ['CHECK_ONLY=\\', 'MAILTO="a\\', "X='\\", 'A=b\\\r']) {
    const tree = parseShellAssignments(text);
    for (const a of tree.assignments) assert.ok(a.valueEnd <= text.length, JSON.stringify(text));
  }
});
