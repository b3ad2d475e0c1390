// Palette commands for plugin-cfg.xml and the rolling update (swap, drain a node, restore routing,
// which server served me) and for update phase scripts (new script). The server does the work; these
// gather the user's choices and show the outcome.
import * as vscode from 'vscode';
import { infoMessage } from './messages';
import type { LanguageClient } from 'vscode-languageclient/node';

interface Result {
  applied: boolean;
  message: string;
  dryRun?: boolean;
  /** Files the command changed and that must reach the disk together (drain, restore). */
  files?: string[];
}

/**
 * Saves the files a routing change touched. A drain that left the new plugin-cfg copy unsaved while
 * httpd.conf (auto-saved as a refactoring) already names it would make the web server read an empty file.
 */
async function saveChanged(r: Result): Promise<void> {
  if (!r.applied || !r.files) return;
  for (const uri of r.files) {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    if (doc?.isDirty && !(await doc.save())) void vscode.window.showErrorMessage(`Upkeep: could not save ${vscode.workspace.asRelativePath(doc.uri)}; save it before restarting the web server.`);
  }
}

type ClientFn = () => Promise<LanguageClient>;

async function exec<T>(client: ClientFn, command: string, ...args: unknown[]): Promise<T> {
  const c = await client();
  return (await c.sendRequest('workspace/executeCommand', { command, arguments: args })) as T;
}

function show(r: Result | undefined): void {
  if (!r) return;
  if (r.applied) void vscode.window.showInformationMessage(`Upkeep: ${r.message}`);
  else void vscode.window.showWarningMessage(`Upkeep: ${r.message}`);
}

/** The plugin-cfg.xml to work on: the active one, else the workspace's (asking when there are several). */
async function pluginCfg(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /plugin-cfg[^/\\]*\.xml$/i.test(active.path)) return active;
  const found = (await vscode.workspace.findFiles('**/plugin-cfg*.xml', '**/node_modules/**', 50)).filter(u => !/-drain-/.test(u.path));
  if (found.length <= 1) {
    if (!found.length) void vscode.window.showWarningMessage('Upkeep: no plugin-cfg.xml in this workspace.');
    return found[0];
  }
  const pick = await vscode.window.showQuickPick(
    found.map(u => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Upkeep: which plugin-cfg.xml?' },
  );
  return pick?.uri;
}

export function registerPluginCommands(context: vscode.ExtensionContext, client: ClientFn): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('upkeep.swapCluster', async (uri?: string | vscode.Uri, cluster?: string) => {
      const target = uri ? uri.toString() : (await pluginCfg())?.toString();
      if (!target) return undefined;
      const r = await exec<Result>(client, 'upkeep.server.plugin.swap', target, cluster);
      show(r);
      return r;
    }),
    vscode.commands.registerCommand('upkeep.swapAll', async (uri?: vscode.Uri) => {
      const target = (uri ?? (await pluginCfg()))?.toString();
      if (!target) return undefined;
      const r = await exec<Result>(client, 'upkeep.server.plugin.swap', target);
      show(r);
      return r;
    }),
    vscode.commands.registerCommand('upkeep.drainNode', async (uri?: vscode.Uri, node?: string, confirmed?: boolean) => {
      const target = (uri ?? (await pluginCfg()))?.toString();
      if (!target) return undefined;
      let host = node;
      if (!host) {
        const nodes = await exec<{ host: string; servers: string[] }[]>(client, 'upkeep.server.plugin.nodes', target);
        const pick = await vscode.window.showQuickPick(
          nodes.map(n => ({ label: n.host, description: `${n.servers.length} server${n.servers.length === 1 ? '' : 's'}`, detail: n.servers.join(', ') })),
          { title: 'Upkeep: drain which node for maintenance?' },
        );
        if (!pick) return undefined;
        host = pick.label;
      }
      const preview = await exec<Result>(client, 'upkeep.server.plugin.drain', target, host, true);
      if (!preview.dryRun) {
        show(preview);
        return preview;
      }
      if (!confirmed) {
        const ok = await vscode.window.showInformationMessage(`Drain ${host}?`, { modal: true, detail: preview.message }, 'Drain');
        if (ok !== 'Drain') return undefined;
      }
      const r = await exec<Result>(client, 'upkeep.server.plugin.drain', target, host);
      await saveChanged(r);
      show(r);
      return r;
    }),
    vscode.commands.registerCommand('upkeep.restoreRouting', async (uri?: vscode.Uri) => {
      const target = (uri ?? vscode.window.activeTextEditor?.document.uri ?? (await pluginCfg()))?.toString();
      if (!target) return undefined;
      const r = await exec<Result>(client, 'upkeep.server.plugin.restore', target);
      await saveChanged(r);
      show(r);
      return r;
    }),
    vscode.commands.registerCommand('upkeep.whichServer', async (cookie?: string, uri?: vscode.Uri) => {
      const target = (uri ?? (await pluginCfg()))?.toString();
      if (!target) return undefined;
      const value =
        cookie ??
        (await vscode.window.showInputBox({
          title: 'Upkeep: which server served me?',
          prompt: 'Paste the JSESSIONID cookie value (browser developer tools, Application/Storage tab)',
          placeHolder: '0000aBcDeFgHiJ:a1b2c3d4:e5f6a7b8',
        }));
      if (!value) return undefined;
      const r = await exec<{ lines: string[] }>(client, 'upkeep.server.plugin.which', target, value.trim());
      const box = infoMessage(r.lines, !cookie);
      void vscode.window.showInformationMessage(box.message, { modal: !cookie, detail: box.detail });
      return r;
    }),
    vscode.commands.registerCommand('upkeep.newPhaseScript', async () => {
      const info = await exec<{ phases: string[]; modules: string[]; folder: string }>(client, 'upkeep.server.phase.new');
      const phase = await vscode.window.showQuickPick(info.phases, { title: 'Upkeep: phase of the new update script' });
      if (!phase) return undefined;
      const module = await vscode.window.showQuickPick(info.modules, { title: `Upkeep: module of the ${phase} script` });
      if (!module) return undefined;
      const script = await exec<{ fileName: string; content: string; folder: string }>(client, 'upkeep.server.phase.new', phase, module);
      const ws = vscode.workspace.workspaceFolders?.[0];
      if (!ws) {
        const doc = await vscode.workspace.openTextDocument({ language: 'powershell', content: script.content });
        await vscode.window.showTextDocument(doc);
        return doc.uri;
      }
      const found = await vscode.workspace.findFiles(`**/${info.folder}/*.ps1`, '**/node_modules/**', 1);
      const dir = found[0] ? vscode.Uri.joinPath(found[0], '..') : vscode.Uri.joinPath(ws.uri, ...info.folder.split('/'));
      const target = vscode.Uri.joinPath(dir, script.fileName);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(script.content) });
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showWarningMessage(`Upkeep: could not create ${vscode.workspace.asRelativePath(target)}.`);
        return undefined;
      }
      await vscode.window.showTextDocument(target);
      return target;
    }),
  );
}
