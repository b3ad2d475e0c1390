// The VS Code side of Upkeep: starts the language server (dist/server.js) and hands it the documents
// of client/src/selector.ts. Activation is cheap: vscode-languageclient is loaded and the server
// process started only when a document the server handles is open (or a command needs it), so
// `onLanguage:xml` costs an XML user who never opens a plugin-cfg.xml next to nothing.
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerIncludedFiles } from './included';
import { registerMaintenanceCommands } from './maintenance';
import { registerPluginCommands } from './plugin';
import { registerSimulateCommand } from './simulate';
import { DOCUMENT_SELECTOR, SETTINGS_SECTION, WATCHED_FILES } from './selector';
import { registerLanguageStatus } from './status';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;
let output: vscode.LogOutputChannel | undefined;

/** What other parts of the extension (and integration tests) use. */
export interface UpkeepApi {
  /** The running client, started on first use. */
  client(): Promise<LanguageClient>;
}

export function activate(context: vscode.ExtensionContext): UpkeepApi {
  output = vscode.window.createOutputChannel('Upkeep', { log: true });
  context.subscriptions.push(output);

  const handles = (doc: vscode.TextDocument) => vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
  const startFor = (doc: vscode.TextDocument) => {
    if (!client && !starting && handles(doc)) void ensureStarted(context).catch(() => undefined);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startFor));
  for (const doc of vscode.workspace.textDocuments) startFor(doc);

  context.subscriptions.push(
    vscode.commands.registerCommand('upkeep.restartServer', async () => {
      if (client) {
        output?.info('Restarting the Upkeep language server.');
        await client.restart();
      } else await ensureStarted(context);
    }),
    vscode.commands.registerCommand('upkeep.showOutput', () => output?.show(true)),
  );

  registerMaintenanceCommands(context, () => ensureStarted(context));
  registerPluginCommands(context, () => ensureStarted(context));
  registerIncludedFiles(context, () => ensureStarted(context));
  registerLanguageStatus(context, () => ensureStarted(context));
  // Restricted Mode leaves the workspace's maintenance allowlist out (see the manifest); trust brings it in.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  registerSimulateCommand(context, () => ensureStarted(context));
  return { client: () => ensureStarted(context) };
}

export async function deactivate(): Promise<void> {
  const c = client ?? (starting ? await starting.catch(() => undefined) : undefined);
  client = undefined;
  starting = undefined;
  if (c) await c.stop();
}

function ensureStarted(context: vscode.ExtensionContext): Promise<LanguageClient> {
  if (client) return Promise.resolve(client);
  starting ??= start(context).then(
    c => {
      client = c;
      return c;
    },
    e => {
      starting = undefined;
      output?.error(`The Upkeep language server did not start: ${(e as Error)?.message ?? e}`);
      void vscode.window.showErrorMessage('Upkeep: the language server did not start. See the "Upkeep" output for details.');
      throw e;
    },
  );
  return starting;
}

async function start(context: vscode.ExtensionContext): Promise<LanguageClient> {
  // Loaded here, not at activation: the bundle evaluates the module on first use.
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
  const module = context.asAbsolutePath('dist/server.js');
  // Node flags for the server process (package.json "upkeep.serverNodeFlags"): a small young generation and
  // an old generation that grows by 40 % over what survives a collection (V8 lets it grow up to fourfold on a
  // machine with much memory), so that a long-lived server does not hold its garbage between collections.
  const nodeFlags: string[] = context.extension.packageJSON?.upkeep?.serverNodeFlags ?? [];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: nodeFlags } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watchers = WATCHED_FILES.map(glob => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
    // Tells the server that this client syncs settings and file events itself (no dynamic registration).
    initializationOptions: { client: 'upkeep-vscode', workspaceTrusted: vscode.workspace.isTrusted },
    outputChannel: output,
  };
  const c = new LanguageClient('upkeep', 'Upkeep', serverOptions, clientOptions);
  await c.start();
  return c;
}
