// The extension manifest's promises about the CLI and the workspace: the `$upkeep` problem matcher reads
// the real text output, Restricted Mode and virtual workspaces are declared, palette commands have
// `when` clauses; the server answers the language status request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/repo';
import { CLIENT_CAPABILITIES, startServer } from '../server/harness';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[]; description?: string }; virtualWorkspaces: { supported: boolean } | boolean };
  contributes: {
    commands: { command: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
    problemMatchers: { name: string; fileLocation: string[]; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }[];
    configuration: { properties: Record<string, { scope?: string }> };
  };
}

const manifest = () => JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as Manifest;

test('the $upkeep problem matcher matches every finding line of `upkeep lint` text output, with the JSON positions', () => {
  const m = manifest().contributes.problemMatchers.find(p => p.name === 'upkeep')!;
  assert.deepEqual(m.fileLocation, ['relative', '${cwd}']);
  const re = new RegExp(m.pattern.regexp);
  const root = repoRoot();
  const text = spawnSync(process.execPath, [path.join(root, 'bin', 'upkeep.js'), 'lint', 'examples/'], { cwd: root, encoding: 'utf8' }).stdout;
  const json = JSON.parse(spawnSync(process.execPath, [path.join(root, 'bin', 'upkeep.js'), 'lint', '-f', 'json', 'examples/'], { cwd: root, encoding: 'utf8' }).stdout) as {
    file: string; line: number; column: number; severity: string; code: string; message: string;
  }[];
  const lines = text.trimEnd().split('\n');
  const matched = lines.map(l => re.exec(l)).filter((x): x is RegExpExecArray => !!x);
  assert.equal(matched.length, json.length, 'one match per finding');
  assert.equal(lines.length, json.length + 1, 'the summary line is not a match');
  const key = (f: { file: string; line: number; column: number; code: string }) => `${f.file}:${f.line}:${f.column}:${f.code}`;
  assert.deepEqual(
    matched.map(x => key({ file: x[m.pattern.file], line: Number(x[m.pattern.line]), column: Number(x[m.pattern.column]), code: x[m.pattern.code] })).sort(),
    json.map(key).sort(),
  );
  for (const x of matched) {
    assert.ok(fs.existsSync(path.join(root, x[m.pattern.file])), `${x[m.pattern.file]} resolves against the task's folder`);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(x[m.pattern.severity]));
    assert.ok(x[m.pattern.message].length > 10);
  }
});

test('manifest: Restricted Mode supported with the allowlist left out, no virtual workspaces, palette when-clauses, resource-scoped settings', () => {
  const m = manifest();
  assert.equal(m.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(m.capabilities.untrustedWorkspaces.restrictedConfigurations, ['upkeep.maintenance.allow', 'upkeep.maintenance.verify']);
  assert.match(m.capabilities.untrustedWorkspaces.description ?? '', /Restricted Mode/);
  assert.equal(typeof m.capabilities.virtualWorkspaces === 'object' ? m.capabilities.virtualWorkspaces.supported : m.capabilities.virtualWorkspaces, false);
  const always = new Set(['upkeep.restartServer', 'upkeep.showOutput']);
  const palette = new Map(m.contributes.menus.commandPalette.map(e => [e.command, e.when]));
  for (const c of m.contributes.commands) {
    if (always.has(c.command)) assert.ok(!palette.has(c.command), c.command);
    else assert.ok(palette.get(c.command), `${c.command} has no when clause`);
  }
  for (const [k, v] of Object.entries(m.contributes.configuration.properties)) {
    // The verify command runs a program: it belongs to the machine (a workspace may not set it), not to a folder.
    // The diagnostics delay is about the editor's responsiveness: one value per window.
    const expected =
      k === 'upkeep.trace.server' ? undefined : k === 'upkeep.maintenance.verify' ? 'machine-overridable' : k === 'upkeep.diagnostics.delay' ? 'window' : 'resource';
    assert.equal(v.scope, expected, k);
  }
});

test('server: upkeep.server.status names the main configuration, its file count, the targeted Apache version and the settings file', async t => {
  const root = repoRoot();
  const h = startServer('stdio');
  t.after(() => h.kill());
  const ws = path.join(root, 'examples');
  await h.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ex' }], capabilities: CLIENT_CAPABILITIES });
  await h.conn.sendNotification('initialized', {});
  const status = (await h.conn.sendRequest('workspace/executeCommand', {
    command: 'upkeep.server.status',
    arguments: [pathToFileURL(path.join(ws, 'ihs', 'conf', 'ssl.conf')).href],
  })) as { language: string; configuration: string; configurationUri: string; files: number; apacheVersion: string; versionSource: string; settingsFile: string | null };
  assert.equal(status.language, 'apacheconf');
  assert.equal(status.configuration, 'ihs/conf/httpd.conf');
  assert.equal(status.configurationUri, pathToFileURL(path.join(ws, 'ihs', 'conf', 'httpd.conf')).href, 'the link opens it whatever folder it is in');
  assert.ok(status.files >= 3, `files: ${status.files}`);
  assert.ok(['2.2', '2.4'].includes(status.apacheVersion));
  assert.ok(['setting', 'detected', 'default'].includes(status.versionSource));
  const xml = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.status', arguments: [pathToFileURL(path.join(ws, 'ihs', 'plugin-cfg.xml')).href] })) as { language: string };
  assert.equal(xml.language, 'plugincfg');
});
