// The CLI conventions of ESLint and Ruff: short flags, per-command help, stdin, --output-file,
// --unsafe-fixes, --diff, usage errors in one line before any output, --max-warnings explained,
// warnings for named files Upkeep does not handle, github annotations escaped, cwd-relative paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo';

const run = (cwd: string, args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8', input });

function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-args-'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

const CONF = 'ServerAdmin ops@example.test\nRewriteEngine yes\nHeader set Retry-After "600"\nServerNmae www.example.test\n';

test('help and version: -h, --help, lint --help (exit 0), -V', () => {
  const root = repoRoot();
  for (const args of [['-h'], ['--help'], ['lint', '--help'], ['lint', '-h', '--format', 'nonsense'], ['rules', '--help'], ['maintenance', '--help'], ['plugin', '-h']]) {
    const r = run(root, args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^usage/, args.join(' '));
  }
  assert.match(run(root, ['lint', '--help']).stdout, /--output-file/);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(run(root, ['-V']).stdout, `${pkg.version}\n`);
  assert.equal(run(root, ['--version']).stdout, `${pkg.version}\n`);
});

test('usage errors: one line and a hint, exit 2, nothing on stdout, checked before linting', () => {
  const dir = scratch({ 'httpd.conf': CONF });
  try {
    const cases: [string[], RegExp][] = [
      [['lint', '--max-warnings', 'abc', 'httpd.conf'], /--max-warnings takes a whole number, not "abc"/],
      [['lint', '--format', 'xml'], /--format must be text, json, sarif or github, not "xml"/],
      [['lint', '--formt', 'json'], /unknown option --formt \(did you mean --format\?\)/],
      [['lint', '--fix=yes'], /--fix takes no value/],
      [['lint', '--format'], /--format needs a value/],
      [['lint', 'missing.conf'], /no such file or folder: missing\.conf/],
      [['lint', '--unsafe-fixes', 'httpd.conf'], /--unsafe-fixes only widens --fix or --diff/],
      [['lint', '--jobs', '0'], /--jobs takes/],
      [['lint', '-o', 'httpd.conf/report.txt', 'httpd.conf'], /--output-file httpd\.conf\/report\.txt: .*httpd\.conf is a file, not a folder/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, re] of cases) {
      const r = run(dir, args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, r.stderr);
      assert.match(lines[0], new RegExp(`^upkeep: ${re.source}`));
      assert.match(lines[1], /^\(upkeep (lint )?--help lists the options\)$/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-warnings: exceeding it exits 1 and says why; named files Upkeep does not handle are reported, not counted', () => {
  const dir = scratch({ 'httpd.conf': 'Listen 80\nHeader set Retry-After "600"\n', 'README.md': '# hello\n' });
  try {
    const r = run(dir, ['lint', '--max-warnings', '0', 'httpd.conf', 'README.md']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^1 file checked: 0 errors, 1 warning$/m);
    assert.match(r.stderr, /^upkeep: warning: README\.md: not a file Upkeep checks/m);
    assert.match(r.stderr, /^upkeep: 1 warning found, more than --max-warnings 0 allows: exit 1$/m);
    assert.equal(run(dir, ['lint', '--max-warnings', '1', 'httpd.conf']).status, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('stdin: "-" with --stdin-filename, also with --fix (fixed text on stdout, report on stderr)', () => {
  const dir = scratch({ 'conf/.keep': '' });
  try {
    const r = run(dir, ['lint', '-', '--stdin-filename', 'conf/httpd.conf', '-f', 'json'], CONF);
    assert.equal(r.status, 1);
    assert.deepEqual((JSON.parse(r.stdout) as { file: string; code: string }[]).map(f => `${f.file} ${f.code}`), [
      'conf/httpd.conf httpd/argument-count',
      'conf/httpd.conf httpd/retry-after',
      'conf/httpd.conf httpd/unknown-directive',
    ]);
    const fixed = run(dir, ['lint', '-', '--stdin-filename', 'conf/httpd.conf', '--fix'], CONF);
    assert.equal(fixed.stdout, 'ServerAdmin ops@example.test\nRewriteEngine On\nHeader always set Retry-After "600"\nServerNmae www.example.test\n');
    assert.match(fixed.stderr, /httpd\.conf:4:1: error httpd\/unknown-directive/);
    assert.equal(fs.existsSync(path.join(dir, 'conf', 'httpd.conf')), false, 'stdin is never written to disk');
    const unnamed = run(dir, ['lint', '-'], 'just some text\n');
    assert.match(unnamed.stderr, /not a file Upkeep checks/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--diff prints what --fix would change as a patch that applies; --unsafe-fixes adds the unsafe ones', () => {
  const crlf = CONF.replace(/\n/g, '\r\n');
  const dir = scratch({ 'a/conf/httpd.conf': crlf });
  try {
    const diff = run(dir, ['lint', '--diff', 'a']);
    assert.equal(diff.status, 1, 'changes pending: exit 1');
    assert.equal(fs.readFileSync(path.join(dir, 'a/conf/httpd.conf'), 'utf8'), crlf, '--diff writes nothing');
    assert.match(diff.stdout, /^--- a\/a\/conf\/httpd\.conf\n\+\+\+ b\/a\/conf\/httpd\.conf\n@@ -1,4 \+1,4 @@\n/);
    assert.match(diff.stderr, /2 fixes would change 1 file/);
    // The patch gives the same bytes as --fix.
    fs.cpSync(path.join(dir, 'a'), path.join(dir, 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'p.diff'), diff.stdout.replace(/ a\/a\//g, ' a/b/').replace(/ b\/a\//g, ' b/b/'));
    const apply = spawnSync('git', ['apply', 'p.diff'], { cwd: dir, encoding: 'utf8' });
    assert.equal(apply.status, 0, apply.stderr);
    assert.equal(run(dir, ['lint', '--fix', 'a']).status, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'b/conf/httpd.conf'), 'utf8'), fs.readFileSync(path.join(dir, 'a/conf/httpd.conf'), 'utf8'));
    assert.equal(fs.readFileSync(path.join(dir, 'a/conf/httpd.conf'), 'utf8'), crlf.replace('yes', 'On').replace('Header set', 'Header always set'));

    // Unsafe: the did-you-mean rename too.
    const unsafe = run(dir, ['lint', '--diff', '--unsafe-fixes', 'a']);
    assert.match(unsafe.stdout, /^-ServerNmae www\.example\.test\r$/m);
    assert.match(unsafe.stdout, /^\+ServerName www\.example\.test\r$/m);
    const fixed = run(dir, ['lint', '--fix', '--unsafe-fixes', 'a']);
    assert.equal(fixed.status, 0, fixed.stdout);
    assert.match(fs.readFileSync(path.join(dir, 'a/conf/httpd.conf'), 'utf8'), /^ServerName www\.example\.test\r$/m);
    assert.equal(run(dir, ['lint', '--diff', 'a']).status, 0, 'nothing left to change: exit 0');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('-o writes the report to a file; github format escapes file=; paths in messages are relative to the current folder', () => {
  const dir = scratch({
    'site,1/conf/httpd.conf': 'Listen 80\nServerNmae x\n',
  });
  try {
    const r = run(dir, ['lint', '-f', 'github', '-o', 'out/report.txt', 'site,1']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const report = fs.readFileSync(path.join(dir, 'out/report.txt'), 'utf8');
    assert.match(report, /^::error file=site%2C1\/conf\/httpd\.conf,line=2,col=1,endLine=2,endColumn=11,title=httpd\/unknown-directive::/m);
    // A path inside a message (the DocumentRoot) reads from where the command runs, like the file column.
    const docRoot = (cwd: string, target: string) =>
      (JSON.parse(run(cwd, ['lint', '-f', 'json', target]).stdout) as { code: string; message: string }[])
        .filter(f => f.code === 'httpd/maintenance-page')
        .map(f => / DocumentRoot (\S+) /.exec(f.message)?.[1])
        .filter(Boolean);
    assert.deepEqual(docRoot(repoRoot(), 'examples/'), ['examples/ihs/htdocs']);
    assert.deepEqual(docRoot(path.join(repoRoot(), 'examples', 'ihs'), '.'), ['htdocs']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('upkeep rules says safe, unsafe or no fix', () => {
  const out = run(repoRoot(), ['rules']).stdout;
  assert.match(out, /^httpd\/retry-after\s+warning\s+safe fix\s+/m);
  assert.match(out, /^httpd\/unknown-directive\s+error\s+unsafe fix\s+/m);
  assert.match(out, /^httpd\/section-mismatch\s+error\s+no fix\s+/m);
});
