// fixToWorkspaceEdit: engine fixes (offset edits, other files, create, rename) -> LSP WorkspaceEdit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { applyTextEdits, LineIndex } from '../../server/src/engine/text';
import { editCapabilitiesFrom, fixToWorkspaceEdit, type EditTarget } from '../../server/src/lsp/edits';

const MAIN = '/ws/httpd.conf';
const OTHER = '/ws/conf.d/site.conf';
const texts: Record<string, string> = {
  // BOM + CRLF: offsets count the BOM, lines split at CRLF.
  [MAIN]: '\uFEFFServerRoot "/etc/httpd"\r\nListen 80\r\nInclude conf.d/*.conf\r\n',
  [OTHER]: '<VirtualHost *:80>\n  ServerName a\n</VirtualHost>\n',
};
const openVersions: Record<string, number> = { [MAIN]: 7 };
const uri = (p: string) => 'file://' + p;

function lookup(path: string): EditTarget {
  const text = texts[path];
  return { uri: uri(path), version: openVersions[path] ?? null, index: text === undefined ? undefined : new LineIndex(text) };
}

function apply(edit: WorkspaceEdit, path: string): string {
  const edits = (edit.documentChanges ?? [])
    .filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri(path))
    .flatMap(c => c.edits as TextEdit[]);
  return applyTextEdits(texts[path] ?? '', edits);
}

test('a single-file fix becomes one versioned TextDocumentEdit with positions after BOM and CRLF', () => {
  const listen = texts[MAIN].indexOf('80');
  const edit = fixToWorkspaceEdit(MAIN, { edits: [{ start: listen, end: listen + 2, newText: '8080' }] }, lookup);
  assert.deepEqual(edit, {
    documentChanges: [
      {
        textDocument: { uri: uri(MAIN), version: 7 },
        edits: [{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 9 } }, newText: '8080' }],
      },
    ],
  });
  assert.equal(apply(edit!, MAIN), '\uFEFFServerRoot "/etc/httpd"\r\nListen 8080\r\nInclude conf.d/*.conf\r\n');
});

test('a multi-file fix: text edits first (merged per file), then creates with content, then renames', () => {
  const inc = texts[MAIN].indexOf('conf.d/*.conf');
  const name = texts[OTHER].indexOf('a\n');
  const edit = fixToWorkspaceEdit(
    MAIN,
    {
      edits: [{ start: inc, end: inc + 6, newText: 'sites' }],
      otherFiles: [
        { path: '/ws/sites/new.conf', create: '# new\n' },
        { path: OTHER, renameTo: '/ws/sites/site.conf' },
        { path: OTHER, edits: [{ start: name, end: name + 1, newText: 'b.example' }] },
        { path: MAIN, edits: [{ start: 1, end: 1, newText: '# managed\r\n' }] },
        { path: '/ws/empty.conf', create: '' },
      ],
    },
    lookup,
  );
  assert.deepEqual(edit, {
    documentChanges: [
      {
        textDocument: { uri: uri(MAIN), version: 7 },
        edits: [
          { range: { start: { line: 2, character: 8 }, end: { line: 2, character: 14 } }, newText: 'sites' },
          { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: '# managed\r\n' },
        ],
      },
      {
        textDocument: { uri: uri(OTHER), version: null },
        edits: [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } }, newText: 'b.example' }],
      },
      { kind: 'create', uri: uri('/ws/sites/new.conf'), options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri: uri('/ws/sites/new.conf'), version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# new\n' }],
      },
      { kind: 'create', uri: uri('/ws/empty.conf'), options: { overwrite: false, ignoreIfExists: false } },
      { kind: 'rename', oldUri: uri(OTHER), newUri: uri('/ws/sites/site.conf'), options: { overwrite: false, ignoreIfExists: false } },
    ],
  });
  assert.equal(apply(edit!, MAIN), '\uFEFF# managed\r\nServerRoot "/etc/httpd"\r\nListen 80\r\nInclude sites/*.conf\r\n');
  assert.equal(apply(edit!, OTHER), '<VirtualHost *:80>\n  ServerName b.example\n</VirtualHost>\n');
});

test('clients without documentChanges get a `changes` map, and no fix that needs create or rename', () => {
  const caps = editCapabilitiesFrom({ workspace: { workspaceEdit: {} } });
  assert.deepEqual(caps, { documentChanges: false, resourceOperations: [] });
  const edit = fixToWorkspaceEdit(
    MAIN,
    { edits: [{ start: 1, end: 1, newText: '#' }], otherFiles: [{ path: OTHER, edits: [{ start: 0, end: 0, newText: '#' }] }] },
    lookup,
    caps,
  );
  assert.deepEqual(edit, {
    changes: {
      [uri(MAIN)]: [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: '#' }],
      [uri(OTHER)]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '#' }],
    },
  });
  assert.equal(fixToWorkspaceEdit(MAIN, { edits: [], otherFiles: [{ path: '/ws/x.conf', create: 'x' }] }, lookup, caps), null);
});

test('resource operations the client lacks, and unreadable targets, make the fix unavailable (null)', () => {
  const noRename = editCapabilitiesFrom({ workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } });
  const rename = { edits: [], otherFiles: [{ path: OTHER, renameTo: '/ws/b.conf' }] };
  assert.equal(fixToWorkspaceEdit(MAIN, rename, lookup, noRename), null);
  assert.notEqual(fixToWorkspaceEdit(MAIN, { edits: [], otherFiles: [{ path: '/ws/c.conf', create: '' }] }, lookup, noRename), null);
  // Edits to a file that cannot be read: offsets cannot be placed.
  assert.equal(fixToWorkspaceEdit(MAIN, { edits: [], otherFiles: [{ path: '/ws/missing.conf', edits: [{ start: 0, end: 0, newText: 'x' }] }] }, lookup), null);
  assert.equal(fixToWorkspaceEdit('/ws/missing.conf', { edits: [{ start: 0, end: 0, newText: 'x' }] }, lookup), null);
});
