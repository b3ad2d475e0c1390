// How editor features (hover, completion, symbols, formatting, commands, ...) plug into the server
// without touching its core wiring. A feature is a module in server/src/lsp/ that exports a `Feature`:
//
//   export const hoverFeature: Feature = {
//     name: 'hover',
//     capabilities: () => ({ hoverProvider: true }),
//     register(s) {
//       s.connection.onHover(s.guard('hover', null, params => {
//         const file = s.sourceFile(params.textDocument.uri);
//         if (!file) return null;
//         return engineHover(s.project, file, file.index.offsetAt(params.position));   // engine does the work
//       }));
//     },
//   };
//
// and is added to FEATURES below. The server merges every feature's capabilities into its initialize
// answer and calls `register` once, before the connection listens. Always wrap handlers in `s.guard`:
// an exception is then logged and answered with the fallback instead of reaching the client.
import type {
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  Connection,
  ServerCapabilities,
  TextDocuments,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../engine/languages';
import type { Fix } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import type { CommandRegistry } from './commands';
import { httpdHandlers } from './httpd-features';
import { languageOfFeature } from './language-of';
import { maintenanceFeature } from './maintenance';
import { httpdNavigationHandlers, plugincfgNavigationHandlers, workspaceSymbolFeature } from './navigation-features';
import { verifyFeature } from './verify';
import { plugincfgFeature, plugincfgHandlers } from './plugincfg-features';
import { routedFeature } from './router';
import { sametimeFeature, sametimeHandlers } from './sametime-features';
import { simulateFeature } from './simulate';
import { epagesHandlers, phaseScriptFeature, phaseScriptHandlers } from './scripts-features';
import { statusFeature } from './status';

/** What the server offers to features. */
export interface UpkeepServices {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /**
   * The Project of the document the current request is about (its settings: the nearest .upkeep.json
   * under its workspace folder's editor settings); outside a request about a document, the first
   * folder's. Read it when needed, do not keep it: settings changes replace Projects.
   */
  readonly project: Project;
  /** The Project of a document (URI) or file (path) by its settings. */
  projectFor(uriOrPath: string): Project;
  /** The `.upkeep.json` that applies to a file (absolute path), if any. */
  settingsFileFor(path: string): string | undefined;
  commands: CommandRegistry;
  /** The client's capabilities (empty before initialize). */
  clientCapabilities(): ClientCapabilities;
  /** The path the engine uses for a document URI (a virtual one for untitled buffers). */
  pathOf(uri: string): string;
  /** The URI for an engine path (the open document's own URI when it is open). */
  uriOf(path: string): string;
  /** The parsed file of an open document in an Upkeep language, current with the editor's text. */
  sourceFile(uri: string): SourceFile | undefined;
  /** Lint results of an open document at its current version (cached), or null. */
  lint(uri: string): LintResult | null;
  /** A fix of the file at `path` as a WorkspaceEdit this client can apply, or null. */
  workspaceEditFor(path: string, fix: Pick<Fix, 'edits' | 'otherFiles'>): WorkspaceEdit | null;
  /** Re-lints every open document (after a change that affects them all), debounced. */
  relintAll(): void;
  /**
   * Wraps a request handler: exceptions (and rejected promises) are logged with `name` and answered
   * with `fallback`.
   */
  guard<P, R, F>(name: string, fallback: F, handler: (params: P, ...rest: any[]) => R | Promise<R>): (params: P, ...rest: any[]) => Promise<R | F>;
  log(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface Feature {
  name: string;
  /** Capabilities this feature adds, given what the client supports. */
  capabilities?(client: ClientCapabilities): Partial<ServerCapabilities>;
  /** Installs the feature's handlers and commands; called once at start-up. */
  register(services: UpkeepServices): void;
  /**
   * Code actions beyond the findings' fixes (refactorings such as "Enter maintenance mode"). The core
   * code action handler appends them; kinds the feature offers go in `codeActionKinds`.
   */
  codeActions?(params: CodeActionParams, services: UpkeepServices): CodeAction[];
  codeActionKinds?: string[];
}

/** Every feature of the server, in registration order. Add new ones here. */
export const FEATURES: Feature[] = [
  routedFeature([httpdNavigationHandlers, plugincfgNavigationHandlers, httpdHandlers, plugincfgHandlers, phaseScriptHandlers, epagesHandlers, sametimeHandlers]),
  languageOfFeature,
  workspaceSymbolFeature,
  statusFeature,
  maintenanceFeature,
  verifyFeature,
  plugincfgFeature,
  phaseScriptFeature,
  sametimeFeature,
  simulateFeature,
];

/**
 * Merges feature capabilities into the core ones. Objects are merged one level deep (so two features
 * can both add to `workspace`); anything else from a later feature wins.
 */
export function mergeCapabilities(base: ServerCapabilities, ...extra: Partial<ServerCapabilities>[]): ServerCapabilities {
  const out: Record<string, unknown> = { ...base };
  for (const caps of extra) {
    for (const [k, v] of Object.entries(caps)) {
      const cur = out[k];
      const mergeable = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
      out[k] = mergeable(cur) && mergeable(v) ? { ...(cur as object), ...(v as object) } : v;
    }
  }
  return out as ServerCapabilities;
}
