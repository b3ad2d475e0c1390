// `.upkeep.json`: found by walking up from each file (nearest wins), validated strictly (exit 2 with
// every problem named), `ignores` and `--ignore-pattern`; the engine module tested directly too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo';
import { configJsonSchema, findConfigFile, isIgnored, parseConfigText } from '../../server/src/engine/config-file';
import { MemoryFileSystem } from '../../server/src/engine/workspace';
import '../../server/src/languages';

const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8' });

function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-config-'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

const codes = (stdout: string) => (JSON.parse(stdout) as { file: string; code: string; severity: string }[]).map(f => `${f.file} ${f.code} ${f.severity}`);

test('the nearest .upkeep.json above each file wins, also when run from a subfolder', () => {
  const dir = scratch({
    '.upkeep.json': JSON.stringify({ rules: { 'httpd/unknown-directive': 'off' } }),
    'a/conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae a\n',
    'b/.upkeep.json': JSON.stringify({ rules: { 'httpd/': 'hint' } }),
    'b/conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae b\n',
    'c/.upkeep.json': '{}',
    'c/conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae c\n',
  });
  try {
    const all = run(dir, 'lint', '-f', 'json', 'a', 'b', 'c');
    assert.deepEqual(codes(all.stdout), ['b/conf/httpd.conf httpd/unknown-directive hint', 'c/conf/httpd.conf httpd/unknown-directive error']);
    assert.equal(all.status, 1);
    // From a subfolder: the file above is still found (it used to be read from the current folder only).
    const sub = run(path.join(dir, 'a', 'conf'), 'lint', '-f', 'json', '.');
    assert.deepEqual(codes(sub.stdout), []);
    assert.equal(sub.status, 0);
    // --config applies one file to everything.
    const explicit = run(dir, 'lint', '-f', 'json', '--config', 'b/.upkeep.json', 'a', 'c');
    assert.deepEqual(codes(explicit.stdout), ['a/conf/httpd.conf httpd/unknown-directive hint', 'c/conf/httpd.conf httpd/unknown-directive hint']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an invalid settings file stops the run with exit 2 before any output, naming every problem', () => {
  const dir = scratch({
    'site/.upkeep.json': JSON.stringify({
      rules: { 'httpd/unknown-directive': 'loud', 'httpd/retry-after': 'warn', 'httpd/unknown-directiv': 'off', 'nope/': 'off' },
      maintenace: {},
      httpd: { version: '2.6', filez: [] },
    }),
    'site/conf/httpd.conf': 'ServerAdmin ops@example.test\n',
    'ok.json': '{}',
  });
  try {
    const r = run(dir, 'lint', 'site');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    const expected = [
      /^upkeep: site\/\.upkeep\.json: rules\["httpd\/unknown-directive"\]: "loud" is not a severity/,
      /^upkeep: site\/\.upkeep\.json: rules\["httpd\/retry-after"\]: "warn" is not a severity.*did you mean "warning"/,
      /^upkeep: site\/\.upkeep\.json: rules\["httpd\/unknown-directiv"\]: "httpd\/unknown-directiv" is not a rule code \(did you mean httpd\/unknown-directive/,
      /^upkeep: site\/\.upkeep\.json: rules\["nope\/"\]: "nope\/" is not a rule code/,
      /^upkeep: site\/\.upkeep\.json: maintenace: unknown setting "maintenace" \(did you mean "maintenance"\?\)/,
      /^upkeep: site\/\.upkeep\.json: httpd\.filez: unknown setting "filez" \(did you mean "files"\?\)/,
      /^upkeep: site\/\.upkeep\.json: httpd\.version: must be "2\.2" or "2\.4", not "2\.6"/,
    ];
    assert.equal(lines.length, expected.length, r.stderr);
    expected.forEach((re, i) => assert.match(lines[i], re));

    for (const args of [['--rule', 'httpd/nope=off'], ['--rule', 'httpd/retry-after=loud'], ['--rule', 'httpd/retry-after']]) {
      const bad = run(dir, 'lint', ...args, 'site/conf/httpd.conf', '--config', 'ok.json');
      assert.equal(bad.status, 2, args.join(' '));
      assert.equal(bad.stdout, '');
      assert.match(bad.stderr, /^upkeep: --rule .*\n\(upkeep lint --help lists the options\)\n$/);
    }
    assert.equal(run(dir, 'lint', 'site/conf/httpd.conf', '--config', 'ok.json').status, 0, 'the same run with a valid file');
    const badRule = run(dir, 'lint', '--rule', 'httpd/retry-aftr=off', 'site/conf/httpd.conf');
    assert.match(badRule.stderr, /^upkeep: --rule httpd\/retry-aftr=off: "httpd\/retry-aftr" is not a rule code \(did you mean httpd\/retry-after\?\)\n/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('ignores in .upkeep.json (relative to its folder) and --ignore-pattern (relative to the current folder)', () => {
  const dir = scratch({
    '.upkeep.json': JSON.stringify({ ignores: ['legacy/', '*.bak.conf'] }),
    'conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae a\n',
    'conf/old.bak.conf': 'ServerNmae bak\n',
    'legacy/conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae legacy\n',
    'vendor/conf/httpd.conf': 'ServerAdmin ops@example.test\nServerNmae vendor\n',
  });
  try {
    const files = (r: ReturnType<typeof run>) => [...new Set((JSON.parse(r.stdout) as { file: string }[]).map(f => f.file))];
    assert.deepEqual(files(run(dir, 'lint', '-f', 'json', '.')), ['conf/httpd.conf', 'vendor/conf/httpd.conf']);
    assert.deepEqual(files(run(dir, 'lint', '-f', 'json', '.', '--ignore-pattern', 'vendor')), ['conf/httpd.conf']);
    const named = run(dir, 'lint', 'legacy/conf/httpd.conf');
    assert.match(named.stderr, /legacy\/conf\/httpd\.conf: ignored \(matches an ignore pattern of \.upkeep\.json\); not checked/);
    assert.match(named.stdout, /^0 files checked/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('engine: parseConfigText, findConfigFile and isIgnored', () => {
  assert.deepEqual(parseConfigText('{"rules": {"httpd/": "warning"}, "ignores": ["a/"]}'), { config: { rules: { 'httpd/': 'warning' }, ignores: ['a/'] }, problems: [] });
  const bad = parseConfigText('{\n  "rules": {"httpd/retry-after": "warn"}\n}');
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0].offset, '{\n  "rules": {'.length, 'the offset points at the key');
  assert.match(parseConfigText('{"rules": ').problems[0].message, /^not valid JSON/);
  assert.match(parseConfigText('[]').problems[0].message, /JSON object/);

  const mem = new MemoryFileSystem({ '/w/.upkeep.json': '{}', '/w/a/b/httpd.conf': '', '/w/a/.upkeep.json': '{}', '/x/httpd.conf': '' });
  assert.equal(findConfigFile(mem, '/w/a/b/httpd.conf'), '/w/a/.upkeep.json');
  assert.equal(findConfigFile(mem, '/w/c/httpd.conf'), '/w/.upkeep.json');
  assert.equal(findConfigFile(mem, '/x/httpd.conf'), undefined);

  assert.ok(isIgnored('legacy/conf/x.conf', ['legacy/']));
  assert.ok(isIgnored('a/legacy/x.conf', ['legacy']));
  assert.ok(!isIgnored('a/legacy/x.conf', ['/legacy']));
  assert.ok(isIgnored('legacy/x.conf', ['./legacy']));
  assert.ok(isIgnored('conf/old.bak.conf', ['*.bak.conf']));
  assert.ok(isIgnored('build/a/b.conf', ['build/**']));
  assert.ok(!isIgnored('conf/httpd.conf', ['legacy/', '*.bak.conf']));
  assert.ok(!isIgnored('../x.conf', ['**']));
});

test('schemas/upkeep.schema.json is generated from the rules (npm run docs:rules) and contributed to VS Code', () => {
  const file = path.join(repoRoot(), 'schemas', 'upkeep.schema.json');
  assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(configJsonSchema(), null, 2) + '\n', 'out of date: run npm run docs:rules');
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.upkeep.json', url: './schemas/upkeep.schema.json' }]);
  const files = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { files: string[] }).files;
  assert.ok(files.includes('schemas/upkeep.schema.json'), 'shipped in the VSIX and the npm package (package.json files)');
  const schema = configJsonSchema() as { properties: { rules: { propertyNames: { enum: string[] } } } };
  assert.ok(schema.properties.rules.propertyNames.enum.includes('httpd/'));
  assert.ok(schema.properties.rules.propertyNames.enum.includes('httpd/retry-after'));
});
