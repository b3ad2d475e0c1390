// A minimal LSP client for tests: starts dist/server.js as a child process (stdio or node IPC), speaks
// JSON-RPC with vscode-jsonrpc (through vscode-languageserver/node), records notifications and answers
// the server's requests (workspace/configuration from `settings`, registrations with null).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export const REPO = nodePath.resolve(__dirname, '../../..');
export const SERVER_JS = nodePath.join(REPO, 'dist', 'server.js');

export function assertBuilt(): void {
  if (!existsSync(SERVER_JS)) {
    throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first (\`npm test\` builds it before running tests).`);
  }
}

export interface Harness {
  child: ChildProcess;
  conn: MessageConnection;
  /** Every publishDiagnostics received, in order. */
  diagnostics: PublishDiagnosticsParams[];
  /** Every window/logMessage text received. */
  logs: string[];
  /** The settings answered to workspace/configuration (mutable). */
  settings: { upkeep?: unknown };
  /** The `upkeep` section answered for an item with this scopeUri (a workspace folder); else `settings`. */
  folderSettings: Record<string, unknown>;
  /** Server requests received, by method. */
  requests: { method: string; params: unknown }[];
  stderr: () => string;
  /** Waits (bounded) for a publishDiagnostics matching `pred`, newest first among those already received. */
  waitForDiagnostics(pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
  kill(): void;
}

/** How long a test waits for the answer to one request (UPKEEP_REQUEST_TIMEOUT, ms). */
const REQUEST_TIMEOUT_MS = Number(process.env.UPKEEP_REQUEST_TIMEOUT ?? 60_000);

export function startServer(transport: 'stdio' | 'ipc' = 'stdio', opts: { env?: NodeJS.ProcessEnv } = {}): Harness {
  assertBuilt();
  const env = opts.env ? { ...process.env, ...opts.env } : process.env;
  const child =
    transport === 'stdio'
      ? spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env })
      : fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env });
  let err = '';
  child.stderr?.on('data', d => (err += d));
  const conn =
    transport === 'stdio'
      ? createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
      : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const h: Partial<Harness> = { child, conn, diagnostics: [], logs: [], settings: {}, folderSettings: {}, requests: [], stderr: () => err };
  const waiters: { pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    h.diagnostics!.push(p);
    for (const w of [...waiters]) {
      if (w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    h.logs!.push(p.message);
  });
  conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
    h.requests!.push({ method: 'workspace/configuration', params: p });
    const upkeep = (scopeUri?: string) => (scopeUri !== undefined && scopeUri in h.folderSettings! ? h.folderSettings![scopeUri] : h.settings!.upkeep ?? null);
    return p.items.map(i => (i.section === 'upkeep' ? upkeep(i.scopeUri) : null));
  });
  conn.onRequest('client/registerCapability', (p: unknown) => {
    h.requests!.push({ method: 'client/registerCapability', params: p });
    return null;
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  // Every request is bounded: a server that never answers fails the test with its method and the
  // server's stderr, instead of leaving the test (and CI) waiting forever.
  const send = conn.sendRequest.bind(conn) as (...args: unknown[]) => Promise<unknown>;
  (conn as { sendRequest: unknown }).sendRequest = (...args: unknown[]) => {
    const method = typeof args[0] === 'string' ? args[0] : (args[0] as { method?: string })?.method;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${REQUEST_TIMEOUT_MS} ms; stderr: ${err.slice(-4000)}`)), REQUEST_TIMEOUT_MS);
      timer.unref();
    });
    return Promise.race([send(...args), bound]).finally(() => clearTimeout(timer));
  };
  conn.listen();
  h.exited = new Promise(resolve => child.on('exit', code => resolve(code)));
  h.waitForDiagnostics = (pred, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const have = [...h.diagnostics!].reverse().find(pred);
      if (have) return resolve(have);
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms; got ${JSON.stringify(h.diagnostics!.map(d => [d.uri, d.version, d.diagnostics.length]))}; stderr: ${err}`));
      }, timeoutMs);
      const w = {
        pred,
        resolve: (p: PublishDiagnosticsParams) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      waiters.push(w);
    });
  h.kill = () => {
    conn.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return h as Harness;
}

/** Client capabilities of a modern editor (VS Code-like) for the parts this server looks at. */
export const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
  },
};
