// Palette command "Upkeep: Simulate a request": asks for the client address, the URL and optional
// headers, lets the server's request simulator run on the open configuration, and shows its report in
// a read-only text document beside the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const SIMULATE = 'upkeep.server.simulate.request';

interface SimulateAnswer {
  ok: boolean;
  message?: string;
  status?: number | null;
  text?: string;
}

export interface SimulateArgs {
  from: string;
  url: string;
  headers?: Record<string, string>;
}

export function registerSimulateCommand(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  let last: SimulateArgs = { from: '10.0.0.1', url: '/' };
  context.subscriptions.push(
    vscode.commands.registerCommand('upkeep.simulateRequest', async (uri?: vscode.Uri, given?: SimulateArgs) => {
      const doc = vscode.window.activeTextEditor?.document;
      const target = uri ?? (doc?.languageId === 'apacheconf' ? doc.uri : undefined);
      if (!target) {
        void vscode.window.showWarningMessage('Upkeep: open the httpd.conf (or a file it includes) first.');
        return undefined;
      }
      let req = given;
      if (!req) {
        const from = await vscode.window.showInputBox({ title: 'Upkeep: simulate a request (1/3)', prompt: 'Client IP address (REMOTE_ADDR)', value: last.from });
        if (!from) return undefined;
        const url = await vscode.window.showInputBox({ title: 'Upkeep: simulate a request (2/3)', prompt: 'URL: http://host/path?query or /path', value: last.url });
        if (!url) return undefined;
        const headerText = await vscode.window.showInputBox({
          title: 'Upkeep: simulate a request (3/3)',
          prompt: 'Headers, separated by ";" (e.g. "Host: www.example.com; X-Forwarded-For: 10.1.1.1"), or empty',
          value: Object.entries(last.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('; '),
        });
        if (headerText === undefined) return undefined;
        const headers: Record<string, string> = {};
        for (const part of headerText.split(';')) {
          const i = part.indexOf(':');
          if (i > 0) headers[part.slice(0, i).trim()] = part.slice(i + 1).trim();
        }
        req = { from: from.trim(), url: url.trim(), headers };
        last = req;
      }
      const c = await client();
      const r = (await c.sendRequest('workspace/executeCommand', { command: SIMULATE, arguments: [target.toString(), req] })) as SimulateAnswer;
      if (!r?.ok) {
        void vscode.window.showWarningMessage(`Upkeep: ${r?.message ?? 'the simulation failed'}`);
        return r;
      }
      if (!given) {
        const shown = await vscode.workspace.openTextDocument({ content: r.text ?? '', language: 'plaintext' });
        await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      }
      return r;
    }),
  );
}
