// "Upkeep: Simulate a request" in the real editor, on ws2's IBM HTTP Server configuration (ServerRoot
// /opt/IBM/HTTPServer, read from the workspace copy): the palette command with its arguments given (as
// the tests and keybindings pass them) answers with the server's report.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFixture, revertAll } from '../helpers';

interface Answer {
  ok: boolean;
  status?: number | null;
  text?: string;
}

suite('request simulator', () => {
  teardown(() => revertAll());

  test('a redirect in the port-80 virtual host and the page on the SSL one', async () => {
    const doc = await openFixture('ws2/conf/httpd.conf');
    const redirect = await vscode.commands.executeCommand<Answer>('upkeep.simulateRequest', doc.uri, { from: '10.9.9.9', url: 'http://shop.example.test/old/x' });
    assert.ok(redirect?.ok, JSON.stringify(redirect));
    assert.strictEqual(redirect.status, 301);
    assert.match(redirect.text ?? '', /Result: 301 Moved Permanently -> http:\/\/shop\.example\.test\/new\/x/);
    assert.match(redirect.text ?? '', /httpd\.conf:22\)/);
    const page = await vscode.commands.executeCommand<Answer>('upkeep.simulateRequest', doc.uri, { from: '10.9.9.9', url: 'https://shop.example.test/maintenance.html' });
    assert.strictEqual(page?.status, 200);
    assert.match(page?.text ?? '', /VirtualHost \*:443/);
    assert.match(page?.text ?? '', /body: file .*htdocs\/maintenance\.html/);
  });
});
