// httpd/undefined-variable: valid and invalid cases (in-memory workspaces), plus the real Apache: on the
// fixture configurations below, the variables Upkeep reports are exactly the ones apache2 -t names in
// AH00111 warnings, and no corpus file Apache accepts gets a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { defaultScratch, requireApache } from '../support/apache';
import { corpusDir } from '../support/repo';
import { ruleTester } from '../support/rule-tester';

const MAIN = 'ServerRoot /etc/httpd\nListen 80\n';

ruleTester('httpd/undefined-variable', {
  valid: [
    { name: 'defined before use', text: `${MAIN}Define ROOT /srv/www\nDocumentRoot \${ROOT}/htdocs\n` },
    { name: 'names compare ignoring case (Apache\'s Define table)', text: `${MAIN}Define DocRoot /srv\nDocumentRoot \${DOCROOT}\n` },
    { name: 'RewriteMap lookups are not variables', text: `${MAIN}RewriteEngine on\nRewriteMap lc int:tolower\nRewriteRule ^/(.*) \${lc:$1}\n` },
    { name: 'inside <IfDefine>, which Apache may skip', text: `${MAIN}<IfDefine SSL>\n  Listen \${SSL_PORT}\n</IfDefine>\n` },
    { name: 'macro parameters', text: `${MAIN}<Macro VHost \${host}>\n  ServerName \${host}\n</Macro>\n` },
    { name: 'in a comment', text: `${MAIN}# DocumentRoot \${NOWHERE}\n` },
    {
      name: 'a default set inside <IfDefine !NAME> (it may be read)',
      text: `${MAIN}<IfDefine !DOC_PATH>\n  Define DOC_PATH /srv/doc\n</IfDefine>\nDocumentRoot \${DOC_PATH}\n`,
    },
    { name: 'a drop-in seen without its main config: the variable may come from anywhere', path: '/ws/conf.d/site.conf', text: 'DocumentRoot ${DOCROOT}\n' },
    {
      name: 'a file named httpd.conf that is only a virtual host (no ServerRoot, Listen, LoadModule, Include)',
      text: '<VirtualHost *:80>\n  ErrorLog ${APACHE_LOG_DIR}/error.log\n</VirtualHost>\n',
    },
    {
      name: 'Debian without envvars in the workspace: the environment is unknown',
      path: '/ws/apache2/apache2.conf',
      text: 'Include ports.conf\nErrorLog ${APACHE_LOG_DIR}/error.log\n',
      files: { '/ws/apache2/ports.conf': 'Listen 80\n' },
    },
    {
      name: 'Debian with envvars exporting it',
      path: '/ws/apache2/apache2.conf',
      text: 'Include ports.conf\nErrorLog ${APACHE_LOG_DIR}/error.log\n',
      files: { '/ws/apache2/ports.conf': 'Listen 80\n', '/ws/apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n' },
    },
    {
      name: 'defined in the main config, used in an included file',
      path: '/ws/conf/extra/vhost.conf',
      text: '<VirtualHost *:80>\n  DocumentRoot ${DOCROOT}\n</VirtualHost>\n',
      files: { '/ws/conf/httpd.conf': `${MAIN}Define DOCROOT /srv\nInclude conf/extra/vhost.conf\n` },
    },
  ],
  invalid: [
    {
      name: 'defined nowhere',
      text: `${MAIN}DocumentRoot \${DOCROOT}/htdocs\n`,
      findings: ['3:warning'],
      messages: [/DOCROOT is not defined: no Define in this configuration sets it/],
    },
    {
      name: 'used before its Define',
      text: `${MAIN}DocumentRoot \${ROOT}\nDefine ROOT /srv\n`,
      findings: [3],
      messages: [/used before its Define \(conf\/httpd\.conf:4\)/],
    },
    {
      name: 'Define without a value',
      text: `${MAIN}Define ROOT\nDocumentRoot \${ROOT}\n`,
      findings: [4],
      messages: [/gives no value/],
    },
    {
      name: 'after UnDefine',
      text: `${MAIN}Define ROOT /srv\nUnDefine ROOT\nDocumentRoot \${ROOT}\n`,
      findings: [5],
      messages: [/UnDefine ROOT \(conf\/httpd\.conf:4\) removed ROOT/],
    },
    {
      name: 'Debian with envvars that does not export it',
      path: '/ws/apache2/apache2.conf',
      text: 'Include ports.conf\nErrorLog ${APACHE_LOGDIR}/error.log\n',
      files: { '/ws/apache2/ports.conf': 'Listen 80\n', '/ws/apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2\n' },
      findings: [2],
      messages: [/nor exported by apache2\/envvars/],
    },
    {
      name: 'in an included file, defined only after the Include',
      path: '/ws/conf/extra/vhost.conf',
      text: '<VirtualHost *:80>\n  DocumentRoot ${DOCROOT}\n</VirtualHost>\n',
      files: { '/ws/conf/httpd.conf': `${MAIN}Include conf/extra/vhost.conf\nDefine DOCROOT /srv\n` },
      findings: [2],
    },
    {
      name: 'in a section argument and in a quoted argument',
      text: `${MAIN}<Directory "\${WEB}/htdocs">\n</Directory>\nServerAdmin "admin@\${DOMAIN}"\n`,
      findings: [3, 5],
    },
  ],
});

