// The Upkeep language server: wiring only. The engine (engine/, httpd/, ...) turns text into findings;
// the modules of server/src/lsp/ do the server's work without a connection (documents.ts: open
// documents over the disk; linter.ts: cached lint results and diagnostics; scheduler.ts: when to lint
// and publish; configuration.ts: editor settings; scopes.ts: the settings and Project of each file; requests.ts: code actions and commands; capabilities.ts;
// transport.ts: strict stdio framing). This file creates the connection and connects them.
//
// Run: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code), `--socket=PORT`,
// `--pipe=NAME`.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  StreamMessageWriter,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
} from 'vscode-languageserver/node';
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { PieceTextDocuments } from './lsp/text-document';
import './languages';
import { isConfigFilePath } from './engine/config-file';
import { WATCHED_GLOBS } from './engine/files';
import { initializeResult } from './lsp/capabilities';
import { CommandRegistry } from './lsp/commands';
import { Configuration } from './lsp/configuration';
import { DiagnosticsWorker, isDiagnosticsWorker, runDiagnosticsWorkerThread, workerWanted, type ToWorker } from './lsp/diagnostics-worker';
import { DocumentStore, EditorOverlay } from './lsp/documents';
import { editCapabilitiesFrom, fixToWorkspaceEdit } from './lsp/edits';
import { FEATURES, type Feature, type UpkeepServices } from './lsp/features';
import { DocumentLinter } from './lsp/linter';
import { makeGuard, makeLog } from './lsp/logging';
import { findPackageRoot, serverVersion } from './lsp/package-info';
import { codeActionHandler, executeCommandHandler } from './lsp/requests';
import { LintScheduler } from './lsp/scheduler';
import { documentUriOf, ProjectPool } from './lsp/scopes';
import { routeConsoleTo, StrictStreamMessageReader } from './lsp/transport';
import { pathToUri, uriToPath } from './lsp/uri';
import { changedPaths, rootsAfterChange, rootsOf } from './lsp/workspace-events';

export { MAX_DIAGNOSTICS } from './lsp/linter';
export { findPackageRoot } from './lsp/package-info';

export interface ServerOptions {
  /** Folder holding docs/rules/ (defaults to the package root found from this file). */
  packageRoot?: string;
  features?: Feature[];
  /** Called when the client sends `shutdown`. */
  onShutdown?(): void;
  /**
   * The script of the diagnostics worker (the server's own bundle): lints then run in a worker thread and
   * requests never wait behind one. Without it (or with UPKEEP_LINT_WORKER=0) lints run in this thread.
   */
  diagnosticsWorker?: string;
}

