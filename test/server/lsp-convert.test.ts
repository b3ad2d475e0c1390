// The pure LSP layer: findings -> diagnostics, code actions and fix-all, settings, commands, debounce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import type { Finding } from '../../server/src/engine/rules';
import { applyTextEdits, LineIndex } from '../../server/src/engine/text';
import { codeActions, kindRequested, safeFixEdits, FIX_ALL_TITLE, KIND_FIX_ALL } from '../../server/src/lsp/codeActions';
import { CommandRegistry, type CommandContext } from '../../server/src/lsp/commands';
import { Debouncer, type Timers } from '../../server/src/lsp/debounce';
import { findingToDiagnostic, findingsInRange, relatedRange } from '../../server/src/lsp/diagnostics';
import { FULL_EDIT_CAPABILITIES, type EditTarget } from '../../server/src/lsp/edits';
import { mergeCapabilities } from '../../server/src/lsp/features';
import { applySettings, parseSettings, settingsSectionOf } from '../../server/src/lsp/settings';
import { isVirtualPath, pathToUri, uriToPath } from '../../server/src/lsp/uri';

const PATH = '/ws/httpd.conf';
const TEXT = 'Listne 80\nServerNmae example.org\n<Location />\n  ServerRoot /x\n</Location>\n';
const index = new LineIndex(TEXT);
const at = (s: string) => TEXT.indexOf(s);
const lookup = (p: string): EditTarget => ({ uri: pathToUri(p), version: p === PATH ? 3 : null, index: p === PATH ? index : undefined });

const typo: Finding = {
  code: 'httpd/unknown-directive',
  severity: 'error',
  message: 'Listne is not a directive. Did you mean Listen?',
  start: 0,
  end: 6,
  fixes: [{ title: 'Change to Listen', edits: [{ start: 0, end: 6, newText: 'Listen' }], safe: false }],
};
const typo2: Finding = {
  code: 'httpd/unknown-directive',
  severity: 'warning',
  message: 'ServerNmae ...',
  start: at('ServerNmae'),
  end: at('ServerNmae') + 10,
  fixes: [
    { title: 'Change to ServerName', edits: [{ start: at('ServerNmae'), end: at('ServerNmae') + 10, newText: 'ServerName' }], safe: true },
    { title: 'Change to ServerAlias', edits: [{ start: at('ServerNmae'), end: at('ServerNmae') + 10, newText: 'ServerAlias' }], safe: true },
  ],
  unnecessary: true,
  related: [{ path: '/ws/other.conf', start: 0, end: 0, line: 4, message: 'defined here' }],
};
const context: Finding = {
  code: 'httpd/directive-context',
  severity: 'information',
  message: 'ServerRoot is not allowed inside <Location>.',
  start: at('ServerRoot'),
  end: at('ServerRoot') + 10,
};

test('findingToDiagnostic: range, severity, source, code, docs link, Unnecessary tag, related information', () => {
  const d = findingToDiagnostic(typo2, index, {
    docsHref: code => `file:///pkg/docs/rules/${code}.md`,
    locate: r => ({ uri: pathToUri(r.path), range: relatedRange(r, undefined)! }),
  });
  assert.deepEqual(d, {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
    severity: 2,
    source: 'upkeep',
    code: 'httpd/unknown-directive',
    message: 'ServerNmae ...',
    codeDescription: { href: 'file:///pkg/docs/rules/httpd/unknown-directive.md' },
    tags: [1],
    relatedInformation: [
      { location: { uri: 'file:///ws/other.conf', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } } }, message: 'defined here' },
    ],
  });
  assert.deepEqual(
    [findingToDiagnostic(typo, index).severity, findingToDiagnostic(context, index).severity, findingToDiagnostic({ ...context, severity: 'hint' }, index).severity],
    [1, 3, 4],
  );
  // Offsets through the related file's own index when no line is given.
  assert.deepEqual(relatedRange({ path: PATH, start: at('ServerRoot'), end: at('ServerRoot') + 10, message: '' }, index), {
    start: { line: 3, character: 2 },
    end: { line: 3, character: 12 },
  });
});

test('findingsInRange: touching ranges count, disjoint ones do not', () => {
  const all = [typo, typo2, context];
  assert.deepEqual(findingsInRange(all, 3, 3), [typo]);
  assert.deepEqual(findingsInRange(all, 6, 6), [typo]);
  assert.deepEqual(findingsInRange(all, 7, 9), []);
  assert.deepEqual(findingsInRange(all, 0, TEXT.length), all);
});

