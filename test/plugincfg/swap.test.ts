// Swapping primary and backup servers: exact edits, swapping twice gives back the same bytes
// (fast-check on generated clusters, CRLF and BOM included, and on the corpus files), refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { parsePluginCfg } from '../../server/src/plugincfg/model';
import { swapAll, swapCluster } from '../../server/src/plugincfg/swap';
import { CORPUS_PLUGIN_CFG, exampleText } from './helpers';

const swapText = (text: string, name: string) => {
  const r = swapCluster(text, parsePluginCfg(text), name);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyOffsetEdits(text, r.edits);
};
const swapAllText = (text: string) => applyOffsetEdits(text, swapAll(text, parsePluginCfg(text)).edits);

test('swapping a cluster moves only the two lists\' contents', () => {
  const text = exampleText();
  const out = swapText(text, 'AppsCluster');
  const expected = text
    .replace(
      '<PrimaryServers>\n         <Server Name="was-node1_AppsCluster_server1"/>\n      </PrimaryServers>\n      <BackupServers>\n         <Server Name="was-node2_AppsCluster_server2"/>',
      '<PrimaryServers>\n         <Server Name="was-node2_AppsCluster_server2"/>\n      </PrimaryServers>\n      <BackupServers>\n         <Server Name="was-node1_AppsCluster_server1"/>',
    );
  assert.notEqual(expected, text);
  assert.equal(out, expected);
  assert.equal(swapText(out, 'AppsCluster'), text);
  const r = swapCluster(text, parsePluginCfg(text), 'AppsCluster');
  assert.ok(r.ok);
  assert.deepEqual([r.primary, r.backup], [['was-node2_AppsCluster_server2'], ['was-node1_AppsCluster_server1']]);
  // Minimal: the edits cover only the differing part of each list (here: "1_AppsCluster_server1" and its counterpart).
  assert.equal(r.edits.length, 2);
  for (const e of r.edits) assert.ok(e.end - e.start <= 'was-node1_AppsCluster_server1'.length, JSON.stringify(e));
});

test('each list keeps its own layout and comments, which travel with the servers', () => {
  const text =
    '<Config>\r\n <ServerCluster Name="A">\r\n  <Server Name="a"/><Server Name="b"/><Server Name="c"/>\r\n' +
    '  <PrimaryServers>\r\n\t<!-- main node -->\r\n\t<Server Name="a"/>\r\n\t<Server Name="b"/>\r\n  </PrimaryServers>\r\n' +
    '  <BackupServers><Server Name="c"/></BackupServers>\r\n </ServerCluster>\r\n</Config>\r\n';
  const out = swapText('\ufeff' + text, 'A');
  assert.equal(
    out,
    '\ufeff<Config>\r\n <ServerCluster Name="A">\r\n  <Server Name="a"/><Server Name="b"/><Server Name="c"/>\r\n' +
      '  <PrimaryServers><Server Name="c"/></PrimaryServers>\r\n' +
      '  <BackupServers>\r\n\t<!-- main node -->\r\n\t<Server Name="a"/>\r\n\t<Server Name="b"/>\r\n  </BackupServers>\r\n </ServerCluster>\r\n</Config>\r\n',
  );
  assert.equal(swapText(out, 'A'), '\ufeff' + text);
});

test('refusals: no BackupServers, an empty list, an unknown cluster; no edit', () => {
  const noBackup = '<Config><ServerCluster Name="A"><Server Name="a"/><PrimaryServers><Server Name="a"/></PrimaryServers></ServerCluster></Config>';
  const r1 = swapCluster(noBackup, parsePluginCfg(noBackup), 'A');
  assert.equal(r1.ok, false);
  assert.match(!r1.ok ? r1.message : '', /has no <BackupServers> list, so there is nothing to swap with/);
  const empty = '<Config><ServerCluster Name="A"><Server Name="a"/><PrimaryServers><Server Name="a"/></PrimaryServers><BackupServers/></ServerCluster></Config>';
  const r2 = swapCluster(empty, parsePluginCfg(empty), 'A');
  assert.match(!r2.ok ? r2.message : '', /BackupServers of cluster "A" names no server/);
  const r3 = swapCluster(empty, parsePluginCfg(empty), 'B');
  assert.match(!r3.ok ? r3.message : '', /no ServerCluster named "B" \(clusters: "A"\)/);
  const all = swapAll(noBackup, parsePluginCfg(noBackup));
  assert.deepEqual([all.edits, all.swapped, all.skipped.map(s => s.cluster)], [[], [], ['A']]);
});

// --- property: generated clusters ------------------------------------------------------------------

interface GenCluster {
  servers: number;
  primary: number[];
  backup: number[];
  indent: string;
  comment: boolean;
  inline: boolean;
  backupFirst: boolean;
}

