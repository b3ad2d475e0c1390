// The CLI as a user's CI pipeline runs it: exit codes, the JSON shape, and --fix editing files in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/repo';

const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8' });

test('lint --fix applies the safe fixes only, keeps CRLF and every other byte, and the exit code follows what is left', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-cli-fix-'));
  try {
    const conf = path.join(dir, 'httpd.conf');
    const before = ['# keep me', 'RewriteEngine yes', 'Header set Retry-After "600"', 'ServerNmae www.example.test', 'Include conf.d/*.conf', ''].join('\r\n');
    fs.writeFileSync(conf, before);
    const lint = run(dir, 'lint', 'httpd.conf', '--format', 'json');
    assert.equal(lint.status, 1);
    const findings = JSON.parse(lint.stdout) as { file: string; code: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    assert.deepEqual(
      findings.map(f => `${f.file}:${f.line}:${f.column} ${f.code} ${f.severity}`),
      [
        'httpd.conf:2:15 httpd/argument-count error',
        'httpd.conf:3:1 httpd/retry-after warning',
        'httpd.conf:4:1 httpd/unknown-directive error',
        'httpd.conf:5:9 httpd/include-missing error',
      ],
    );
    assert.deepEqual(Object.keys(findings[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);

    const fixed = run(dir, 'lint', 'httpd.conf', '--fix');
    assert.match(fixed.stdout, /3 fixes applied/);
    assert.equal(fixed.status, 1, 'the unsafe did-you-mean is left for a human: still an error');
    const after = fs.readFileSync(conf, 'utf8');
    assert.equal(
      after,
      ['# keep me', 'RewriteEngine On', 'Header always set Retry-After "600"', 'ServerNmae www.example.test', 'IncludeOptional conf.d/*.conf', ''].join('\r\n'),
    );
    fs.writeFileSync(conf, after.replace('ServerNmae', 'ServerName'));
    assert.equal(run(dir, 'lint', 'httpd.conf').status, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('bad usage exits 2 with a message; the directory form names files below the directory given', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-cli-usage-'));
  try {
    for (const args of [['lint', '--format', 'xml'], ['lint', 'missing-file.conf'], ['frobnicate'], ['lint', '--nope']]) {
      const r = run(dir, ...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^upkeep: /);
    }
    fs.mkdirSync(path.join(dir, 'site', 'conf'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'site', 'conf', 'httpd.conf'), 'Listen 80\nFooBar 1\n');
    fs.writeFileSync(path.join(dir, 'site', 'conf', 'nginx.conf'), 'server {\n  listen 80;\n}\n');
    const r = run(dir, 'lint', 'site', '--format', 'json');
    assert.deepEqual([...new Set((JSON.parse(r.stdout) as { file: string }[]).map(f => f.file))], ['site/conf/httpd.conf'], 'nginx.conf is left alone');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
