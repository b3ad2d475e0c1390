// The Upkeep language server: LSP wiring only. The engine (engine/, httpd/, ...) turns text into
// findings; server/src/lsp/ converts them to protocol shapes; this file keeps documents in sync,
// schedules lint runs and answers requests. Features such as hover or completion plug in through
// lsp/features.ts, server-side commands through lsp/commands.ts.
//
// Run: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code), `--socket=PORT`,
// `--pipe=NAME`.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type Location,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageFor, lintFile, type LintResult } from './languages';
import { ruleDocPath, type LanguageId, type RelatedInfo } from './engine/rules';
import { LineIndex } from './engine/text';
import { OverlayFileSystem, Project } from './engine/workspace';
import { codeActions, KIND_FIX_ALL } from './lsp/codeActions';
import { CommandRegistry } from './lsp/commands';
import { Debouncer, lintDelay } from './lsp/debounce';
import { findingToDiagnostic, relatedRange } from './lsp/diagnostics';
import { editCapabilitiesFrom, fixToWorkspaceEdit, type EditTarget } from './lsp/edits';
import { FEATURES, mergeCapabilities, type Feature, type UpkeepServices } from './lsp/features';
import { applySettings, parseSettings, settingsSectionOf } from './lsp/settings';
import { pathToUri, uriToPath } from './lsp/uri';

/** Editor language ids that decide the language when the file name and content do not. */
const LANGUAGE_BY_ID: Record<string, LanguageId> = { apacheconf: 'apacheconf' };

import { WATCHED_GLOBS } from './engine/files';

/**
 * Whose findings a change to a document of a language can change: an httpd file changes other httpd
 * files (Include, loaded modules); a plugin-cfg.xml changes httpd files too (the allowlist must hold its
 * WebSphere servers).
 */
const DEPENDENT_LANGUAGES: Partial<Record<LanguageId, LanguageId[]>> = {
  apacheconf: ['apacheconf'],
  plugincfg: ['plugincfg', 'apacheconf'],
};

/** More diagnostics than this per document are not sent (a binary file read as text can have 100 000). */
export const MAX_DIAGNOSTICS = 1000;

const DEPENDENTS_DELAY_MS = 600;

interface DocState {
  path: string;
  /** Set on open; the first lint then runs at once instead of after the typing delay. */
  fresh: boolean;
  /** The language the last lint used (null: not an Upkeep document). */
  language: LanguageId | null;
  cache?: { version: number; stamp: number; result: LintResult | null; diagnostics: Diagnostic[] };
  publishedVersion: number;
  publishedCount: number;
}

export interface ServerOptions {
  /** Folder holding docs/rules/ (defaults to the package root found from this file). */
  packageRoot?: string;
  features?: Feature[];
}

