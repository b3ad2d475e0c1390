// Hover per key (cursor marked with |).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epagesHover, epagesHoverAt } from '../../server/src/epages/hover';
import { HOTFIX_KEYS } from '../../server/src/epages/keys';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { cursor } from '../phasescripts/util';

const HOTFIX = '/etc/sysconfig/epages-hotfix';
const EPAGES6 = '/etc/default/epages6';

function hoverAt(marked: string, path = HOTFIX) {
  const { text, offset } = cursor(marked);
  const h = epagesHoverAt(text, offset, path);
  return h && { ...h, covered: text.slice(h.start, h.end) };
}

test('hover on a key: summary, values, default and the link', () => {
  const h = hoverAt('MAILTO=\nCHECK_|ONLY=no\n');
  assert.ok(h);
  assert.equal(h.covered, 'CHECK_ONLY');
  assert.equal(
    h.markdown,
    [
      '**CHECK_ONLY**',
      '',
      'With `yes`, the job only checks whether new hotfixes exist and installs nothing.',
      '',
      'Values: `yes` or `no`; any other value counts as `no`.',
      '',
      'Default: `no`.',
      '',
      '[Use ePages Hotfixes](http://helpcenter.epages.com/Doc/ver_6_17_41/epages/Manual/en/Use_ePages_Hotfixes.html)',
    ].join('\n'),
  );
});

test('hover on a commented-out key and at both ends of a key', () => {
  assert.equal(hoverAt('#|DAYS_OF_WEEK=0123456\n')?.covered, 'DAYS_OF_WEEK');
  assert.match(hoverAt('#DAYS_OF_WEEK|=0123456\n')!.markdown, /digits from 0 to 6, each at most once/);
  assert.match(hoverAt('SERVICE_WAIT_TIME|=3600\n')!.markdown, /Default: `300`\.\n\nAs installed: `3600`\./);
  assert.match(hoverAt('LOCK_TS|=/x\n')!.markdown, /Default: `\/var\/lock\/epages-hotfix\.lock\/ts\.lock`/);
  assert.match(hoverAt('SYSTEMNAME|=\n')!.markdown, /Default: the output of `hostname`\./);
  assert.match(hoverAt('MAILTO|=\n')!.markdown, /Default: empty\./);
});

test('no hover on values, unknown keys, or keys of the other file', () => {
  assert.equal(hoverAt('CHECK_ONLY=n|o\n'), null);
  assert.equal(hoverAt('CHECK|ONLY=no\n'), null);
  assert.equal(hoverAt('CHECK_|ONLY=no\n', EPAGES6), null);
  assert.equal(hoverAt('CHECK_|ONLY=no\n', '/etc/other'), null);
  assert.equal(hoverAt('|'), null);
});

test('epages6: EPAGES_CUSTOM_STORETYPES', () => {
  const h = hoverAt('export EPAGES_CUSTOM_|STORETYPES="A B"\n', EPAGES6);
  assert.equal(h?.covered, 'EPAGES_CUSTOM_STORETYPES');
  assert.match(h!.markdown, /store type names separated by spaces/);
});

test('every hotfix key has a hover', () => {
  for (const k of HOTFIX_KEYS) assert.match(hoverAt(`${k.name}|=x\n`)?.markdown ?? '', new RegExp(`^\\*\\*${k.name}\\*\\*\\n\\n`), k.name);
});

test('LSP hover from a project', () => {
  const text = '# x\r\nRANDOMWAIT=10\r\n';
  const project = new Project(new MemoryFileSystem({ [HOTFIX]: text }), {});
  const file = project.file(HOTFIX)!;
  const h = epagesHover(project, file, text.indexOf('WAIT'));
  assert.deepEqual(h?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } });
});