const CODE = 'httpd/undefined-variable';

/** Variable names of the AH00111 warnings apache2 printed. */
const ah00111 = (stderr: string) => [...stderr.matchAll(/AH00111: Config variable \$\{([^}]*)\} is not defined/g)].map(m => m[1]);

function reported(file: string, root: string): string[] {
  const project = new Project(nodeFileSystem, { roots: [root] });
  const r = lintFile(project, file, 'apacheconf');
  return (r?.findings ?? []).filter(f => f.code === CODE).map(f => r!.file.text.slice(f.start + 2, f.end - 1));
}

test('undefined-variable names exactly the variables apache2 -t warns about (AH00111), and Apache still says Syntax OK', t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const dir = path.dirname(s.write('vars/extra.conf', 'ServerAdmin ${UPKEEP_LATE}\n'));
  const main = s.write(
    'vars/httpd.conf',
    [
      `ServerRoot "${dir}"`,
      'Define UPKEEP_OK ok',
      'ServerAdmin ${UPKEEP_OK}',
      'ServerAdmin ${upkeep_ok}',
      'ServerAdmin ${UPKEEP_EARLY}',
      'Define UPKEEP_EARLY later',
      'Define UPKEEP_NOVALUE',
      'ServerAdmin ${UPKEEP_NOVALUE}',
      'Define UPKEEP_GONE x',
      'UnDefine UPKEEP_GONE',
      'ServerAdmin ${UPKEEP_GONE}',
      'ServerAdmin "a ${UPKEEP_NOWHERE} b"',
      '<IfDefine UPKEEP_NOT_SET>',
      '  ServerAdmin ${UPKEEP_SKIPPED}',
      '</IfDefine>',
      'RewriteMap lc int:tolower',
      'RewriteRule ^/(.*) ${lc:$1}',
      '<Macro UpkeepM $p>',
      '  ServerAdmin ${UPKEEP_IN_MACRO}',
      '</Macro>',
      'Use UpkeepM x',
      'Include extra.conf',
      'Define UPKEEP_LATE now',
      'ServerAdmin ${UPKEEP_LATE}',
      '',
    ].join('\n'),
  );
  const check = s.checkConfig(main);
  assert.ok(check.ok, `apache2 -t accepts the fixture: ${check.stderr}`);
  const apache = [...new Set(ah00111(check.stderr))].sort();
  const ours = [...new Set([...reported(main, dir), ...reported(path.join(dir, 'extra.conf'), dir)])].sort();
  assert.deepEqual(apache, ['UPKEEP_EARLY', 'UPKEEP_GONE', 'UPKEEP_IN_MACRO', 'UPKEEP_LATE', 'UPKEEP_NOVALUE', 'UPKEEP_NOWHERE']);
  assert.deepEqual(ours, apache);
});

test('undefined-variable: no finding on corpus files apache2 -t accepts', t => {
  const corpus = corpusDir('httpd');
  if (!corpus) {
    t.skip('shared corpus not found next to the repository');
    return;
  }
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name !== 'PROVENANCE.tsv' && fs.readFileSync(p, 'latin1').includes('${')) files.push(p);
    }
  };
  walk(corpus);
  // Lint each file with its source repository as the workspace (so that a main config including it is
  // found); a finding is wrong only on a file Apache accepts, so only those files go to apache2 -t.
  const flagged = new Map<string, string[]>();
  for (const file of files) {
    const source = path.join(corpus, path.relative(corpus, file).split(path.sep)[0]);
    const vars = reported(file, source);
    if (vars.length) flagged.set(file, vars);
  }
  t.diagnostic(`${files.length} corpus files use \${...}; Upkeep reports undefined variables in ${flagged.size}`);
  for (const [file, vars] of flagged) t.diagnostic(`  ${path.relative(corpus, file)}: ${vars.join(', ')}`);
  if (!flagged.size) return;
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const wrong: string[] = [];
  for (const [file, vars] of flagged) {
    if (s.checkConfig(file).ok) wrong.push(`${path.relative(corpus, file)}: ${vars.join(', ')}`);
  }
  assert.deepEqual(wrong, [], 'findings on files apache2 -t accepts');
});
