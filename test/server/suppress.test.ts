// "Suppress on this line", "suppress in this file" and "fix all of this rule" (issue 14): the engine's
// planning in every language (checked by linting the result with the real engine: the finding is gone,
// the others stay, the file still parses), and the actions over the real LSP protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver/node';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { applyOffsetEdits, applyTextEdits } from '../../server/src/engine/text';
import { planFixAllOfRule, planSuppressFile, planSuppressLine } from '../../server/src/engine/suppress';
import { selectSafeFixes, type Finding } from '../../server/src/engine/rules';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { CLIENT_CAPABILITIES, startServer } from './harness';

function lint(path: string, text: string): { findings: Finding[]; lines: string[]; language: string } {
  const project = new Project(new MemoryFileSystem({ [path]: text }), { roots: ['/ws'] });
  const r = lintFile(project, path)!;
  assert.ok(r, `${path} not recognised`);
  return {
    findings: r.findings,
    lines: r.findings.map(f => `${r.file.index.positionAt(f.start).line}:${f.code}`),
    language: r.file.language,
  };
}

/** Suppresses the `k`-th finding of `code` on its line; returns the new text and its findings. */
function suppressLine(path: string, text: string, code: string, k = 0) {
  const before = lint(path, text);
  const f = before.findings.filter(x => x.code === code)[k];
  assert.ok(f, `no ${code} in ${before.lines.join(', ')}`);
  const edits = planSuppressLine(text, before.language as never, f);
  assert.ok(edits, 'a line suppression is possible here');
  const after = applyOffsetEdits(text, edits);
  return { before: before.lines, after: lint(path, after).lines, text: after };
}

const HTTPD = '/ws/conf/httpd.conf';

test('suppress on this line: httpd (# comment above, indented like the line; CRLF and BOM kept)', () => {
  const text = '\uFEFFServerName a\r\n<VirtualHost *:80>\r\n    ServerNmae b\r\n    ServerNmae c\r\n</VirtualHost>\r\n';
  const r = suppressLine(HTTPD, text, 'httpd/unknown-directive');
  assert.deepEqual(r.before, ['2:httpd/unknown-directive', '3:httpd/unknown-directive']);
  assert.equal(r.text, '\uFEFFServerName a\r\n<VirtualHost *:80>\r\n    # upkeep-disable-next-line httpd/unknown-directive\r\n    ServerNmae b\r\n    ServerNmae c\r\n</VirtualHost>\r\n');
  assert.deepEqual(r.after, ['4:httpd/unknown-directive'], 'only that line is silenced');
  // On the first line, after the BOM.
  const first = suppressLine(HTTPD, '\uFEFFServerNmae a\n', 'httpd/unknown-directive');
  assert.equal(first.text, '\uFEFF# upkeep-disable-next-line httpd/unknown-directive\nServerNmae a\n');
  assert.deepEqual(first.after, []);
});

test('suppress on this line: a second rule on a line that already has a suppression comment joins it', () => {
  const text = 'LoadModule rewrite_module modules/mod_rewrite.so\n# upkeep-disable-next-line httpd/unknown-directive\nRewriteEngine yes\n';
  const r = suppressLine(HTTPD, text, 'httpd/argument-count');
  assert.equal(r.text, 'LoadModule rewrite_module modules/mod_rewrite.so\n# upkeep-disable-next-line httpd/unknown-directive, httpd/argument-count\nRewriteEngine yes\n');
  assert.deepEqual(r.after.filter(l => l.endsWith('argument-count')), []);
});

test('suppress on this line: a comment line of blanks above is read in one pass (no backtracking)', () => {
  const text = `# upkeep-disable-next-line${' '.repeat(100_000)}!\nServerNmae a\n`;
  const f = { code: 'httpd/unknown-directive', start: text.indexOf('ServerNmae'), end: text.indexOf('ServerNmae') + 10 };
  const edits = planSuppressLine(text, 'apacheconf', f);
  assert.deepEqual(edits, [{ start: f.start, end: f.start, newText: '# upkeep-disable-next-line httpd/unknown-directive\n' }]);
});

