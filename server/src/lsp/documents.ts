// Open documents as the engine sees them: each editor document is laid over the disk (EditorOverlay)
// under its engine path, and every open, change and close tells the Project exactly which path changed
// (`project.touch([path])`), so only what depends on that file is recomputed. No connection here: the
// server feeds the store from TextDocuments events, tests feed it directly.
import * as nodePath from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { LintResult } from '../engine/languages';
import type { Finding, LanguageId } from '../engine/rules';
import { EDITOR_MAX_BYTES, MAX_FILE_BYTES, OverlayFileSystem, type DeferredText, type FileSystem, type FileText } from '../engine/workspace';
import { PieceTextDocument } from './text-document';
import { pathToUri, uriToPath } from './uri';

/**
 * The bytes of an editor text in UTF-8, computed only when it could be over `limit` (short texts answer
 * their length) and the answer matters (a text of more characters than MAX_FILE_BYTES is over every limit).
 */
export function editorByteSize(text: string, limit = MAX_FILE_BYTES): number {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short texts cannot be over the limit.
  if (text.length * 3 <= limit) return text.length;
  if (text.length > Math.max(limit, MAX_FILE_BYTES)) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The editor's open documents over the disk. A document over EDITOR_MAX_BYTES is kept as its size only:
 * the engine reports it (file/editor-size-limit, or file/too-large over MAX_FILE_BYTES) without building
 * a line index or a tree of megabytes, so such a didOpen or didChange costs the server little more than
 * reading the message. Other files' checks see it as empty while it is open that way.
 */
export class EditorOverlay extends OverlayFileSystem {
  private readonly tooLarge = new Map<string, number>();

  constructor(base?: FileSystem) {
    super(base);
  }

  override set(path: string, text: string | DeferredText, version: number): void {
    const abs = nodePath.resolve(path);
    // A deferred text is read here only when its length alone cannot tell it is under the limit.
    const size = typeof text !== 'string' && text.length * 3 <= EDITOR_MAX_BYTES ? text.length : editorByteSize(typeof text === 'string' ? text : text.read(), EDITOR_MAX_BYTES);
    if (size > EDITOR_MAX_BYTES) {
      this.tooLarge.set(abs, size);
      super.set(abs, '', version);
    } else {
      this.tooLarge.delete(abs);
      super.set(abs, text, version);
    }
  }

  override delete(path: string): void {
    this.tooLarge.delete(nodePath.resolve(path));
    super.delete(path);
  }

  override readText(path: string): FileText | undefined {
    const ft = super.readText(path);
    const size = this.tooLarge.get(nodePath.resolve(path));
    return ft && size !== undefined && this.has(path) ? { ...ft, size, withheld: size <= MAX_FILE_BYTES } : ft;
  }

  isTooLarge(path: string): boolean {
    return this.tooLarge.has(nodePath.resolve(path));
  }
}

export interface LintCache {
  version: number;
  /** The Project the lint ran in (settings decide it; a settings change can move a document). */
  project?: object;
  stamp: number;
  result: LintResult | null;
  diagnostics: Diagnostic[];
}

export interface DocState {
  uri: string;
  /** The engine path (absolute; a virtual one for untitled buffers). */
  path: string;
  /** Set on open; the first lint then runs at once instead of after the typing delay. */
  fresh: boolean;
  /** The language the last lint used (null: not an Upkeep document). */
  language: LanguageId | null;
  cache?: LintCache;
  /** The findings of the diagnostics worker's last lint (lsp/diagnostics-worker.ts), turned into `cache` when asked. */
  remote?: { version: number; path: string; language: LanguageId; findings: Finding[]; diagnostics: Diagnostic[] };
  publishedVersion: number;
  publishedCount: number;
}

/** What the store tells of changed paths: a Project, or every Project of the server (lsp/scopes.ts). */
export interface PathListener {
  touch(paths?: Iterable<string>): void;
}

/** The part of TextDocuments the store needs (the real one, or a Map-backed one in tests). */
export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/**
 * The document's text for the overlay: a piece document is read when the engine first asks for this
 * version (typing without a request in between joins nothing); any other document is read now.
 */
function deferredText(doc: TextDocument): string | DeferredText {
  if (!(doc instanceof PieceTextDocument) || doc.joined) return doc.getText();
  // The store replaces the overlay's entry at every change, so the document is at this version when read.
  return { length: doc.length, read: () => doc.getText() };
}

export class DocumentStore {
  private readonly states = new Map<string, DocState>();
  private readonly uriByPath = new Map<string, string>();

  constructor(
    readonly documents: DocumentSource,
    readonly overlay: EditorOverlay,
    readonly project: PathListener,
  ) {}

  state(uri: string): DocState | undefined {
    return this.states.get(uri);
  }

  /** The path the engine uses for a document URI (a virtual one for untitled buffers). */
  pathOf(uri: string): string {
    return this.states.get(uri)?.path ?? uriToPath(uri);
  }

  /** The URI for an engine path: the open document's own URI when it is open. */
  uriOf(path: string): string {
    const abs = nodePath.resolve(path);
    return this.uriByPath.get(abs) ?? pathToUri(abs);
  }

  /** A document opened (its text arrives with the first content change). */
  opened(uri: string): DocState {
    const path = nodePath.resolve(uriToPath(uri));
    const state: DocState = { uri, path, fresh: true, language: null, publishedVersion: -1, publishedCount: 0 };
    this.states.set(uri, state);
    this.uriByPath.set(path, uri);
    return state;
  }

  /** The document's text is new (open or change): the overlay serves it and the Project forgets that path. */
  changed(doc: TextDocument): DocState | undefined {
    const state = this.states.get(doc.uri);
    if (!state) return undefined;
    this.overlay.set(state.path, deferredText(doc), doc.version);
    this.project.touch([state.path]);
    return state;
  }

  /** The document closed: the disk text is back under its path. Returns its last state. */
  closed(uri: string): DocState | undefined {
    const state = this.states.get(uri);
    this.states.delete(uri);
    if (!state) return undefined;
    this.overlay.delete(state.path);
    if (this.uriByPath.get(state.path) === uri) this.uriByPath.delete(state.path);
    this.project.touch([state.path]);
    return state;
  }

  /** Open documents with their state. */
  *open(): Iterable<{ doc: TextDocument; state: DocState }> {
    for (const doc of this.documents.all()) {
      const state = this.states.get(doc.uri);
      if (state) yield { doc, state };
    }
  }
}
