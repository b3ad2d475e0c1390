// Files an httpd.conf includes often have names that say nothing (conf/maintenance.conf, ssl.conf), so
// VS Code opens them as "Properties" or plain text. In a workspace that holds an Apache main config, the
// client asks the server (which knows the Include graph and the upkeep.httpd.files setting) what such a
// file is, and switches it to apacheconf when it is Apache configuration. Other programs' .conf files
// stay as they are.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isHttpdConfFolderFile } from '../../server/src/engine/files';

const LANGUAGE_OF = 'upkeep.server.languageOf';
const CANDIDATE = /\.(conf|load|inc)$/i;

export function registerIncludedFiles(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  let httpdWorkspace: Thenable<boolean> | undefined;
  const isHttpdWorkspace = () =>
    (httpdWorkspace ??= vscode.workspace.findFiles('**/{httpd.conf,apache2.conf}', '**/node_modules/**', 1).then(r => r.length > 0));

  // A `resource` setting: the value of the document's workspace folder.
  const configured = (doc: vscode.TextDocument) => (vscode.workspace.getConfiguration('upkeep', doc.uri).get<string[]>('httpd.files') ?? []).length > 0;
  const check = async (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' || doc.languageId === 'apacheconf') return;
    // conf/maintenance.conf of an IHS install: decided at once from the folder and the first lines,
    // before the server has started or read the Include graph (else it sits as "Properties", and
    // Format Document finds no formatter, until the server answers).
    if (isHttpdConfFolderFile(doc.uri.fsPath, doc.getText(new vscode.Range(0, 0, 400, 0)))) {
      await vscode.languages.setTextDocumentLanguage(doc, 'apacheconf');
      return;
    }
    // With upkeep.httpd.files set, any file may be one; else only .conf-like names in an Apache workspace.
    if (!configured(doc) && !(CANDIDATE.test(doc.uri.path) && (await isHttpdWorkspace()))) return;
    const c = await client();
    const r = (await c.sendRequest('workspace/executeCommand', { command: LANGUAGE_OF, arguments: [doc.uri.toString()] })) as { language: string | null } | null;
    if (r?.language === 'apacheconf' && !doc.isClosed && doc.languageId !== 'apacheconf') {
      await vscode.languages.setTextDocumentLanguage(doc, 'apacheconf');
    }
  };
  const safeCheck = (doc: vscode.TextDocument) => void check(doc).catch(() => undefined);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(safeCheck),
    vscode.workspace.onDidCreateFiles(() => (httpdWorkspace = undefined)),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('upkeep.httpd.files')) for (const doc of vscode.workspace.textDocuments) safeCheck(doc);
    }),
  );
  for (const doc of vscode.workspace.textDocuments) safeCheck(doc);
}