test('codeActions: quick fixes in range (unsafe suffix, first safe one preferred) and fix-all of safe fixes', () => {
  const findings = [typo, typo2, context];
  const diagnostics = findings.map(f => findingToDiagnostic(f, index));
  const base = { path: PATH, findings, diagnostics, lookup, caps: FULL_EDIT_CAPABILITIES };
  const atTypo = codeActions({ ...base, start: 2, end: 2 });
  assert.deepEqual(
    atTypo.map(a => [a.title, a.kind, a.isPreferred ?? false]),
    [
      ['Change to Listen (unsafe)', 'quickfix', false],
      [FIX_ALL_TITLE, KIND_FIX_ALL, false],
    ],
  );
  assert.deepEqual(atTypo[0].diagnostics, [diagnostics[0]]);
  assert.deepEqual(atTypo[0].edit, {
    documentChanges: [
      { textDocument: { uri: 'file:///ws/httpd.conf', version: 3 }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, newText: 'Listen' }] },
    ],
  });
  const atSecond = codeActions({ ...base, start: at('ServerNmae') + 3, end: at('ServerNmae') + 3, only: ['quickfix'] });
  assert.deepEqual(
    atSecond.map(a => [a.title, a.isPreferred ?? false]),
    [
      ['Change to ServerName', true],
      ['Change to ServerAlias', false],
    ],
  );
  // Fix-all (as editor.codeActionsOnSave asks for it) applies only the safe fix, once.
  const fixAll = codeActions({ ...base, start: 0, end: 0, only: ['source.fixAll'] });
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].kind, 'source.fixAll.upkeep');
  const edits = (fixAll[0].edit!.documentChanges![0] as { edits: { range: any; newText: string }[] }).edits;
  assert.equal(applyTextEdits(TEXT, edits), TEXT.replace('ServerNmae', 'ServerName'));
  assert.deepEqual(codeActions({ ...base, start: 0, end: 0, only: ['refactor'] }), []);
});

test('safeFixEdits skips unsafe fixes, multi-file fixes and fixes overlapping one already taken', () => {
  const f = (start: number, end: number, newText: string, safe = true, otherFiles?: any): Finding => ({
    code: 'x/y', severity: 'warning', message: '', start, end, fixes: [{ title: newText, edits: [{ start, end, newText }], safe, otherFiles }],
  });
  const edits = safeFixEdits([f(0, 4, 'A'), f(2, 6, 'B'), f(4, 4, 'C'), f(6, 8, 'D', false), f(8, 9, 'E', true, [{ path: '/x', create: '' }]), f(10, 12, 'F')]);
  assert.deepEqual(edits.map(e => e.newText), ['A', 'F']);
});

test('kindRequested follows the hierarchical code action kinds', () => {
  assert.equal(kindRequested('source.fixAll.upkeep', ['source']), true);
  assert.equal(kindRequested('source.fixAll.upkeep', ['source.fixAll']), true);
  assert.equal(kindRequested('source.fixAll.upkeep', ['source.fix']), false);
  assert.equal(kindRequested('quickfix', ['source.fixAll']), false);
  assert.equal(kindRequested('quickfix', undefined), true);
});

