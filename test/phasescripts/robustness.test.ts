// Any input (random, binary, huge, half-typed) lints without throwing. Speed is measured in
// `npm run bench`, not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { phaseScriptHoverAt } from '../../server/src/phasescripts/hover';
import { scanPowerShell } from '../../server/src/phasescripts/scanner';
import { parsePhaseName } from '../../server/src/phasescripts/model';

const PATH = '/ws/updates/scripts/POSTINSTALL_ecommerce.ps1';
const lint = (text: string, path = PATH) => lintFile(new Project(new MemoryFileSystem({ [path]: text }), { roots: ['/ws'] }), path);

/** Strings built from the characters that matter to the scanner, so that the property explores its states. */
const psLike = fc
  .array(fc.constantFrom('$env:', 'env:', '${env:', '}', '$(', '(', ')', '"', "'", '@"\n', "@'\n", '\n"@', "\n'@", '`', '#', '<#', '#>', '\n', ' ', 'E_MODULE_PATH', 'E_X', '=', '\u201C', '\u2019', 'web', '\r\n'), { maxLength: 60 })
  .map(a => a.join(''));

test('property: the scanner, the linter and the hover never throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), psLike), fc.nat(), (text, at) => {
      const tree = scanPowerShell(text);
      for (const r of tree.envRefs) {
        assert.ok(r.start >= 0 && r.start <= r.nameStart && r.nameStart < r.nameEnd && r.nameEnd <= r.end && r.end <= text.length);
      }
      const res = lint(text);
      assert.ok(res);
      for (const f of res.findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, f.code);
      phaseScriptHoverAt(text, text.length ? at % (text.length + 1) : 0, PATH, undefined);
    }),
    { numRuns: 500 },
  );
});

test('property: any file name parses', () => {
  fc.assert(
    fc.property(fc.string(), fc.constantFrom('_', '-', '.'), (name, sep) => {
      const p = parsePhaseName(`/ws/updates/scripts/${name}.ps1`, sep);
      assert.ok(p.phase.end <= p.stem.length);
      const res = lint('x', `/ws/updates/scripts/${name.replace(/[\\/]/g, '')}.ps1`);
      assert.ok(res);
    }),
    { numRuns: 300 },
  );
});

test('huge and pathological inputs complete', () => {
  const big = '$a = "$env:E_MODULE_PATH\\x" # c\r\n'.repeat(100_000);
  assert.equal(scanPowerShell(big).envRefs.length, 100_000);
  assert.equal(scanPowerShell('"$('.repeat(200_000)).envRefs.length, 0);
  assert.equal(scanPowerShell('@"'.repeat(200_000)).envRefs.length, 0);
  assert.equal(scanPowerShell(' '.repeat(200_000) + '@"').envRefs.length, 0);
  assert.equal(scanPowerShell('${'.repeat(100_000)).envRefs.length, 0);
  assert.equal(scanPowerShell('env:E_A'.repeat(100_000)).envRefs.length, 1);
  const res = lint('\u0000\u0001binary\u0000'.repeat(1000));
  assert.deepEqual(res?.findings.map(f => f.code), ['file/binary']);
});

test('half-typed scripts', () => {
  for (const t of ['$env:E_', '$env:E_MODULE_PA', '"$env:', '${env:E_MOD', "@'\n$env:E_X", 'Get-Item env:', '<#', '"$(']) {
    assert.ok(lint(t), t);
  }
});
