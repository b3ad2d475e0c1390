// lsp/scopes.ts without a connection: which settings a file gets (nearest .upkeep.json, innermost
// workspace folder's editor settings), when files share a Project, `ignores`, Restricted Mode, and the
// config/invalid findings the server shows in a settings file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/languages';
import { configFindings, problemSpan } from '../../server/src/engine/config-file';
import { MemoryFileSystem } from '../../server/src/engine/workspace';
import { ProjectPool, documentUriOf } from '../../server/src/lsp/scopes';
import { parseSettings } from '../../server/src/lsp/settings';

function pool(files: Record<string, string>) {
  const disk = new MemoryFileSystem(files);
  const warnings: string[] = [];
  const p = new ProjectPool(disk, { warn: m => warnings.push(m), disk });
  return { p, disk, warnings };
}

test('ProjectPool: nearest settings file per file, innermost folder settings, one Project per distinct settings', () => {
  const { p, disk } = pool({
    '/ws/.upkeep.json': '{"rules": {"httpd/retry-after": "off"}}',
    '/ws/conf/httpd.conf': '',
    '/ws/other/httpd.conf': '',
    '/ws/sub/.upkeep.json': '{"httpd": {"version": "2.2"}}',
    '/ws/sub/conf/httpd.conf': '',
    '/ws/nested/conf/httpd.conf': '',
    '/elsewhere/httpd.conf': '',
  });
  p.setRoots(['/ws', '/ws/nested']);
  p.setSettings(parseSettings({}).settings, new Map([['/ws/nested', parseSettings({ rules: { 'httpd/': 'hint' } }).settings]]));
  const top = p.projectFor('/ws/conf/httpd.conf');
  assert.equal(p.projectFor('/ws/other/httpd.conf'), top, 'same settings, same Project');
  assert.deepEqual(top.options.config?.rules, { 'httpd/retry-after': 'off' });
  const sub = p.projectFor('/ws/sub/conf/httpd.conf');
  assert.notEqual(sub, top);
  assert.equal(sub.options.httpdVersion, '2.2');
  assert.deepEqual(sub.options.config?.rules, {}, 'the nearest file wins whole');
  const nested = p.projectFor('/ws/nested/conf/httpd.conf');
  assert.equal(p.folderOf('/ws/nested/conf/httpd.conf'), '/ws/nested');
  assert.deepEqual(nested.options.config?.rules, { 'httpd/retry-after': 'off', 'httpd/': 'hint' }, 'the innermost folder\'s editor settings over the file');
  assert.equal(p.folderOf('/elsewhere/httpd.conf'), undefined);
  assert.deepEqual(p.projectFor('/elsewhere/httpd.conf').options.config?.rules, {});
  assert.equal(p.default, top, 'the first folder\'s Project');
  assert.equal(p.configFor('/ws/sub/conf/httpd.conf')?.path, '/ws/sub/.upkeep.json');

  // A settings file goes: the files below it move to the Project of the one above (the same one as `top`).
  disk.remove('/ws/sub/.upkeep.json');
  assert.equal(p.projectFor('/ws/sub/conf/httpd.conf'), sub, 'cached until told');
  p.configChanged();
  assert.equal(p.projectFor('/ws/sub/conf/httpd.conf'), p.projectFor('/ws/conf/httpd.conf'));
  assert.equal(p.projectFor('/ws/conf/httpd.conf'), top, 'unchanged settings keep their Project (and its caches)');
});

test('ProjectPool: ignores of the settings file; Restricted Mode leaves its allowlist out; problems are logged once per read', () => {
  const { p, warnings } = pool({
    '/ws/.upkeep.json': '{"ignores": ["legacy/"], "maintenance": {"allow": ["10.0.0.1"]}, "rules": {"httpd/x": "off"}}',
    '/ws/legacy/httpd.conf': '',
    '/ws/conf/httpd.conf': '',
  });
  p.setRoots(['/ws']);
  assert.equal(p.ignoredBy('/ws/legacy/httpd.conf'), '/ws/.upkeep.json');
  assert.equal(p.ignoredBy('/ws/conf/httpd.conf'), undefined);
  assert.deepEqual(p.projectFor('/ws/conf/httpd.conf').options.maintenanceHosts, ['10.0.0.1']);
  p.projectFor('/ws/legacy/httpd.conf');
  assert.equal(warnings.filter(w => /"httpd\/x" is not a rule code/.test(w)).length, 1, warnings.join('\n'));
  p.setTrusted(false);
  assert.deepEqual(p.projectFor('/ws/conf/httpd.conf').options.maintenanceHosts, []);
  assert.ok(warnings.some(w => /maintenance\.allow is ignored in Restricted Mode/.test(w)));
});

test('config/invalid findings: none for a valid file; each problem on its key (and scalar value); bad JSON where the parser stopped', () => {
  assert.deepEqual(configFindings('{"rules": {"httpd/": "warning"}, "ignores": ["a/"]}'), []);
  assert.deepEqual(configFindings('\uFEFF{}'), []);
  const text = '{"rules": {"httpd/retry-after": "loud"}, "httpd": {"version": 2.4, "files": "*.tpl"}}';
  const spans = configFindings(text).map(f => [f.code, f.severity, text.slice(f.start, f.end)]);
  assert.deepEqual(spans, [
    ['config/invalid', 'error', '"httpd/retry-after": "loud"'],
    ['config/invalid', 'error', '"version": 2.4'],
    ['config/invalid', 'error', '"files": "*.tpl"'],
  ]);
  const broken = configFindings('{"rules": {"httpd/retry-after": "off",}}');
  assert.equal(broken.length, 1);
  assert.match(broken[0].message, /^not valid JSON/);
  assert.ok(broken[0].start > 30, `placed at ${broken[0].start}`);
  assert.deepEqual(configFindings('[1]').map(f => f.message), ['must be a JSON object such as {"rules": {}}']);
  // Edges: an offset past the end, a key without a value.
  assert.deepEqual(problemSpan('{"a"', 99), { start: 4, end: 4 });
  assert.deepEqual(problemSpan('{"a"}', 1), { start: 1, end: 4 });
});

test('documentUriOf: the document a request is about', () => {
  assert.equal(documentUriOf({ textDocument: { uri: 'file:///a.conf' }, position: {} }), 'file:///a.conf');
  assert.equal(documentUriOf({ command: 'upkeep.server.status', arguments: ['file:///a.conf'] }), 'file:///a.conf');
  assert.equal(documentUriOf({ command: 'upkeep.server.verify', arguments: ['token-1'] }), undefined);
  assert.equal(documentUriOf({ query: 'x' }), undefined);
  assert.equal(documentUriOf(null), undefined);
});
