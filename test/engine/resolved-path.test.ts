// Project.file's path normalization: the fast path must give exactly what path.resolve gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { resolvedPath } from '../../server/src/engine/workspace';

test('resolvedPath equals path.resolve on absolute, relative and odd paths', () => {
  const cases = [
    '/etc/apache2/apache2.conf',
    '/etc/apache2/conf.d/site1.conf',
    '/etc/apache2/',
    '/etc//apache2/x.conf',
    '/etc/apache2/./x.conf',
    '/etc/apache2/../x.conf',
    '/etc/apache2/.hidden/x.conf',
    '/etc/apache2/x.conf.',
    '/',
    '//',
    'relative/x.conf',
    './x.conf',
    '../x.conf',
    'x',
    '/a b/c d.conf',
    '/ünï/cödé.conf',
  ];
  for (const p of cases) assert.equal(resolvedPath(p), path.resolve(p), p);
});