/** Wires the Upkeep server onto a connection and starts listening. */
export function startServer(connection: Connection, opts: ServerOptions = {}): UpkeepServices {
  const documents = new TextDocuments(PieceTextDocuments);
  const overlay = new EditorOverlay();
  const { log, warn, error } = makeLog(connection.console);
  // One Project per distinct settings (the nearest .upkeep.json under the folder's editor settings).
  // With a diagnostics worker, the worker reads the settings files first and reports their problems.
  const projects = new ProjectPool(overlay, { warn: message => (worker ? undefined : warn(message)) });
  const store = new DocumentStore(documents, overlay, projects);
  const commands = new CommandRegistry();
  const packageRoot = opts.packageRoot ?? findPackageRoot(__dirname);
  const features = opts.features ?? FEATURES;
  // The document the request being handled is about (its path), so that `services.project` is the
  // Project of that document's settings in every handler, awaits included.
  const requestDocument = new AsyncLocalStorage<string>();
  const baseGuard = makeGuard(error);
  const guard: UpkeepServices['guard'] = (name, fallback, handler) =>
    baseGuard(name, fallback, (params, ...rest) => {
      const uri = documentUriOf(params);
      return uri ? requestDocument.run(store.pathOf(uri), () => handler(params, ...rest)) : handler(params, ...rest);
    });
  const linter = new DocumentLinter(store, packageRoot, log, projects);
  let clientCaps: ClientCapabilities = {};
  /** Workspace folder path -> the URI the client named it by (the scopeUri of its settings). */
  let folderUris = new Map<string, string>();
  const setFolders = (folders: { path: string; uri: string }[]) => {
    folderUris = new Map(folders.map(f => [nodePath.resolve(f.path), f.uri]));
    projects.setRoots(folders.map(f => f.path));
    toWorker({ t: 'roots', roots: folders.map(f => f.path) });
  };

  // ---- diagnostics: in the worker thread when there is one, else here ---------------------------------
  const publishHere = () =>
    new LintScheduler(store, linter, {
      send: params => connection.sendDiagnostics(params),
      delaySetting: () => config.current.diagnostics.delay,
      ready: () => config.ready(),
      error,
    });
  let scheduler: LintScheduler | null = null;
  let worker: DiagnosticsWorker | null = null;
  const toWorker = (msg: ToWorker) => worker?.post(msg);
  if (opts.diagnosticsWorker && workerWanted()) {
    try {
      worker = new DiagnosticsWorker({
        script: opts.diagnosticsWorker,
        packageRoot,
        diagnostics: (params, lint) => {
          const doc = documents.get(params.uri);
          // A newer text is already on its way to the worker: its own diagnostics follow.
          if (doc && typeof params.version === 'number' && doc.version > params.version) return;
          if (doc && typeof params.version === 'number') linter.remember(params.uri, params.version, lint, params.diagnostics);
          void connection.sendDiagnostics(params).catch(e => error('upkeep: sending diagnostics failed', e));
        },
        log: (level, message) => (level === 'error' ? error(message) : level === 'warn' ? warn(message) : log(message)),
        died: reason => {
          error(`upkeep: the diagnostics worker stopped (${reason}); linting in the server's own thread from now on`);
          worker = null;
          scheduler = publishHere();
          scheduler.relintAll();
        },
      });
    } catch (e) {
      error('upkeep: the diagnostics worker could not start; linting in the server\'s own thread', e);
      worker = null;
    }
  }

  const config = new Configuration({
    pull: () => connection.workspace.getConfiguration('upkeep'),
    // Settings are `resource`-scoped: each workspace folder is asked with its own scopeUri.
    folders: () => [...projects.workspaceRoots],
    pullFolders: folders => connection.workspace.getConfiguration(folders.map(f => ({ scopeUri: folderUris.get(f) ?? pathToUri(f), section: 'upkeep' }))),
    apply: (settings, perFolder) => {
      projects.setSettings(settings, perFolder);
      toWorker({ t: 'settings', global: settings, perFolder: [...perFolder] });
    },
    warn,
    error,
  });
  if (!worker) scheduler = publishHere();
  void config.ready().then(() => toWorker({ t: 'ready' }));
  const relintAll = () => (worker ? toWorker({ t: 'relintAll' }) : scheduler?.relintAll());

  const services: UpkeepServices = {
    connection,
    documents,
    get project() {
      const path = requestDocument.getStore();
      return path !== undefined ? projects.projectFor(path) : projects.default;
    },
    // A URI has a scheme of two letters or more (a Windows path's drive letter is one).
    projectFor: uriOrPath => projects.projectFor(/^[a-z][a-z0-9+.-]+:/i.test(uriOrPath) ? store.pathOf(uriOrPath) : uriOrPath),
    settingsFileFor: path => projects.configFor(path)?.path,
    commands,
    clientCapabilities: () => clientCaps,
    pathOf: uri => store.pathOf(uri),
    uriOf: path => store.uriOf(path),
    sourceFile: uri => linter.sourceFile(uri),
    lint: uri => linter.lint(uri)?.result ?? null,
    workspaceEditFor: (path, fix) => fixToWorkspaceEdit(path, fix, p => linter.editTarget(p), editCapabilitiesFrom(clientCaps)),
    relintAll,
    guard,
    log,
    error,
  };

  // ---- lifecycle ----------------------------------------------------------------------------------
  connection.onInitialize(params => {
    clientCaps = params.capabilities ?? {};
    const roots = rootsOf(params.workspaceFolders, params.rootUri, params.rootPath);
    const uris = params.workspaceFolders?.length ? params.workspaceFolders.map(f => f.uri) : roots.map(pathToUri);
    setFolders(roots.map((path, i) => ({ path, uri: uris[i] ?? pathToUri(path) })));
    config.initialize(params.initializationOptions, !!clientCaps.workspace?.configuration);
    projects.setTrusted(config.initializationOptions.workspaceTrusted !== false);
    toWorker({ t: 'trusted', trusted: config.initializationOptions.workspaceTrusted !== false });
    return initializeResult(clientCaps, features, commands, serverVersion(packageRoot), error);
  });

  connection.onInitialized(() => {
    // Our VS Code client syncs settings and file events itself; other clients get registrations.
    const ourClient = config.initializationOptions.client === 'upkeep-vscode';
    if (config.pulls && clientCaps.workspace?.didChangeConfiguration?.dynamicRegistration && !ourClient) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'upkeep' }).catch(e => error('upkeep: registering for settings changes failed', e));
    }
    if (clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !ourClient) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map(globPattern => ({ globPattern })) })
        .catch(e => error('upkeep: registering file watchers failed', e));
    }
    if (clientCaps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(e => {
        try {
          const roots = rootsAfterChange(projects.workspaceRoots, e);
          const known = new Map([...folderUris, ...e.added.map(f => [nodePath.resolve(uriToPath(f.uri)), f.uri] as [string, string])]);
          // New roots: new Projects (the file walk and the roots' configurations change); the new folders' settings are asked.
          setFolders(roots.map(path => ({ path, uri: known.get(path) ?? pathToUri(path) })));
          relintAll();
          void config.refresh().then(() => relintAll(), err => error('upkeep: reading the new folders\' settings failed', err));
        } catch (err) {
          error('upkeep: workspace folder change failed', err);
        }
      });
    }
    log(worker ? 'upkeep: diagnostics are computed in a worker thread' : "upkeep: diagnostics are computed in the server's own thread");
    config.initialized().catch(e => error('upkeep: initialization failed', e));
  });

  connection.onDidChangeConfiguration(params => {
    void config
      .refresh(params?.settings)
      .then(() => relintAll())
      .catch(e => error('upkeep: applying settings failed', e));
  });

  connection.onDidChangeWatchedFiles(params => {
    // Disk changes reach the engine through the overlay's base file system; the Project recomputes what
    // read these paths. Open documents keep their editor text.
    const paths = changedPaths(params?.changes);
    if (paths.length === 0) return;
    projects.touch(paths);
    toWorker({ t: 'touch', paths });
    // A settings file created, changed or deleted: every file looks for its nearest one again; the
    // documents whose settings are unchanged keep their Project (and its caches).
    if (paths.some(isConfigFilePath)) {
      projects.configChanged();
      toWorker({ t: 'configChanged' });
    }
    relintAll();
  });

  connection.onShutdown(() => {
    scheduler?.stop();
    worker?.stop();
    opts.onShutdown?.();
  });

  // ---- documents -----------------------------------------------------------------------------------
  // Clients without file watchers tell of a saved settings file this way.
  documents.onDidSave(e => {
    if (!isConfigFilePath(store.pathOf(e.document.uri))) return;
    projects.configChanged();
    toWorker({ t: 'configChanged' });
    relintAll();
  });
  documents.onDidOpen(e => {
    store.opened(e.document.uri);
  });
  documents.onDidChangeContent(e => {
    try {
      if (store.changed(e.document)) scheduler?.changed(e.document.uri);
    } catch (err) {
      error('upkeep: document change failed', err);
    }
  });
  documents.onDidClose(e => {
    try {
      const state = store.closed(e.document.uri);
      // The worker, when there is one, got the same didClose and clears what it published.
      scheduler?.closed(e.document.uri, state?.language ?? null, (state?.publishedCount ?? 0) > 0);
    } catch (err) {
      error('upkeep: document close failed', err);
    }
  });

  // ---- requests ------------------------------------------------------------------------------------
  connection.onCodeAction(guard('codeAction', [], codeActionHandler(linter, features, services)));
  connection.onExecuteCommand(
    guard(
      'executeCommand',
      null,
      executeCommandHandler({
        commands,
        services,
        applyEdit: async (edit, label) => {
          const r = await connection.workspace.applyEdit(label ? { label, edit } : { edit });
          return { applied: r.applied, failureReason: r.failureReason };
        },
        // A notification (not window/showMessageRequest): every client shows it, none must answer.
        showError: message => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }).catch(() => undefined),
      }),
    ),
  );

  for (const f of features) {
    try {
      f.register(services);
    } catch (e) {
      error(`upkeep: feature ${f.name} failed to register`, e);
    }
  }

  // The worker gets every document notification as the client sent it, before this thread applies it.
  documents.listen(worker ? forwardingDocuments(connection, msg => toWorker(msg)) : connection);
  connection.listen();
  return services;
}

