// The `initialize` answer: the core capabilities (incremental sync, code actions when the client takes
// literals, commands, workspace folders) merged with every feature's, and the final command list.
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { KIND_FIX_ALL } from './codeActions';
import type { CommandRegistry } from './commands';
import { mergeCapabilities, type Feature } from './features';

export function initializeResult(
  client: ClientCapabilities,
  features: readonly Feature[],
  commands: CommandRegistry,
  version: string,
  error: (message: string, err?: unknown) => void,
): InitializeResult {
  const literalActions = !!client.textDocument?.codeAction?.codeActionLiteralSupport;
  const core: ServerCapabilities = {
    // `save`: a saved .upkeep.json is read again by clients that watch no files.
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: literalActions
      ? { codeActionKinds: [CodeActionKind.QuickFix, KIND_FIX_ALL, ...new Set(features.flatMap(f => f.codeActionKinds ?? []))] }
      : undefined,
    executeCommandProvider: { commands: [] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  const extra: Partial<ServerCapabilities>[] = [];
  for (const f of features) {
    try {
      if (f.capabilities) extra.push(f.capabilities(client));
    } catch (e) {
      error(`upkeep: feature ${f.name} failed to declare its capabilities`, e);
    }
  }
  const capabilities = mergeCapabilities(core, ...extra);
  // Commands are final once the client has the list.
  commands.seal();
  capabilities.executeCommandProvider = { commands: commands.ids() };
  return { capabilities, serverInfo: { name: 'upkeep', version } };
}
