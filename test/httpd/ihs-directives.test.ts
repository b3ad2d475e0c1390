// IBM HTTP Server 9 directives (server/src/httpd/ihs-directives.ts): every one that real IHS configurations
// and issue 11 use is known, and none of them is reported as unknown or as a mod_ssl directive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { directiveInfo, modulesOf } from '../../server/src/httpd/directives';
import { IHS_DIRECTIVES, IHS_MODULES } from '../../server/src/httpd/ihs-directives';
import { repoRoot } from '../support/repo';

const ISSUE_LIST = [
  'SSLProtocolEnable',
  'SSLFIPSEnable',
  'SSLAttributeSet',
  'SSLClientAuthRequire',
  'SSLClientAuthGroup',
  'SSLPKCSDriver',
  'SSLCheckCertificateExpiration',
  'SSLOCSPEnable',
  'SSLInsecureRenegotiation',
  'ReportInterval',
  'TrackModules',
  'LdapConfigFile',
];

const upkeep = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8' });

type Json = { file: string; code: string; severity: string; message: string; line: number };

test('IHS directives of the issue are known, with an IHS module among their modules', () => {
  const ihsSources = new Set(IHS_MODULES.map(m => m.source));
  for (const name of ISSUE_LIST) {
    const info = directiveInfo(name);
    assert.ok(info, `${name} is known`);
    assert.ok(modulesOf(info).some(m => ihsSources.has(m)), `${name} comes from an IHS module (${modulesOf(info).join(', ')})`);
  }
  // Every hand-written entry names a module the table knows, so module-not-loaded can name its LoadModule.
  for (const d of IHS_DIRECTIVES) assert.ok(IHS_MODULES.some(m => m.source === d.module) || d.module === 'core.c', `${d.name}: ${d.module}`);
});

test('an IHS 9 configuration using them: no unknown directive, no mod_ssl message, no context or count error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-ihs-'));
  try {
    const conf = [
      'ServerRoot /opt/IBM/HTTPServer',
      'LoadModule mpm_event_module modules/mod_mpm_event.so',
      'Listen 443',
      'LoadModule ibm_ssl_module modules/mod_ibm_ssl.so',
      'LoadModule mpmstats_module modules/debug/mod_mpmstats.so',
      'LoadModule ibm_ldap_module modules/mod_ibm_ldap.so',
      'ReportInterval 600',
      'TrackModules On',
      'SSLPKCSDriver /usr/lib/pkcs11/PKCS11_API.so',
      'SSLCacheDisable',
      '<VirtualHost *:443>',
      '    SSLEnable',
      '    SSLProtocolDisable SSLv2 SSLv3 TLSv10 TLSv11',
      '    SSLProtocolEnable TLSv12 TLSv13',
      '    SSLFIPSEnable',
      '    SSLAttributeSet 471 1',
      '    SSLClientAuth required',
      '    SSLClientAuthGroup admins OrgUnit = Admins',
      '    SSLCheckCertificateExpiration 30',
      '    SSLOCSPEnable',
      '    SSLInsecureRenegotiation off',
      '    KeyFile /opt/IBM/HTTPServer/ssl/key.kdb',
      '    SSLServerCert default',
      '    <Location /admin>',
      '        SSLClientAuthRequire (OrgUnit = "Admins")',
      '        LdapConfigFile /opt/IBM/HTTPServer/conf/ldap.prop',
      '    </Location>',
      '</VirtualHost>',
      'SSLDisable',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'httpd.conf'), conf);
    const findings = JSON.parse(upkeep(dir, 'lint', 'httpd.conf', '--format', 'json').stdout) as Json[];
    const bad = findings.filter(
      f => /unknown-directive|directive-context|argument-count|module-not-loaded/.test(f.code) || /mod_ssl\b/.test(f.message),
    );
    assert.deepEqual(bad.map(f => `${f.line} ${f.code} ${f.message}`), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('corpus: the IHS configurations have no unknown directive and no mod_ssl message', t => {
  const dirs = [
    path.resolve(repoRoot(), '..', 'shared', 'corpus', 'httpd', 'cws-khuntly-WebSphere'),
    path.resolve(repoRoot(), '..', 'shared', 'corpus-validation', 'httpd', 'cws-khuntly-WebSphere'),
    path.resolve(repoRoot(), '..', 'shared', 'corpus-validation', 'httpd', 'i2group-analyze-deployment'),
  ].filter(d => fs.existsSync(d));
  if (!dirs.length) {
    t.skip('corpus not found next to the repository (../shared/corpus)');
    return;
  }
  for (const d of dirs) {
    const findings = JSON.parse(upkeep(d, 'lint', '.', '--format', 'json').stdout) as Json[];
    const bad = findings.filter(f => f.code === 'httpd/unknown-directive' || /mod_ssl\b/.test(f.message));
    assert.deepEqual(bad.map(f => `${f.file}:${f.line} ${f.code} ${f.message}`), [], d);
  }
});