/** The connection as TextDocuments sees it, with each document notification also posted to the worker. */
function forwardingDocuments(connection: Connection, post: (msg: ToWorker) => void): Connection {
  type On<P> = (handler: (params: P) => void) => unknown;
  const wrap = <P>(on: On<P>, t: 'open' | 'change' | 'close') => (handler: (params: P) => void) =>
    on((params: P) => {
      post({ t, params } as ToWorker);
      handler(params);
    });
  return new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop === 'onDidOpenTextDocument') return wrap(target.onDidOpenTextDocument.bind(target), 'open');
      if (prop === 'onDidChangeTextDocument') return wrap(target.onDidChangeTextDocument.bind(target), 'change');
      if (prop === 'onDidCloseTextDocument') return wrap(target.onDidCloseTextDocument.bind(target), 'close');
      return Reflect.get(target, prop, receiver);
    },
  });
}

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket(=|$)|pipe(=|$))/;

/** The connection for the transport on the command line; stdio through the strict reader. */
function connect(args: string[], onShutdownSeen: () => boolean): Connection {
  if (!args.includes('--stdio')) return createConnection(ProposedFeatures.all);
  let connection: Connection | undefined;
  const reader = new StrictStreamMessageReader(process.stdin, reason => connection?.console.error(`upkeep: ${reason}`));
  // The stream lost its framing: nothing after it can be read. Exit so the editor restarts the server.
  reader.onError(e => {
    process.stderr.write(`upkeep language server: unreadable input (${e?.message ?? e}); exiting\n`);
    process.exit(1);
  });
  reader.onClose(() => process.exit(onShutdownSeen() ? 0 : 1));
  connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  routeConsoleTo(connection.console);
  return connection;
}

