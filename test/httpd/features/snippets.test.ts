import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parseHttpd } from '../../../server/src/httpd/syntax';
import { checkConfig, defaultScratch, requireApache } from '../../support/apache';

const FILE = nodePath.resolve(__dirname, '../../../../snippets/apacheconf.json');
const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

/**
 * Expands VS Code snippet syntax with every placeholder at its default: `${1:default}` (nested too),
 * `${1|a,b|}` (first choice), mirrors `${1}`/`$1` (the value of that placeholder), tab stops, escapes.
 */
function expand(body: string[]): string {
  const text = body.join('\n');
  const values = new Map<string, string>();
  let i = 0;
  const parse = (until: string | null): string => {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length && '$}\\,|'.includes(text[i + 1])) {
        out += text[i + 1];
        i += 2;
      } else if (until && c === until) {
        return out;
      } else if (c === '$' && text[i + 1] === '{') {
        const m = /^\$\{(\d+)(:|\||\})/.exec(text.slice(i));
        assert.ok(m, `bad placeholder at ${text.slice(i, i + 20)}`);
        i += m[0].length;
        const n = m[1];
        if (m[2] === '}') out += values.get(n) ?? '';
        else if (m[2] === '|') {
          const end = text.indexOf('|}', i);
          const v = text.slice(i, end).split(',')[0];
          i = end + 2;
          values.set(n, v);
          out += v;
        } else {
          const v = parse('}');
          i++; // the closing brace
          values.set(n, v);
          out += v;
        }
      } else if (c === '$' && /\d/.test(text[i + 1] ?? '')) {
        const m = /^\$(\d+)/.exec(text.slice(i))!;
        i += m[0].length;
        out += values.get(m[1]) ?? '';
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(null);
}

test('every snippet has prefixes, a description and a body that parses without problems', () => {
  assert.deepEqual(Object.keys(snippets).sort(), [
    'Directory',
    'IfModule',
    'Location',
    'Maintenance mode (503 for everybody except an allowlist)',
    'Reverse proxy',
    'VirtualHost (HTTP, port 80)',
    'VirtualHost (HTTPS, port 443, IBM HTTP Server)',
    'VirtualHost (HTTPS, port 443, mod_ssl)',
  ]);
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.prefix.length > 0 && s.description.length > 20 && s.body.length > 0, name);
    const tree = parseHttpd(expand(s.body));
    assert.deepEqual(tree.problems, [], `${name}: ${JSON.stringify(tree.problems)}`);
  }
});

test('the maintenance snippet: escaped, anchored allowlist, page exemption, 503 with Retry-After on error responses', () => {
  assert.equal(
    expand(snippets['Maintenance mode (503 for everybody except an allowlist)'].body),
    [
      '# Maintenance window: everybody except the allowlisted addresses gets 503.',
      'RewriteEngine On',
      'RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$',
      'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$',
      'RewriteRule ^ - [R=503,L]',
      'ErrorDocument 503 /maintenance.html',
      'Header always set Retry-After "3600"',
      '',
    ].join('\n'),
  );
});

test('the reverse proxy snippet mirrors its paths into ProxyPassReverse', () => {
  assert.equal(
    expand(snippets['Reverse proxy'].body),
    'ProxyPreserveHost On\nProxyPass "/app/" "http://backend.example.com:8080/app/"\nProxyPassReverse "/app/" "http://backend.example.com:8080/app/"\n',
  );
});

test('apache2 -t accepts the snippets as inserted (those that need no certificate files)', t => {
  if (!requireApache(t)) return;
  const scratch = defaultScratch();
  for (const name of ['VirtualHost (HTTP, port 80)', 'Location', 'Directory', 'IfModule', 'Reverse proxy', 'Maintenance mode (503 for everybody except an allowlist)']) {
    let text = expand(snippets[name].body);
    if (name.startsWith('VirtualHost')) text = text.replace(/logs\//g, `${scratch.dir}/`);
    const wrapped = name === 'Location' || name === 'Maintenance mode (503 for everybody except an allowlist)' || name === 'Reverse proxy' ? `<VirtualHost *:80>\n${text}\n</VirtualHost>\n` : text;
    const r = checkConfig(scratch.write(`snippets/${name.replace(/\W+/g, '_')}.conf`, wrapped));
    assert.ok(r.ok, `${name}: ${r.message ?? r.stderr}`);
  }
});
