import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/languages';
import { languageFor } from '../../server/src/languages';
import { matchesAnyGlob } from '../../server/src/engine/glob';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { parseSettings } from '../../server/src/lsp/settings';

test('globs: **, *, ?, {a,b}, [..]; relative patterns match at any depth, absolute ones at the root', () => {
  const yes: [string, string][] = [
    ['/opt/ihs/conf/site.conf', '**/ihs/conf/*.conf'],
    ['/opt/ihs/conf/site.conf', 'conf/*.conf'],
    ['/opt/ihs/conf/site.conf', '*.conf'],
    ['/opt/ihs/conf/a/b/site.conf', '**/conf/**/*.conf'],
    ['/srv/t/vhost.j2', '**/*.{j2,tmpl}'],
    ['/srv/t/v1.conf', '/srv/t/v?.conf'],
    ['/srv/t/v1.conf', '**/v[0-9].conf'],
    ['C:\\ihs\\conf\\x.conf', '**/conf/*.conf'],
  ];
  const no: [string, string][] = [
    ['/opt/ihs/conf/site.conf', '**/ihs/*.conf'],
    ['/other/srv/t/v1.conf', '/srv/t/v?.conf'],
    ['/srv/t/vhost.j2x', '**/*.{j2,tmpl}'],
    ['/srv/t/va.conf', '**/v[0-9].conf'],
  ];
  for (const [p, g] of yes) assert.equal(matchesAnyGlob(p, [g]), true, `${p} ~ ${g}`);
  for (const [p, g] of no) assert.equal(matchesAnyGlob(p, [g]), false, `${p} !~ ${g}`);
  assert.equal(matchesAnyGlob('/x.conf', undefined), false);
});

test('upkeep.httpd.files makes a file httpd configuration whatever its name and content', () => {
  const fs = new MemoryFileSystem({ '/ws/templates/site.j2': 'KeepAlive On\n' });
  assert.equal(languageFor(new Project(fs, { roots: ['/ws'] }), '/ws/templates/site.j2'), null);
  const { settings, problems } = parseSettings({ httpd: { files: ['**/templates/*.j2', 3] } });
  assert.deepEqual(settings.httpdFiles, ['**/templates/*.j2']);
  assert.deepEqual(problems, []);
  assert.equal(languageFor(new Project(fs, { roots: ['/ws'], httpdFiles: settings.httpdFiles }), '/ws/templates/site.j2'), 'apacheconf');
});