if (isDiagnosticsWorker()) {
  runDiagnosticsWorkerThread();
} else if (require.main === module) {
  const args = process.argv.slice(2);
  const usage = 'usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n' +
    '  the Upkeep language server; most editors start it with --stdio, the VS Code extension with --node-ipc\n';
  if (args.includes('--version')) {
    process.stdout.write(`${serverVersion(findPackageRoot(__dirname))}\n`);
  } else if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
  } else if (!args.some(a => TRANSPORT_FLAGS.test(a))) {
    process.stderr.write(`upkeep language server: no transport given\n${usage}`);
    process.exitCode = 2;
  } else {
    let shutdownSeen = false;
    const connection = connect(args, () => shutdownSeen);
    process.on('uncaughtException', e => connection.console.error(`upkeep: uncaught exception: ${e?.stack ?? e}`));
    process.on('unhandledRejection', e => connection.console.error(`upkeep: unhandled rejection: ${(e as Error)?.stack ?? e}`));
    // The worker's own bundle when it was built next to this one; else this bundle, which runs the worker
    // too (isDiagnosticsWorker above).
    const workerBundle = nodePath.join(__dirname, 'lint-worker.js');
    startServer(connection, { onShutdown: () => (shutdownSeen = true), diagnosticsWorker: existsSync(workerBundle) ? workerBundle : __filename });
  }
}
