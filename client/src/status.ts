// The language status item (the "{}" next to the language in the status bar) for Upkeep's files: which
// Apache configuration the file belongs to, how many files it reads, the Apache version the rules target,
// and the settings file in use. The server answers (`upkeep.server.status`); this only displays it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './selector';

const STATUS = 'upkeep.server.status';

interface FileStatus {
  language: string | null;
  configuration?: string;
  configurationUri?: string;
  files?: number;
  apacheVersion?: '2.2' | '2.4';
  versionSource?: 'setting' | 'detected' | 'default';
  settingsFile: string | null;
}

export function registerLanguageStatus(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  const item = vscode.languages.createLanguageStatusItem('upkeep.status', DOCUMENT_SELECTOR);
  item.name = 'Upkeep';
  item.text = 'Upkeep';
  context.subscriptions.push(item);
  let seq = 0;
  const update = async (editor: vscode.TextEditor | undefined) => {
    const doc = editor?.document;
    if (!doc || vscode.languages.match(DOCUMENT_SELECTOR, doc) === 0) return;
    const mine = ++seq;
    item.busy = true;
    try {
      const c = await client();
      const s = (await c.sendRequest('workspace/executeCommand', { command: STATUS, arguments: [doc.uri.toString()] })) as FileStatus | null;
      if (mine !== seq || !s) return;
      const settings = s.settingsFile ? `settings: ${s.settingsFile} + VS Code settings` : 'settings: VS Code settings (no .upkeep.json)';
      if (s.language === 'apacheconf' && s.configuration) {
        const why = s.versionSource === 'setting' ? 'upkeep.httpd.version' : s.versionSource === 'detected' ? 'detected from the modules' : 'default';
        item.text = `Apache ${s.apacheVersion} · ${s.files} file${s.files === 1 ? '' : 's'}`;
        item.detail = `configuration ${s.configuration} (${why}); ${settings}`;
        const target = s.configurationUri ? vscode.Uri.parse(s.configurationUri) : vscode.Uri.file(resolve(doc.uri, s.configuration));
        item.command = { title: 'Open main configuration', command: 'vscode.open', arguments: [target] };
      } else {
        item.text = s.language ? `Upkeep: ${s.language}` : 'Upkeep: not checked';
        item.detail = settings;
        item.command = undefined;
      }
    } catch {
      if (mine === seq) item.text = 'Upkeep';
    } finally {
      if (mine === seq) item.busy = false;
    }
  };
  // Older servers send only the display path: relative to the workspace folder of the document.
  const resolve = (docUri: vscode.Uri, p: string) =>
    p.startsWith('/') || /^[A-Za-z]:/.test(p)
      ? p
      : vscode.Uri.joinPath((vscode.workspace.getWorkspaceFolder(docUri) ?? vscode.workspace.workspaceFolders?.[0])?.uri ?? vscode.Uri.file('/'), p).fsPath;
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(e => void update(e)),
    vscode.workspace.onDidSaveTextDocument(() => void update(vscode.window.activeTextEditor)),
  );
  void update(vscode.window.activeTextEditor);
}
