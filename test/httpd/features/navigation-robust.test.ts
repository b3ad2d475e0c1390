// Navigation on any input: variable and plugin-cfg name lookups, highlights, rename and the
// undefined-variable rule never throw; every span lies inside the text; a rename changes only names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyOffsetEdits } from '../../../server/src/engine/text';
import { undefinedUses, variableHighlights, variableIndexFor, renameVariable, variableReferences } from '../../../server/src/httpd/variables';
import { httpdConfigFor } from '../../../server/src/httpd/config';
import { nameOccurrences, occurrencesAt, renameName } from '../../../server/src/plugincfg/names';
import { parsePluginCfg } from '../../../server/src/plugincfg/model';
import { setup } from './cursor';

const httpdPieces = fc.constantFrom(
  'ServerRoot /x\n', 'Define ', 'UnDefine ', 'A', 'a', 'B ', 'val', '${', '}', '${A}', '${a:b}', '<IfDefine ', '!', '>', '</IfDefine>',
  '<Macro M ${p}>', '</Macro>', '"', "'", '\\\n', '\n', '\r\n', ' ', '#', 'Include x.conf\n', 'Listen 80\n', '\uFEFF', 'é',
);
const xmlPieces = fc.constantFrom(
  '<Config>', '</Config>', '<ServerCluster Name="C">', '</ServerCluster>', '<Server Name="s"/>', '<Server Name=\'s\'>', '</Server>',
  '<PrimaryServers>', '</PrimaryServers>', '<Route ServerCluster="C" UriGroup="U"/>', '<UriGroup Name="U">', '</UriGroup>',
  '<VirtualHostGroup Name=', '"', "'", '&amp;', '&', '<', '>', '\n', ' ', 'Name="', '“',
);

test('property: variable navigation and the rule never throw; spans are inside the text; rename edits only names', () => {
  fc.assert(
    fc.property(fc.array(httpdPieces, { maxLength: 30 }).map(a => a.join('')), fc.nat(), (text, n) => {
      const s = setup(text, { marker: '\u0001never\u0001', files: { '/ws/conf/x.conf': 'Define A 1\nListen ${A}\n' } });
      const offset = text.length ? n % (text.length + 1) : 0;
      const index = variableIndexFor(s.project, s.file.path);
      for (const o of index.byFile.get(s.file.path) ?? []) {
        assert.ok(0 <= o.outerStart && o.outerStart <= o.start && o.start <= o.end && o.end <= o.outerEnd && o.outerEnd <= text.length);
        assert.equal(text.slice(o.start, o.end), o.name);
      }
      for (const h of variableHighlights(s.project, s.file, offset)) assert.ok(h.start <= h.end && h.end <= text.length);
      variableReferences(s.project, s.file, offset, true);
      undefinedUses(s.project, httpdConfigFor(s.project, s.file.path), s.file.path);
      const r = renameVariable(s.project, s.file, offset, 'RENAMED_1');
      if ('edits' in r) {
        for (const e of r.edits) assert.ok(/^[^\s}]*$/.test(text.slice(e.start, e.end)), `edit replaces a name, not ${JSON.stringify(text.slice(e.start, e.end))}`);
        applyOffsetEdits(text, r.edits);
      }
    }),
    { numRuns: 300 },
  );
});

test('property: plugin-cfg names never throw; a rename touches only attribute values', () => {
  fc.assert(
    fc.property(fc.array(xmlPieces, { maxLength: 30 }).map(a => a.join('')), fc.nat(), (text, n) => {
      const file = { text, tree: parsePluginCfg(text) };
      const offset = text.length ? n % (text.length + 1) : 0;
      for (const o of nameOccurrences(file)) assert.ok(0 <= o.start && o.start <= o.end && o.end <= text.length);
      occurrencesAt(file, offset);
      const r = renameName(file, offset, 'Renamed');
      if ('edits' in r) {
        const out = applyOffsetEdits(text, r.edits);
        assert.equal(out.length - text.length, r.edits.reduce((d, e) => d + 'Renamed'.length - (e.end - e.start), 0));
      }
    }),
    { numRuns: 300 },
  );
});