test('parseSettings keeps valid severities, normalises spelling, reports the rest', () => {
  const { settings, problems } = parseSettings({ rules: { 'httpd/unknown-directive': 'Warn', 'httpd/': 'off', bad: 'loud', num: 3 }, trace: { server: 'off' } });
  assert.deepEqual(settings.rules, { 'httpd/unknown-directive': 'warning', 'httpd/': 'off' });
  assert.deepEqual(settings.maintenance, { allow: [], status: 503, page: '/maintenance.html', verify: '' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /upkeep\.rules\["bad"\]/);
  assert.deepEqual(parseSettings('nonsense').settings.rules, {});
  assert.deepEqual(parseSettings('nonsense').problems, []);
  assert.equal(parseSettings({ rules: ['x'] }).problems.length, 1);
  assert.deepEqual(settingsSectionOf({ upkeep: { rules: {} } }), { rules: {} });
  assert.deepEqual(settingsSectionOf({ rules: { a: 'off' } }), { rules: { a: 'off' } });
  assert.equal(settingsSectionOf({ other: 1 }), undefined);
  assert.deepEqual(applySettings({ roots: ['/ws'] }, settings), {
    roots: ['/ws'],
    config: { rules: settings.rules },
    maintenanceHosts: [],
    maintenance: { status: 503, page: '/maintenance.html' },
    httpdVersion: undefined,
    httpdFiles: [],
    phaseScripts: {},
  });
});

test('parseSettings reads the maintenance, httpd and phase script settings and reports bad values', () => {
  const { settings, problems } = parseSettings({
    maintenance: { allow: ['10.0.0.1', ' 10.1.0.0/16 ', 7, ''], status: 500, page: '/down.html' },
    httpd: { version: '2.2' },
    phaseScripts: { folder: 'upd/scripts', modules: ['shop', 3], separator: '-' },
  });
  assert.deepEqual(settings.maintenance, { allow: ['10.0.0.1', '10.1.0.0/16'], status: 500, page: '/down.html', verify: '' });
  assert.equal(settings.httpdVersion, '2.2');
  assert.deepEqual(settings.phaseScripts, { folder: 'upd/scripts', modules: ['shop'], separator: '-' });
  assert.deepEqual(problems, []);
  const bad = parseSettings({ maintenance: { allow: 'x', status: 302, page: 'http://x/' }, httpd: { version: '3' } });
  assert.equal(bad.problems.length, 4);
  assert.equal(bad.settings.maintenance.status, 503);
});

test('CommandRegistry: namespaced unique ids, sealed after initialize, runs and returns null for undefined', async () => {
  const reg = new CommandRegistry();
  reg.register({ id: 'upkeep.server.test.echo', run: args => ({ echoed: args }) });
  reg.register({ id: 'upkeep.server.test.void', run: () => undefined });
  assert.throws(() => reg.register({ id: 'upkeep.server.test.echo', run: () => 1 }), /twice/);
  assert.throws(() => reg.register({ id: 'other.cmd', run: () => 1 }), /must start with "upkeep\."/);
  reg.seal();
  assert.throws(() => reg.register({ id: 'upkeep.server.late', run: () => 1 }), /after initialize/);
  assert.deepEqual(reg.ids(), ['upkeep.server.test.echo', 'upkeep.server.test.void']);
  const ctx = {} as CommandContext;
  assert.deepEqual(await reg.execute('upkeep.server.test.echo', [1, 'a'], ctx), { echoed: [1, 'a'] });
  assert.equal(await reg.execute('upkeep.server.test.void', undefined, ctx), null);
  await assert.rejects(reg.execute('upkeep.server.nope', [], ctx), /unknown command/);
});

test('mergeCapabilities merges objects one level deep', () => {
  const merged = mergeCapabilities(
    { textDocumentSync: 2, workspace: { workspaceFolders: { supported: true } } },
    { hoverProvider: true, workspace: { fileOperations: {} } },
    { textDocumentSync: 1 },
  );
  assert.deepEqual(merged, { textDocumentSync: 1, hoverProvider: true, workspace: { workspaceFolders: { supported: true }, fileOperations: {} } });
});

test('Debouncer: the last schedule of a key wins; keys are independent; cancel and dispose stop runs', () => {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => (pending.set(++seq, { at: now + ms, fn }), seq),
    clear: h => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [h, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(h);
        t.fn();
      }
    }
  };
  const runs: string[] = [];
  const d = new Debouncer<string>(k => runs.push(`${k}@${now}`), timers);
  d.schedule('a', 250);
  advance(100);
  d.schedule('a', 250);
  d.schedule('b', 50);
  assert.equal(d.isPending('a'), true);
  advance(100);
  advance(200);
  assert.deepEqual(runs, ['b@200', 'a@400']);
  d.schedule('c', 10);
  d.cancel('c');
  d.schedule('d', 10);
  d.dispose();
  advance(100);
  assert.deepEqual(runs, ['b@200', 'a@400']);
});

test('uriToPath: file URIs map to paths, other schemes to distinct virtual paths that keep the name', () => {
  assert.equal(uriToPath('file:///etc/apache2/apache2.conf'), '/etc/apache2/apache2.conf');
  assert.equal(uriToPath('file:///tmp/with%20space/httpd.conf'), '/tmp/with space/httpd.conf');
  assert.equal(pathToUri('/tmp/with space/httpd.conf'), 'file:///tmp/with%20space/httpd.conf');
  const a = uriToPath('untitled:Untitled-1');
  const b = uriToPath('untitled:Untitled-2');
  assert.equal(isVirtualPath(a), true);
  assert.notEqual(a, b);
  assert.equal(nodePath.basename(a), 'Untitled-1');
  assert.equal(nodePath.basename(uriToPath('vscode-userdata:/x/plugin-cfg.xml')), 'plugin-cfg.xml');
  assert.equal(isVirtualPath('/etc/httpd.conf'), false);
});
