// Palette commands "Upkeep: Enter maintenance mode" and "Upkeep: Leave maintenance mode". They ask the
// server, which plans the change with the engine and applies it as one undoable WorkspaceEdit.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const ENTER = 'upkeep.server.maintenance.enter';
const LEAVE = 'upkeep.server.maintenance.leave';
const VERIFY = 'upkeep.server.maintenance.verify';

interface CommandResult {
  applied: boolean;
  /** The user answered Cancel to the server's missing-page question: nothing to report. */
  cancelled?: boolean;
  message: string;
  warnings?: string[];
  /** Files changed: the palette commands save them, so the server's files on disk agree with each other. */
  files?: string[];
  /** Set when upkeep.maintenance.verify is configured: ask the server to check the saved files. */
  verifyToken?: string;
}

interface VerifyResult {
  ok: boolean | null;
  message: string;
  output?: string;
  rolledBack?: boolean;
  files?: string[];
}

/**
 * After saving: runs the configured check (`apachectl -t`) through the server, only in a trusted
 * workspace. When it fails the server rolls the files back; they are saved again.
 */
async function verify(c: LanguageClient, r: CommandResult): Promise<void> {
  if (!r.applied || !r.verifyToken) return;
  const v = (await c.sendRequest('workspace/executeCommand', { command: VERIFY, arguments: [r.verifyToken, { trusted: vscode.workspace.isTrusted }] })) as VerifyResult;
  if (!v || v.ok === true) return;
  if (v.ok === null) {
    void vscode.window.showWarningMessage(`Upkeep: ${v.message}`);
    return;
  }
  if (v.rolledBack) await saveChanged({ applied: true, message: '', files: v.files });
  r.applied = false;
  r.message = `${v.message}${v.output ? `\n${v.output}` : ''}`;
}

async function saveChanged(r: CommandResult): Promise<void> {
  if (!r.applied || !r.files) return;
  for (const uri of r.files) {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    if (doc?.isDirty && !(await doc.save())) void vscode.window.showErrorMessage(`Upkeep: could not save ${vscode.workspace.asRelativePath(doc.uri)}.`);
  }
}

function httpdDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'apacheconf') return doc;
  void vscode.window.showWarningMessage('Upkeep: open the httpd.conf (or a file it includes) first.');
  return undefined;
}

async function report(r: CommandResult | null | undefined): Promise<void> {
  if (!r || r.cancelled) return;
  for (const w of r.warnings ?? []) void vscode.window.showWarningMessage(`Upkeep: ${w}`);
  if (r.applied) void vscode.window.showInformationMessage(`Upkeep: ${r.message}`);
  else void vscode.window.showWarningMessage(`Upkeep: ${r.message}`);
}

export function registerMaintenanceCommands(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('upkeep.enterMaintenance', async (uri?: vscode.Uri, options?: { status?: 503 | 500 }) => {
      const target = uri ?? httpdDocument()?.uri;
      if (!target) return undefined;
      let status = options?.status;
      if (!status && !uri) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: '503 Service Unavailable', description: 'temporary outage; clients and crawlers retry later', status: 503 as const },
            { label: '500 Internal Server Error', description: 'what the HCL Connections procedure uses for its desktop plug-ins', status: 500 as const },
          ],
          { title: 'Upkeep: answer non-allowlisted clients with' },
        );
        if (!pick) return undefined;
        status = pick.status;
      }
      const c = await client();
      const r = (await c.sendRequest('workspace/executeCommand', { command: ENTER, arguments: [target.toString(), { status }] })) as CommandResult;
      await saveChanged(r);
      await verify(c, r);
      await report(r);
      return r;
    }),
    vscode.commands.registerCommand('upkeep.leaveMaintenance', async (uri?: vscode.Uri) => {
      const target = uri ?? httpdDocument()?.uri;
      if (!target) return undefined;
      const c = await client();
      const r = (await c.sendRequest('workspace/executeCommand', { command: LEAVE, arguments: [target.toString()] })) as CommandResult;
      await saveChanged(r);
      await verify(c, r);
      await report(r);
      return r;
    }),
  );
}