/** Wires the Upkeep server onto a connection and starts listening. */
export function startServer(connection: Connection, opts: ServerOptions = {}): UpkeepServices {
  const documents = new TextDocuments(TextDocument);
  const overlay = new OverlayFileSystem();
  const project = new Project(overlay, {});
  const commands = new CommandRegistry();
  const states = new Map<string, DocState>();
  const uriByPath = new Map<string, string>();
  const packageRoot = opts.packageRoot ?? findPackageRoot(__dirname);
  let clientCaps: ClientCapabilities = {};
  let initOptions: Record<string, unknown> = {};
  let configurationPull = false;
  let shuttingDown = false;
  let resolveSettingsReady: () => void = () => {};

  const log = (message: string) => connection.console.log(message);
  const error = (message: string, err?: unknown) => {
    const detail = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : err === undefined ? '' : String(err);
    connection.console.error(detail ? `${message}: ${detail}` : message);
  };

  function guard<P, R, F>(name: string, fallback: F, handler: (params: P, ...rest: any[]) => R | Promise<R>) {
    return async (params: P, ...rest: any[]): Promise<R | F> => {
      try {
        return await handler(params, ...rest);
      } catch (e) {
        error(`upkeep: ${name} failed`, e);
        return fallback;
      }
    };
  }

  const pathOf = (uri: string) => states.get(uri)?.path ?? uriToPath(uri);
  const uriOf = (path: string) => {
    const abs = nodePath.resolve(path);
    return uriByPath.get(abs) ?? pathToUri(abs);
  };

  const docsHref = (code: string) => pathToUri(nodePath.join(packageRoot, ruleDocPath(code)));

  /** Lints an open document at its current version (cached until the document or the project changes). */
  function lintDocument(uri: string): DocState['cache'] | undefined {
    const doc = documents.get(uri);
    const state = states.get(uri);
    if (!doc || !state) return undefined;
    if (state.cache && state.cache.version === doc.version && state.cache.stamp === project.stamp) return state.cache;
    const stamp = project.stamp;
    // By name, path and content, or by being included from an httpd config; else by the editor's language.
    const language = languageFor(project, state.path) ?? LANGUAGE_BY_ID[doc.languageId] ?? null;
    state.language = language;
    let result: LintResult | null = null;
    let diagnostics: Diagnostic[] = [];
    if (language) {
      result = lintFile(project, state.path, language);
      if (result) {
        const indexes = new Map<string, LineIndex | undefined>([[result.path, result.file.index]]);
        const locate = (r: RelatedInfo): Location | undefined => {
          const abs = nodePath.resolve(r.path);
          if (!indexes.has(abs)) {
            const raw = project.rawText(abs);
            indexes.set(abs, raw ? new LineIndex(raw.text) : undefined);
          }
          const range = relatedRange(r, indexes.get(abs));
          return range ? { uri: uriOf(abs), range } : undefined;
        };
        const shown = result.findings.slice(0, MAX_DIAGNOSTICS);
        diagnostics = shown.map(f => findingToDiagnostic(f, result!.file.index, { docsHref, locate }));
        if (result.findings.length > MAX_DIAGNOSTICS) {
          log(`upkeep: ${uri} has ${result.findings.length} problems; the first ${MAX_DIAGNOSTICS} are shown.`);
        }
      }
    }
    state.cache = { version: doc.version, stamp, result, diagnostics };
    return state.cache;
  }

  function publish(uri: string): void {
    try {
      const doc = documents.get(uri);
      const state = states.get(uri);
      if (!doc || !state || shuttingDown) return;
      const version = doc.version;
      const out = lintDocument(uri);
      // A newer version arrived meanwhile (or the document closed): its own run will publish.
      if (documents.get(uri)?.version !== version || states.get(uri) !== state) return;
      if (version < state.publishedVersion) return;
      const diagnostics = out?.diagnostics ?? [];
      if (diagnostics.length === 0 && state.publishedCount === 0 && !out?.result) return;
      state.publishedVersion = version;
      state.publishedCount = diagnostics.length;
      void connection.sendDiagnostics({ uri, version, diagnostics }).catch(e => error('upkeep: sending diagnostics failed', e));
    } catch (e) {
      error(`upkeep: linting ${uri} failed`, e);
    }
  }

  let settingsReady: Promise<void> = Promise.resolve();
  const lintTimers = new Debouncer<string>(uri => void settingsReady.then(() => publish(uri)));
  const pendingDependents = new Set<string>();
  const dependentsTimer = new Debouncer<'dependents'>(() => {
    const uris = [...pendingDependents];
    pendingDependents.clear();
    void settingsReady.then(() => {
      for (const uri of uris) if (!lintTimers.isPending(uri)) publish(uri);
    });
  });

  /** Re-lints open documents other than `except` (of `language` only, when given), debounced. */
  function scheduleDependents(except: string | null, language: LanguageId | null, delay = DEPENDENTS_DELAY_MS): void {
    const affected = language ? DEPENDENT_LANGUAGES[language] ?? [language] : null;
    for (const d of documents.all()) {
      if (d.uri === except) continue;
      const st = states.get(d.uri);
      if (affected && (!st?.language || !affected.includes(st.language))) continue;
      pendingDependents.add(d.uri);
    }
    if (pendingDependents.size) dependentsTimer.schedule('dependents', delay);
  }

  const relintAll = () => scheduleDependents(null, null, 50);

  const editLookup = (path: string): EditTarget => {
    const abs = nodePath.resolve(path);
    const uri = uriOf(abs);
    const doc = documents.get(uri);
    if (doc) {
      const cached = states.get(uri)?.cache;
      const index = cached?.version === doc.version && cached.result ? cached.result.file.index : new LineIndex(doc.getText());
      return { uri, version: doc.version, index };
    }
    const raw = project.rawText(abs);
    return { uri, version: null, index: raw ? new LineIndex(raw.text) : undefined };
  };
  const workspaceEditFor: UpkeepServices['workspaceEditFor'] = (path, fix) =>
    fixToWorkspaceEdit(path, fix, editLookup, editCapabilitiesFrom(clientCaps));

  const services: UpkeepServices = {
    connection,
    documents,
    project,
    commands,
    clientCapabilities: () => clientCaps,
    pathOf,
    uriOf,
    sourceFile: uri => {
      // Parsing only (cached per version): hover or completion must not wait for a full lint.
      const doc = documents.get(uri);
      const state = states.get(uri);
      if (!doc || !state) return undefined;
      const cached = state.cache;
      if (cached?.result && cached.version === doc.version) return cached.result.file;
      const language = languageFor(project, state.path) ?? LANGUAGE_BY_ID[doc.languageId];
      return language ? project.file(state.path, language) : undefined;
    },
    lint: uri => lintDocument(uri)?.result ?? null,
    workspaceEditFor,
    relintAll,
    guard,
    log,
    error,
  };

  // ---- settings -------------------------------------------------------------------------------
  function useSettings(raw: unknown, origin: string): void {
    const { settings, problems } = parseSettings(raw);
    for (const p of problems) connection.console.warn(`upkeep: ${p} (${origin})`);
    project.options = applySettings(project.options, settings);
    project.touch();
  }

  async function pullSettings(pushed?: unknown): Promise<void> {
    if (configurationPull) {
      try {
        const raw = await withTimeout(connection.workspace.getConfiguration('upkeep'), 5000);
        useSettings(raw, 'workspace/configuration');
        return;
      } catch (e) {
        error('upkeep: reading settings failed; using the ones sent with the notification', e);
      }
    }
    const section = settingsSectionOf(pushed) ?? settingsSectionOf(initOptions.settings);
    useSettings(section, pushed !== undefined ? 'didChangeConfiguration' : 'initializationOptions');
  }

  // ---- lifecycle ----------------------------------------------------------------------------------
  const features = opts.features ?? FEATURES;

  connection.onInitialize(params => {
    clientCaps = params.capabilities ?? {};
    initOptions = isRecord(params.initializationOptions) ? params.initializationOptions : {};
    configurationPull = !!clientCaps.workspace?.configuration;
    project.options = { ...project.options, roots: rootsOf(params.workspaceFolders, params.rootUri, params.rootPath) };
    if (!configurationPull) useSettings(settingsSectionOf(initOptions.settings), 'initializationOptions');
    else {
      settingsReady = new Promise(resolve => (resolveSettingsReady = resolve));
      // A client that never sends `initialized` must not hold diagnostics back forever.
      setTimeout(() => resolveSettingsReady(), 10_000).unref();
    }

    const literalActions = !!clientCaps.textDocument?.codeAction?.codeActionLiteralSupport;
    const core: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: literalActions
        ? { codeActionKinds: [CodeActionKind.QuickFix, KIND_FIX_ALL, ...new Set(features.flatMap(f => f.codeActionKinds ?? []))] }
        : undefined,
      executeCommandProvider: { commands: [] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    const extra: Partial<ServerCapabilities>[] = [];
    for (const f of features) {
      try {
        if (f.capabilities) extra.push(f.capabilities(clientCaps));
      } catch (e) {
        error(`upkeep: feature ${f.name} failed to declare its capabilities`, e);
      }
    }
    const capabilities = mergeCapabilities(core, ...extra);
    commands.seal();
    capabilities.executeCommandProvider = { commands: commands.ids() };
    const result: InitializeResult = { capabilities, serverInfo: { name: 'upkeep', version: serverVersion(packageRoot) } };
    return result;
  });

  connection.onInitialized(() => {
    void (async () => {
      const ourClient = initOptions.client === 'upkeep-vscode';
      if (configurationPull && clientCaps.workspace?.didChangeConfiguration?.dynamicRegistration && !ourClient) {
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
            const removed = new Set(e.removed.map(f => nodePath.resolve(uriToPath(f.uri))));
            const roots = (project.options.roots ?? []).filter(r => !removed.has(nodePath.resolve(r)));
            for (const f of e.added) roots.push(uriToPath(f.uri));
            project.options = { ...project.options, roots };
            project.touch();
            relintAll();
          } catch (err) {
            error('upkeep: workspace folder change failed', err);
          }
        });
      }
      if (configurationPull) {
        await pullSettings();
        resolveSettingsReady();
      }
    })().catch(e => {
      error('upkeep: initialization failed', e);
      resolveSettingsReady();
    });
  });

  connection.onDidChangeConfiguration(params => {
    void pullSettings(params?.settings)
      .then(relintAll)
      .catch(e => error('upkeep: applying settings failed', e));
  });

  connection.onDidChangeWatchedFiles(() => {
    // Disk changes reach the engine through the overlay's base file system; the Project re-reads files
    // whose mtime or size changed. Open documents keep their editor text.
    project.touch();
    relintAll();
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    lintTimers.dispose();
    dependentsTimer.dispose();
  });

  // ---- documents -----------------------------------------------------------------------------------
  documents.onDidOpen(e => {
    const path = nodePath.resolve(uriToPath(e.document.uri));
    states.set(e.document.uri, { path, fresh: true, language: null, publishedVersion: -1, publishedCount: 0 });
    uriByPath.set(path, e.document.uri);
  });

  documents.onDidChangeContent(e => {
    try {
      const doc = e.document;
      const state = states.get(doc.uri);
      if (!state) return;
      overlay.set(state.path, doc.getText(), doc.version);
      project.touch();
      if (state.fresh) {
        state.fresh = false;
        lintTimers.schedule(doc.uri, 0);
      } else {
        lintTimers.schedule(doc.uri, lintDelay(doc.getText().length));
        // An Include target or a plugin-cfg.xml changed: documents that depend on it are linted again.
        scheduleDependents(doc.uri, state.language);
      }
    } catch (err) {
      error('upkeep: document change failed', err);
    }
  });

  documents.onDidClose(e => {
    try {
      const uri = e.document.uri;
      const state = states.get(uri);
      lintTimers.cancel(uri);
      pendingDependents.delete(uri);
      states.delete(uri);
      if (!state) return;
      overlay.delete(state.path);
      if (uriByPath.get(state.path) === uri) uriByPath.delete(state.path);
      project.touch();
      if (state.publishedCount > 0) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      // Unsaved edits are gone: the disk text is back for the documents that include this file.
      scheduleDependents(uri, state.language);
    } catch (err) {
      error('upkeep: document close failed', err);
    }
  });

  // ---- code actions ----------------------------------------------------------------------------------
  connection.onCodeAction(
    guard('codeAction', [], (params, token?: { isCancellationRequested: boolean }) => {
      const uri = params.textDocument.uri;
      const out = lintDocument(uri);
      if (!out?.result || token?.isCancellationRequested) return [];
      const index = out.result.file.index;
      const contributed: CodeAction[] = [];
      for (const f of features) {
        if (!f.codeActions) continue;
        try {
          contributed.push(...f.codeActions(params, services));
        } catch (e) {
          error(`upkeep: feature ${f.name} failed to compute code actions`, e);
        }
      }
      return [...codeActions({
        path: out.result.path,
        findings: out.result.findings,
        diagnostics: out.diagnostics,
        start: index.offsetAt(params.range.start),
        end: index.offsetAt(params.range.end),
        only: params.context?.only,
        lookup: editLookup,
        caps: editCapabilitiesFrom(clientCaps),
        text: out.result.file.text,
        language: out.result.file.language,
      }), ...contributed];
    }),
  );

  // ---- commands ----------------------------------------------------------------------------------------
  connection.onExecuteCommand(
    guard('executeCommand', null, async (params, token) => {
      try {
        return await commands.execute(params.command, params.arguments, {
          services,
          token,
          applyEdit: async (edit, label) => {
            const r = await connection.workspace.applyEdit(label ? { label, edit } : { edit });
            return { applied: r.applied, failureReason: r.failureReason };
          },
        });
      } catch (e) {
        // A notification (not window/showMessageRequest): every client shows it, none must answer.
        const message = `Upkeep: ${params.command} failed: ${(e as Error)?.message ?? e}`;
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }).catch(() => undefined);
        throw e;
      }
    }),
  );

  for (const f of features) {
    try {
      f.register(services);
    } catch (e) {
      error(`upkeep: feature ${f.name} failed to register`, e);
    }
  }

  documents.listen(connection);
  connection.listen();
  return services;
}

function rootsOf(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined, rootPath?: string | null): string[] {
  if (folders?.length) return folders.map(f => uriToPath(f.uri));
  if (rootUri) return [uriToPath(rootUri)];
  if (rootPath) return [nodePath.resolve(rootPath)];
  return [];
}

/** The folder holding docs/rules: dist/.. for the bundle, the repository root for compiled tests. */
export function findPackageRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (nodeFs.existsSync(nodePath.join(dir, 'package.json')) && nodeFs.existsSync(nodePath.join(dir, 'docs'))) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return nodePath.dirname(start);
}

function serverVersion(packageRoot: string): string {
  try {
    return JSON.parse(nodeFs.readFileSync(nodePath.join(packageRoot, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      v => {
        clearTimeout(t);
        resolve(v);
      },
      e => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket(=|$)|pipe(=|$))/;

if (require.main === module) {
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
    const connection = createConnection(ProposedFeatures.all);
    process.on('uncaughtException', e => connection.console.error(`upkeep: uncaught exception: ${e?.stack ?? e}`));
    process.on('unhandledRejection', e => connection.console.error(`upkeep: unhandled rejection: ${(e as Error)?.stack ?? e}`));
    startServer(connection);
  }
}
