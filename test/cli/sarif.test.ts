// `upkeep lint --format sarif` checked by Microsoft's SARIF validator (`@microsoft/sarif-multitool`, a
// self-contained Linux build from npm), GitHub code scanning's rules included: no error, no warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo';

const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8' });

function multitool(): string | null {
  try {
    return require(require.resolve('@microsoft/sarif-multitool-linux', { paths: [repoRoot()] })) as string;
  } catch {
    return null;
  }
}

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

/** Runs `Sarif.Multitool validate` with the SARIF and GitHub rule kinds; returns its results. */
function validate(tool: string, sarifFile: string): ValidatorResult[] {
  const out = path.join(path.dirname(sarifFile), 'validation.sarif');
  const r = spawnSync(tool, ['validate', sarifFile, '--rule-kind', 'Sarif;Gh', '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `validator failed: ${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: ValidatorResult[] }[] };
  return log.runs[0].results ?? [];
}

/** Errors and warnings (the default level of a result is warning); notes are suggestions. */
const problems = (results: ValidatorResult[]) =>
  results.filter(r => (r.level ?? 'warning') !== 'note').map(r => `${r.ruleId} ${r.level ?? 'warning'}: ${r.message.id ?? ''} ${JSON.stringify(r.message.arguments ?? r.message.text)}`);

interface Sarif {
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: { id: string; helpUri: string; fullDescription: { text: string }; help: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: { ruleId: string; level: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[];
  }[];
}

test('SARIF of the examples passes sarif-multitool validate (SARIF and GitHub rules) with no error and no warning', t => {
  const tool = multitool();
  if (!tool) return t.skip('@microsoft/sarif-multitool-linux is not installed (npm ci installs it on Linux)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-sarif-'));
  try {
    const r = run(repoRoot(), 'lint', '--format', 'sarif', 'examples/');
    assert.equal(r.status, 0, r.stderr);
    const file = path.join(dir, 'examples.sarif');
    fs.writeFileSync(file, r.stdout);
    assert.deepEqual(problems(validate(tool, file)), []);

    const log = JSON.parse(r.stdout) as Sarif;
    const run0 = log.runs[0];
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    assert.equal(run0.tool.driver.version, pkg.version);
    assert.equal(run0.tool.driver.semanticVersion, pkg.version);
    assert.match(run0.tool.driver.informationUri, /^https:\/\//);
    for (const rule of run0.tool.driver.rules) {
      assert.match(rule.helpUri, new RegExp(`^https://.*/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.fullDescription.text.length > 20 && rule.help.text.includes(rule.helpUri), rule.id);
      assert.ok(fs.existsSync(path.join(repoRoot(), 'docs', 'rules', `${rule.id}.md`)), `the helpUri's page exists: ${rule.id}`);
    }
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, `file://${repoRoot()}/`);
    assert.ok(run0.results.length > 0);
    for (const res of run0.results) {
      const loc = res.locations[0].physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.match(loc.uri, /^examples\//);
      assert.match(Object.values(res.partialFingerprints)[0], /^[0-9a-f]{32}:\d+$/);
    }
    const prints = run0.results.map(x => Object.values(x.partialFingerprints)[0]);
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are distinct');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('SARIF of findings under a path with spaces: percent-encoded %SRCROOT%-relative URIs, valid; --quiet is honoured', t => {
  const tool = multitool();
  if (!tool) return t.skip('@microsoft/sarif-multitool-linux is not installed (npm ci installs it on Linux)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep sarif spaces '));
  try {
    const conf = path.join(dir, 'my site', 'conf');
    fs.mkdirSync(conf, { recursive: true });
    fs.writeFileSync(path.join(conf, 'httpd.conf'), 'ServerAdmin ops@example.test\nServerNmae www.example.test\nHeader set Retry-After "600"\nRewriteEngine yes\n');
    const r = run(dir, 'lint', '-f', 'sarif', 'my site');
    assert.equal(r.status, 1);
    // The validator cannot open a log whose own path has spaces: the log goes elsewhere, its content is the point.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-sarif-log-'));
    try {
      const file = path.join(out, 'spaces.sarif');
      fs.writeFileSync(file, r.stdout);
      assert.deepEqual(problems(validate(tool, file)), []);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
    const log = JSON.parse(r.stdout) as Sarif;
    const uris = log.runs[0].results.map(x => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual([...new Set(uris)], ['my%20site/conf/httpd.conf']);
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${dir.replace(/ /g, '%20')}/`);
    assert.deepEqual(log.runs[0].results.map(x => `${x.ruleId} ${x.level}`), ['httpd/unknown-directive error', 'httpd/retry-after warning', 'httpd/argument-count error']);

    // --quiet: errors only, in SARIF as in JSON.
    const quiet = JSON.parse(run(dir, 'lint', '-f', 'sarif', '--quiet', 'my site').stdout) as Sarif;
    const quietJson = JSON.parse(run(dir, 'lint', '-f', 'json', '--quiet', 'my site').stdout) as unknown[];
    assert.deepEqual(quiet.runs[0].results.map(x => x.level), ['error', 'error']);
    assert.equal(quietJson.length, 2);
    const examplesQuiet = JSON.parse(run(repoRoot(), 'lint', '-f', 'sarif', '-q', 'examples').stdout) as Sarif;
    assert.equal(examplesQuiet.runs[0].results.length, 0, 'the examples have warnings only');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
