// plugin-cfg.xml in the real editor: the code lens above each ServerCluster, the swap refactor (exact
// text), the lens command swapping back (same bytes), hover on an attribute, the outline.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyAction, codeLenses, expectDiagnostics, fixtureUri, hoverText, openFixture, refactorActions, replaceOnce, revertAll, symbolOutline, waitFor } from '../helpers';

const PLUGIN = 'ws2/plugin-cfg.xml';
const SHOP_LISTS = [
  '      <PrimaryServers>',
  '         <Server Name="node1_shop"/>',
  '      </PrimaryServers>',
  '      <BackupServers>',
  '         <Server Name="node2_shop"/>',
  '      </BackupServers>',
].join('\n');
const SHOP_SWAPPED = SHOP_LISTS.replace('node1_shop', 'NODE2').replace('node2_shop', 'node1_shop').replace('NODE2', 'node2_shop');

suite('plugin-cfg.xml', () => {
  teardown(revertAll);

  test('a code lens per ServerCluster shows primary and backup hosts and runs the swap', async () => {
    const doc = await openFixture(PLUGIN);
    await expectDiagnostics(doc.uri, ['plugincfg/attribute-case@24']);
    const lenses = await codeLenses(doc.uri);
    assert.deepStrictEqual(
      lenses.map(l => [l.range.start.line + 1, l.command?.title, l.command?.command, ...(l.command?.arguments ?? [])]),
      [
        [9, 'Requests go to 10.20.0.11 (1 server) · backup 10.20.0.12 (1 server) takes over if it fails · click to swap', 'upkeep.swapCluster', doc.uri.toString(), 'ShopCluster'],
        [23, 'Requests go to 10.20.0.11 (1 server) · backup 10.20.0.12 (1 server) takes over if it fails · click to swap', 'upkeep.swapCluster', doc.uri.toString(), 'ApiCluster'],
      ],
    );
  });

  test('swap refactor on ShopCluster gives the exact text; the lens command swaps back to the same bytes', async () => {
    const doc = await openFixture(PLUGIN);
    const before = doc.getText();
    await expectDiagnostics(doc.uri, ['plugincfg/attribute-case@24']);
    const actions = await refactorActions(doc.uri, new vscode.Range(9, 0, 9, 0)); // inside ShopCluster
    assert.deepStrictEqual(actions.map(a => [a.title, a.kind?.value]), [
      ['Swap primary and backup servers of ShopCluster', 'refactor.rewrite.upkeep.swap'],
      ['Swap primary and backup servers in every cluster (2)', 'refactor.rewrite.upkeep.swap'],
    ]);
    await applyAction(actions[0]);
    assert.strictEqual(doc.getText(), replaceOnce(before, SHOP_LISTS, SHOP_SWAPPED));

    // the lens now reads the other way round, and clicking it (its command) swaps back
    const lens = await waitFor('the updated lens', async () => {
      const ls = await codeLenses(doc.uri);
      return ls[0]?.command?.title === 'Requests go to 10.20.0.12 (1 server) · backup 10.20.0.11 (1 server) takes over if it fails · click to swap' ? ls[0] : undefined;
    }, 10_000);
    const r = await vscode.commands.executeCommand<{ applied: boolean; message: string }>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(r?.applied, r?.message);
    await waitFor('the swap back', () => (doc.getText() === before ? true : undefined), 5_000);
  });

  test('hover on an attribute explains it, with the vendor documentation link', async () => {
    const doc = await openFixture(PLUGIN);
    await expectDiagnostics(doc.uri, ['plugincfg/attribute-case@24']);
    const line = doc.lineAt(9).text; // <Server CloneID="shop1" ...
    const text = await hoverText(doc.uri, new vscode.Position(9, line.indexOf('CloneID') + 3));
    assert.match(text, /^\*\*CloneID\*\* \(`<Server>`\)/);
    assert.match(text, /JSESSIONID/);
    assert.match(text, /\(https:\/\/www\.ibm\.com\/docs\/[^)]+\)/);
  });

  test('outline: virtual host group, clusters with their servers, URI groups and routes', async () => {
    const doc = await openFixture(PLUGIN);
    await expectDiagnostics(doc.uri, ['plugincfg/attribute-case@24']);
    assert.deepStrictEqual(await symbolOutline(doc.uri), [
      'default_host', '  *:80', '  *:443',
      'ShopCluster', '  node1_shop', '  node2_shop',
      'ApiCluster', '  node1_api', '  node2_api',
      'default_host_ShopCluster_URIs', '  /shop/*', 'Route → ShopCluster',
      'default_host_ApiCluster_URIs', '  /api/*', 'Route → ApiCluster',
    ]);
  });

  test('drain node (confirmed) writes the copy and repoints httpd.conf in one edit; restore gives httpd.conf back', async () => {
    const doc = await openFixture(PLUGIN);
    await expectDiagnostics(doc.uri, ['plugincfg/attribute-case@24']);
    const copy = vscode.Uri.joinPath(doc.uri, '..', 'plugin-cfg-drain-10.20.0.11.xml');
    const httpd = fixtureUri('ws2/conf/httpd.conf');
    const read = async (u: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8');
    const httpdBefore = await read(httpd);
    try {
      const r = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('upkeep.drainNode', doc.uri, '10.20.0.11', true);
      assert.strictEqual(r?.applied, true, r?.message);
      assert.match(r!.message, /ShopCluster: primary node2_shop; backup none/);
      // On disk, both: the copy with its content and httpd.conf pointing at it (the command saves them).
      assert.match(await read(copy), /<PrimaryServers>\s*<Server Name="node2_shop"\/>/);
      assert.match(await read(httpd), /WebSpherePluginConfig \S*plugin-cfg-drain-10\.20\.0\.11\.xml/);
      const restored = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('upkeep.restoreRouting', httpd);
      assert.strictEqual(restored?.applied, true, restored?.message);
      assert.strictEqual(await read(httpd), httpdBefore, 'httpd.conf is back byte for byte, on disk');
      assert.match(restored!.message, /Removed the drain copy plugin-cfg-drain-10\.20\.0\.11\.xml/);
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(copy)), 'restore deletes the drain copy');
    } finally {
      await vscode.workspace.fs.delete(copy).then(undefined, () => undefined);
    }
  });
});
