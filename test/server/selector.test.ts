// The VS Code side's document selector, watchers and language contribution agree with the server's
// classifier (server/src/engine/files.ts): every file the server handles reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DOCUMENT_SELECTOR, WATCHED_FILES } from '../../client/src/selector';
import { classifyFile } from '../../server/src/engine/files';
import { REPO } from './harness';

// path.matchesGlob is experimental in Node 20 (a warning on stderr) but follows the same glob syntax.
const matchesGlob = (nodePath as unknown as { matchesGlob(p: string, g: string): boolean }).matchesGlob;

function selected(path: string, language: string): boolean {
  return DOCUMENT_SELECTOR.some(f => f.scheme === 'file' && (!f.language || f.language === language) && (!f.pattern || matchesGlob(path, f.pattern)));
}

test('files of the non-httpd languages reach the server through the selector (with their usual editor language)', () => {
  const cases: [string, string, string][] = [
    ['/srv/was/plugin-cfg.xml', 'xml', 'plugincfg'],
    ['/opt/IBM/WebSphere/Plugins/config/web1/plugin-cfg_web1.xml', 'xml', 'plugincfg'],
    ['/srv/st/managed-settings.xml', 'xml', 'sametime'],
    ['/srv/st/managed-community-configs.xml', 'xml', 'sametime'],
    ['/repo/updates/scripts/PREINSTALL_ecommerce.ps1', 'powershell', 'phasescript'],
    ['/repo/updates/scripts/helper.ps1', 'powershell', 'phasescript'],
    ['/elsewhere/ENDUPDATE-web.ps1', 'powershell', 'phasescript'],
    ['/etc/sysconfig/epages-hotfix', 'plaintext', 'epages'],
    ['/etc/default/epages6', 'shellscript', 'epages'],
  ];
  for (const [path, editorLanguage, serverLanguage] of cases) {
    assert.equal(classifyFile(path), serverLanguage, `server language of ${path}`);
    assert.equal(selected(path, editorLanguage), true, `${path} (${editorLanguage}) is not in DOCUMENT_SELECTOR`);
  }
  // Unrelated files of those editor languages stay away from the server.
  assert.equal(selected('/srv/app/pom.xml', 'xml'), false);
  assert.equal(selected('/home/me/profile.ps1', 'powershell'), false);
  // httpd files go by the editor language `apacheconf`, also unsaved ones.
  assert.ok(DOCUMENT_SELECTOR.some(f => f.language === 'apacheconf' && f.scheme === 'untitled'));
});

test('package.json gives `apacheconf` only to names the server classifies as httpd', () => {
  const pkg = JSON.parse(readFileSync(nodePath.join(REPO, 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'apacheconf');
  assert.ok(lang, 'apacheconf language contribution');
  assert.equal(lang.extensions, undefined, 'no extension-wide association (never all *.conf)');
  assert.equal(lang.configuration, './language-configuration.json');
  for (const name of lang.filenames) assert.equal(classifyFile(`/etc/httpd/conf/${name}`), 'apacheconf', name);
  for (const pattern of lang.filenamePatterns as string[]) {
    // One concrete path per pattern: a folder for `**/`, a name for `*`.
    const sample = pattern.startsWith('**/') ? '/opt/ihs/' + pattern.slice(3).replace(/\*/g, 'site') : '/opt/ihs/conf/' + pattern.replace(/\*/g, 'site');
    assert.equal(matchesGlob(sample, pattern.startsWith('**/') ? pattern : '**/' + pattern), true, `${sample} ~ ${pattern}`);
    assert.equal(classifyFile(sample), 'apacheconf', `${sample} (from ${pattern})`);
  }
  assert.ok(pkg.activationEvents.includes('onLanguage:apacheconf'));
  assert.equal(pkg.main, './dist/extension.js');
});

test('the watched globs cover every example file Upkeep lints (a change to any of them reaches the server)', () => {
  const examples: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = nodePath.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (classifyFile(p, readFileSync(p, 'utf8'))) examples.push(p);
    }
  };
  walk(nodePath.join(REPO, 'examples'));
  assert.ok(examples.length >= 5, `only ${examples.length} example files recognised`);
  for (const p of examples) assert.ok(WATCHED_FILES.some(g => matchesGlob(p, g)), `${p} is not watched`);
});

test('language-configuration.json: # comments, folding and indentation follow <Section> ... </Section>', () => {
  const conf = JSON.parse(readFileSync(nodePath.join(REPO, 'language-configuration.json'), 'utf8'));
  assert.equal(conf.comments.lineComment, '#');
  assert.equal(conf.autoClosingPairs.some((p: { open: string }) => p.open === '<'), false, '< is not auto-closed');
  const start = new RegExp(conf.folding.markers.start);
  const end = new RegExp(conf.folding.markers.end);
  const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
  const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
  for (const open of ['<VirtualHost *:443>', '  <Directory "/var/www">', '<IfModule mod_rewrite.c>', '<If "%{HTTP_HOST} == \'a\'">']) {
    assert.ok(start.test(open) && inc.test(open), open);
    assert.ok(!end.test(open) && !dec.test(open), open);
  }
  for (const close of ['</VirtualHost>', '    </Directory >']) assert.ok(end.test(close) && dec.test(close) && !start.test(close), close);
  for (const other of ['RewriteCond %{REMOTE_ADDR} <5', 'Header set X "<b>"', '# <VirtualHost> in a comment']) {
    assert.ok(!start.test(other) && !inc.test(other), other);
  }
  const words = 'Options -Indexes LoadModule rewrite_module modules/mod_rewrite.so ${APACHE_LOG_DIR}'.match(new RegExp(conf.wordPattern, 'g'));
  assert.deepEqual(words, ['Options', 'Indexes', 'LoadModule', 'rewrite_module', 'modules', 'mod_rewrite.so', 'APACHE_LOG_DIR']);
});