test('suppress on this line: not inside a continued line, nor for a finding about the whole file', () => {
  const text = 'ServerName a \\\n  b\nServerNmae x\n';
  const { findings, language } = lint(HTTPD, 'ServerName a\nRewriteRule ^ - \\\n  [Q]\n');
  const onContinuation = findings.find(f => f.start > 'ServerName a\nRewriteRule ^ - \\\n'.length);
  if (onContinuation) assert.equal(planSuppressLine('ServerName a\nRewriteRule ^ - \\\n  [Q]\n', language as never, onContinuation), null);
  assert.equal(planSuppressLine(text, 'apacheconf', { code: 'x/y', start: text.indexOf('b\n'), end: text.indexOf('b\n') + 1 }), null);
  assert.equal(planSuppressLine(text, 'phasescript', { code: 'phase/separator', start: 0, end: 0 }), null);
});

test('suppress in this file: one comment at the top, every finding of that rule gone, others kept', () => {
  const text = 'ServerNmae a\nServerNmae b\nRewriteEngine yes\n';
  const before = lint(HTTPD, text);
  const after = lint(HTTPD, applyOffsetEdits(text, planSuppressFile(text, 'apacheconf', 'httpd/unknown-directive')));
  assert.deepEqual(before.lines, ['0:httpd/unknown-directive', '1:httpd/unknown-directive', '2:httpd/argument-count']);
  assert.deepEqual(after.lines, ['3:httpd/argument-count']);
  assert.equal(applyOffsetEdits(text, planSuppressFile(text, 'apacheconf', 'httpd/unknown-directive')).split('\n')[0], '# upkeep-disable httpd/unknown-directive');
});

const SETTINGS = '/ws/updates/managed-settings.xml';
const ST =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<ManagedSettings>\r\n  <settingGroup name="com.ibm.collaboration.realtime.chat.logging">\r\n' +
  '    <setting name="a" value="b" colour="red"/>\r\n    <setting name="c" value="d"\r\n             colour="blue"/>\r\n  </settingGroup>\r\n</ManagedSettings>\r\n';