const genCluster: fc.Arbitrary<GenCluster> = fc.integer({ min: 1, max: 4 }).chain(n =>
  fc.record({
    servers: fc.constant(n),
    primary: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
    backup: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
    indent: fc.constantFrom('  ', '   ', '    ', '\t'),
    comment: fc.boolean(),
    inline: fc.boolean(),
    backupFirst: fc.boolean(),
  }),
);

function render(clusters: GenCluster[], eol: string, bom: boolean): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<Config>'];
  clusters.forEach((c, k) => {
    const i = c.indent;
    lines.push(`${i}<ServerCluster Name="C${k}" LoadBalance="Round Robin">`);
    for (let s = 0; s < c.servers; s++) lines.push(`${i}${i}<Server Name="C${k}_s${s}" CloneID="c${k}s${s}"><Transport Hostname="node${s}" Port="9080" Protocol="http"/></Server>`);
    const list = (tag: string, ids: number[]) => {
      const refs = ids.map(s => `<Server Name="C${k}_s${s}"/>`);
      if (c.inline) return `${i}${i}<${tag}>${c.comment ? '<!-- x -->' : ''}${refs.join(' ')}</${tag}>`;
      return [`${i}${i}<${tag}>`, ...(c.comment ? [`${i}${i}${i}<!-- ${tag} -->`] : []), ...refs.map(r => `${i}${i}${i}${r}`), `${i}${i}</${tag}>`].join(eol);
    };
    const p = list('PrimaryServers', c.primary);
    const b = list('BackupServers', c.backup);
    lines.push(...(c.backupFirst ? [b, p] : [p, b]));
    lines.push(`${i}</ServerCluster>`);
  });
  lines.push('</Config>', '');
  return (bom ? '\ufeff' : '') + lines.join(eol);
}

test('property: swapping twice gives back the same bytes; one swap exchanges the lists and touches nothing else', () => {
  fc.assert(
    fc.property(fc.array(genCluster, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (clusters, eol, bom) => {
      const text = render(clusters, eol, bom);
      const tree = parsePluginCfg(text);
      assert.deepEqual(tree.doc.errors, []);
      const all = swapAll(text, tree);
      assert.equal(all.swapped.length, clusters.length);
      // Every edit lies inside the content of a PrimaryServers or BackupServers element.
      const contents = tree.model.clusters.flatMap(c => c.lists.map(l => l.element.content));
      for (const e of all.edits) assert.ok(contents.some(s => s.start <= e.start && e.end <= s.end), `edit outside the lists: ${JSON.stringify(e)}`);
      const once = applyOffsetEdits(text, all.edits);
      const after = parsePluginCfg(once);
      assert.deepEqual(after.doc.errors, []);
      after.model.clusters.forEach((c, k) => {
        assert.deepEqual(c.primary!.refs.map(r => r.name), clusters[k].backup.map(s => `C${k}_s${s}`));
        assert.deepEqual(c.backup!.refs.map(r => r.name), clusters[k].primary.map(s => `C${k}_s${s}`));
      });
      assert.equal(swapAllText(once), text);
      // One cluster at a time, too.
      const name = `C${clusters.length - 1}`;
      assert.equal(swapText(swapText(text, name), name), text);
    }),
    { numRuns: 300, seed: 20240611 },
  );
});

test('corpus files: no BackupServers, so nothing is swapped; with a BackupServers added, swapping twice is the identity', t => {
  if (!existsSync(CORPUS_PLUGIN_CFG)) return t.skip(`corpus not found at ${CORPUS_PLUGIN_CFG}`);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.xml')) files.push(p);
    }
  };
  walk(CORPUS_PLUGIN_CFG);
  assert.ok(files.length >= 3);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const r = swapAll(text, parsePluginCfg(text));
    assert.equal(r.edits.length, 0, f);
    assert.match(r.skipped[0]?.message ?? '', /no <BackupServers> list/);
    // A second server on a standby host and a BackupServers list naming it, added after PrimaryServers.
    const tree = parsePluginCfg(text);
    const c = tree.model.clusters[0];
    const serverText = text.slice(c.servers[0].element.start, c.servers[0].element.end).replace(/Name="([^"]*)"/, 'Name="$1_standby"');
    const listEnd = c.primary!.element.end;
    const withBackup =
      text.slice(0, c.servers[0].element.end) + '\n    ' + serverText + text.slice(c.servers[0].element.end, listEnd) +
      `\n    <BackupServers>\n      <Server Name="${c.servers[0].name}_standby"/>\n    </BackupServers>` + text.slice(listEnd);
    for (const variant of [withBackup, withBackup.replace(/\n/g, '\r\n'), '\ufeff' + withBackup]) {
      const once = swapAllText(variant);
      assert.notEqual(once, variant);
      const again = parsePluginCfg(once).model.clusters[0];
      assert.deepEqual(again.primary!.refs.map(x => x.name), [`${c.servers[0].name}_standby`]);
      assert.equal(swapAllText(once), variant, f);
    }
  }
});