test('XML languages: <!-- --> comments, after the XML declaration, never inside a tag; the file stays well-formed', () => {
  const r = suppressLine(SETTINGS, ST, 'sametime/unknown-attribute');
  assert.deepEqual(r.before, ['3:sametime/unknown-attribute', '5:sametime/unknown-attribute']);
  assert.ok(r.text.includes('\r\n    <!-- upkeep-disable-next-line sametime/unknown-attribute -->\r\n    <setting name="a"'));
  assert.deepEqual(r.after, ['6:sametime/unknown-attribute']);
  // The second one sits inside a start tag spread over two lines: no line comment there.
  const second = lint(SETTINGS, ST).findings.filter(f => f.code === 'sametime/unknown-attribute')[1];
  assert.equal(planSuppressLine(ST, 'sametime', second), null);
  // The file-wide comment goes after the declaration (a comment before it is not XML).
  const whole = applyOffsetEdits(ST, planSuppressFile(ST, 'sametime', 'sametime/unknown-attribute'));
  assert.ok(whole.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- upkeep-disable sametime/unknown-attribute -->\r\n<ManagedSettings>'));
  assert.deepEqual(lint(SETTINGS, whole).lines, [], 'suppressed, and no xml/not-well-formed');
});

test('phase scripts and ePages settings: # comments', () => {
  const ps = suppressLine('/ws/updates/scripts/POSTINSTALL_ecommerce.ps1', 'Write-Host "a"\r\n  $x = $env:E_MODULE_PAHT\r\n', 'phase/unknown-env-var');
  assert.equal(ps.text, 'Write-Host "a"\r\n  # upkeep-disable-next-line phase/unknown-env-var\r\n  $x = $env:E_MODULE_PAHT\r\n');
  assert.deepEqual(ps.after, []);
  const ep = suppressLine('/ws/etc/sysconfig/epages-hotfix', 'CHECK_ONLY=no\nDAYS_OF_WEEK=1,2\n', 'epages/invalid-value');
  assert.equal(ep.text, 'CHECK_ONLY=no\n# upkeep-disable-next-line epages/invalid-value\nDAYS_OF_WEEK=1,2\n');
  assert.deepEqual(ep.after, []);
  // A file-level phase finding: suppressed for the file.
  const path = '/ws/updates/scripts/PREINSTAL_ecommerce.ps1';
  const text = 'Write-Host "a"\n';
  assert.deepEqual(lint(path, applyOffsetEdits(text, planSuppressFile(text, 'phasescript', 'phase/unknown-phase'))).lines, []);
});

test('fix all of a rule: the safe fixes of that rule only, chosen like selectSafeFixes; none for a single one', () => {
  const text = 'Header set Retry-After 600\nKeepAlive yes\n<VirtualHost *:80>\n  Header set Retry-After 60\n</VirtualHost>\n';
  const { findings } = lint(HTTPD, text);
  const plan = planFixAllOfRule(findings, 'httpd/retry-after');
  assert.ok(plan);
  assert.equal(plan.title, 'Fix all httpd/retry-after problems in this file (2)');
  assert.deepEqual(plan.edits, selectSafeFixes(findings.filter(f => f.code === 'httpd/retry-after')).flatMap(f => f.edits));
  assert.equal(applyOffsetEdits(text, plan.edits), 'Header always set Retry-After 600\nKeepAlive yes\n<VirtualHost *:80>\n  Header always set Retry-After 60\n</VirtualHost>\n');
  assert.equal(planFixAllOfRule(findings, 'httpd/argument-count'), null, 'one finding: its own quick fix does it');
});

// ---- over the protocol -----------------------------------------------------------------------------------

type DocEdit = { textDocument: { uri: string; version: number | null }; edits: TextEdit[] };
const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}@${d.range.start.line}`).sort();

test('stdio: the quick fix menu offers fix-all-of-rule and both suppressions; each edit does what it says', async t => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-suppress-'));
  mkdirSync(nodePath.join(dir, 'conf'));
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: CLIENT_CAPABILITIES,
  });
  await h.conn.sendNotification('initialized', {});
  const text = 'Header set Retry-After 600\r\n<VirtualHost *:80>\r\n  Header set Retry-After 60\r\n  ServerNmae x\r\n</VirtualHost>\r\n';
  const uri = pathToFileURL(nodePath.join(dir, 'conf', 'httpd.conf')).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text } });
  const first = await h.waitForDiagnostics(p => p.uri === uri);
  assert.deepEqual(summary(first), ['httpd/retry-after@0', 'httpd/retry-after@2', 'httpd/unknown-directive@3']);

  const actions = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 2, character: 5 }, end: { line: 2, character: 5 } },
    context: { diagnostics: [], only: ['quickfix'] },
  })) as CodeAction[];
  assert.deepEqual(actions.map(a => a.title), [
    'Add "always"',
    'Fix all httpd/retry-after problems in this file (2)',
    'Suppress httpd/retry-after on this line',
    'Suppress httpd/retry-after in this file',
  ]);
  assert.ok(actions.slice(1).every(a => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'httpd/retry-after'));
  const result = (title: string) => {
    const a = actions.find(x => x.title === title)!;
    const changes = a.edit!.documentChanges as DocEdit[];
    assert.equal(changes.length, 1, 'one WorkspaceEdit on this document');
    assert.equal(changes[0].textDocument.version, 1);
    return applyTextEdits(text, changes[0].edits);
  };
  const expectations: [string, string, string[]][] = [
    [
      'Fix all httpd/retry-after problems in this file (2)',
      'Header always set Retry-After 600\r\n<VirtualHost *:80>\r\n  Header always set Retry-After 60\r\n  ServerNmae x\r\n</VirtualHost>\r\n',
      ['httpd/unknown-directive@3'],
    ],
    [
      'Suppress httpd/retry-after on this line',
      'Header set Retry-After 600\r\n<VirtualHost *:80>\r\n  # upkeep-disable-next-line httpd/retry-after\r\n  Header set Retry-After 60\r\n  ServerNmae x\r\n</VirtualHost>\r\n',
      ['httpd/retry-after@0', 'httpd/unknown-directive@4'],
    ],
    [
      'Suppress httpd/retry-after in this file',
      '# upkeep-disable httpd/retry-after\r\nHeader set Retry-After 600\r\n<VirtualHost *:80>\r\n  Header set Retry-After 60\r\n  ServerNmae x\r\n</VirtualHost>\r\n',
      ['httpd/unknown-directive@4'],
    ],
  ];
  let version = 1;
  for (const [title, expected, diagnostics] of expectations) {
    const got = result(title);
    assert.equal(got, expected, title);
    version++;
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: got }] });
    const after = await h.waitForDiagnostics(p => p.uri === uri && p.version === version);
    assert.deepEqual(summary(after), diagnostics, title);
  }
});
