// One registration per LSP request, many languages: the protocol keeps a single handler per request, so
// each language exports `LanguageHandlers` that answer null for documents that are not theirs, and the
// router asks them in turn. Adding a language's editor features: export handlers, list them below.
import type {
  ClientCapabilities,
  CodeLens,
  CodeLensParams,
  CompletionItem,
  CompletionList,
  CompletionParams,
  DefinitionParams,
  DocumentFormattingParams,
  DocumentHighlight,
  DocumentHighlightParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentRangeFormattingParams,
  DocumentSymbol,
  DocumentSymbolParams,
  FoldingRange,
  FoldingRangeParams,
  Hover,
  HoverParams,
  Location,
  LocationLink,
  PrepareRenameParams,
  Range,
  ReferenceParams,
  RenameParams,
  ResponseError,
  ServerCapabilities,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Feature, UpkeepServices } from './features';

type Maybe<T> = T | null | undefined;

export interface LanguageHandlers {
  name: string;
  completionTriggers?: string[];
  hover?(s: UpkeepServices, p: HoverParams): Maybe<Hover>;
  completion?(s: UpkeepServices, p: CompletionParams, caps: ClientCapabilities): Maybe<CompletionList>;
  documentSymbol?(s: UpkeepServices, p: DocumentSymbolParams, caps: ClientCapabilities): Maybe<DocumentSymbol[] | SymbolInformation[]>;
  foldingRange?(s: UpkeepServices, p: FoldingRangeParams, caps: ClientCapabilities): Maybe<FoldingRange[]>;
  definition?(s: UpkeepServices, p: DefinitionParams, caps: ClientCapabilities): Maybe<Location[] | LocationLink[]>;
  documentLinks?(s: UpkeepServices, p: DocumentLinkParams): Maybe<DocumentLink[]>;
  formatting?(s: UpkeepServices, p: DocumentFormattingParams): Maybe<TextEdit[]>;
  rangeFormatting?(s: UpkeepServices, p: DocumentRangeFormattingParams): Maybe<TextEdit[]>;
  codeLens?(s: UpkeepServices, p: CodeLensParams): Maybe<CodeLens[]>;
  references?(s: UpkeepServices, p: ReferenceParams): Maybe<Location[]>;
  documentHighlight?(s: UpkeepServices, p: DocumentHighlightParams): Maybe<DocumentHighlight[]>;
  /** The range to rename and its text; a ResponseError says why nothing can be renamed there. */
  prepareRename?(s: UpkeepServices, p: PrepareRenameParams): Maybe<{ range: Range; placeholder: string } | ResponseError<void>>;
  /** The edit, or a ResponseError (RequestFailed) with the reason a name is refused: the client shows it. */
  rename?(s: UpkeepServices, p: RenameParams): Maybe<WorkspaceEdit | ResponseError<void>>;
  /**
   * Right after a document opens, while the editor is idle: the steps that make the first hover, the first
   * completion and the first edit as quick as the later ones (parse, the configuration the document belongs
   * to, the completion tables, and V8's compiled code for those paths). Each `yield` ends a step; the router
   * runs one step per turn of the event loop, so a request that arrives meanwhile waits for one step at most.
   * A step reads the document again (it may have changed or closed since the last one) and its results are
   * thrown away.
   */
  warm?(s: UpkeepServices, uri: string): Iterable<unknown> | void;
}

/** Builds the feature that routes every editor request to the first language that answers it. */
export function routedFeature(languages: LanguageHandlers[]): Feature {
  const has = (k: keyof LanguageHandlers) => languages.some(l => typeof l[k] === 'function');
  const first = <R>(fn: (l: LanguageHandlers) => Maybe<R>): R | null => {
    for (const l of languages) {
      const r = fn(l);
      if (r !== null && r !== undefined) return r;
    }
    return null;
  };
  // Completion documentation is sent on completionItem/resolve when the client can ask for it: a list of
  // 600 directives then weighs a few kilobytes instead of the markdown of each. The last list's texts are
  // kept, by position in the list, until the next completion.
  let lastDocs: (CompletionItem['documentation'] | undefined)[] = [];
  let lastList = 0;
  const lazyDocs = (client: ClientCapabilities) => !!client.textDocument?.completion?.completionItem?.resolveSupport?.properties?.includes('documentation');
  const strip = (list: CompletionList | null, client: ClientCapabilities): CompletionList | null => {
    if (!list || !lazyDocs(client)) return list;
    lastList++;
    lastDocs = list.items.map(i => i.documentation);
    const items = list.items.map((item, k) => {
      if (item.documentation === undefined) return item;
      const { documentation: _, ...rest } = item;
      return { ...rest, data: { upkeepDoc: [lastList, k] } };
    });
    return { ...list, items };
  };
  return {
    name: 'editor-features',
    capabilities(client: ClientCapabilities): Partial<ServerCapabilities> {
      const triggers = [...new Set(languages.flatMap(l => l.completionTriggers ?? []))];
      return {
        ...(has('hover') ? { hoverProvider: true } : {}),
        ...(has('completion') ? { completionProvider: { triggerCharacters: triggers, resolveProvider: lazyDocs(client ?? {}) } } : {}),
        ...(has('documentSymbol') ? { documentSymbolProvider: { label: 'Upkeep' } } : {}),
        ...(has('foldingRange') ? { foldingRangeProvider: true } : {}),
        ...(has('definition') ? { definitionProvider: true } : {}),
        ...(has('documentLinks') ? { documentLinkProvider: { resolveProvider: false } } : {}),
        ...(has('formatting') ? { documentFormattingProvider: true } : {}),
        ...(has('rangeFormatting') ? { documentRangeFormattingProvider: true } : {}),
        ...(has('codeLens') ? { codeLensProvider: { resolveProvider: false } } : {}),
        ...(has('references') ? { referencesProvider: true } : {}),
        ...(has('documentHighlight') ? { documentHighlightProvider: true } : {}),
        // RenameOptions only when the client can ask prepareRename (LSP 3.17).
        ...(has('rename') ? { renameProvider: has('prepareRename') && client?.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true } : {}),
      };
    },
    register(s) {
      const c = s.connection;
      const caps = () => s.clientCapabilities();
      // Hover and completion answer within a keystroke: with the current parse tree and the facts of the
      // last lint (Project.readLatest), never waiting for the configuration model to be rebuilt.
      c.onHover(s.guard('hover', null, (p: HoverParams) => s.project.readLatest(() => first(l => l.hover?.(s, p)))));
      c.onCompletion(s.guard('completion', null, (p: CompletionParams) => strip(s.project.readLatest(() => first(l => l.completion?.(s, p, caps()))), caps())));
      if (has('completion')) {
        c.onCompletionResolve(
          s.guard('completionResolve', null, (item: CompletionItem) => {
            const ref = (item.data as { upkeepDoc?: [number, number] } | undefined)?.upkeepDoc;
            if (!ref || ref[0] !== lastList || lastDocs[ref[1]] === undefined) return item;
            return { ...item, documentation: lastDocs[ref[1]] };
          }) as never,
        );
      }
      if (has('warm')) {
        // Per URI, the warm-up of its latest open: a document closed and opened again starts over.
        const latest = new Map<string, object>();
        s.documents.onDidClose(e => latest.delete(e.document.uri));
        s.documents.onDidOpen(e => {
          const uri = e.document.uri;
          const token = {};
          latest.set(uri, token);
          // First the document's line table (vscode-languageserver-textdocument builds it at the first edit
          // otherwise: ~5 ms for 300 KB of text, paid by the first keystroke), then each language's steps.
          const steps: Iterator<unknown>[] = [];
          let k = 0;
          const run = s.guard('warm', null, () =>
            s.project.readLatest(() => {
              const doc = s.documents.get(uri);
              if (!doc || latest.get(uri) !== token) return null;
              if (k === 0) {
                void doc.lineCount;
                for (const l of languages) {
                  const it = l.warm?.(s, uri);
                  if (it) steps.push(it[Symbol.iterator]());
                }
              } else {
                while (steps.length && steps[0].next().done) steps.shift();
                if (!steps.length) {
                  latest.delete(uri);
                  return null;
                }
              }
              k++;
              setImmediate(() => void run({ textDocument: { uri } }));
              return null;
            }),
          );
          setImmediate(() => void run({ textDocument: { uri } }));
        });
      }
      c.onDocumentSymbol(s.guard('documentSymbol', null, (p: DocumentSymbolParams) => first(l => l.documentSymbol?.(s, p, caps()))));
      c.onFoldingRanges(s.guard('foldingRange', null, (p: FoldingRangeParams) => first(l => l.foldingRange?.(s, p, caps()))));
      c.onDefinition(s.guard('definition', null, (p: DefinitionParams) => first(l => l.definition?.(s, p, caps()))));
      c.onDocumentLinks(s.guard('documentLink', null, (p: DocumentLinkParams) => first(l => l.documentLinks?.(s, p))));
      c.onDocumentFormatting(s.guard('formatting', null, (p: DocumentFormattingParams) => first(l => l.formatting?.(s, p))));
      c.onDocumentRangeFormatting(s.guard('rangeFormatting', null, (p: DocumentRangeFormattingParams) => first(l => l.rangeFormatting?.(s, p))));
      if (has('references')) c.onReferences(s.guard('references', null, (p: ReferenceParams) => first(l => l.references?.(s, p))));
      if (has('documentHighlight')) c.onDocumentHighlight(s.guard('documentHighlight', null, (p: DocumentHighlightParams) => first(l => l.documentHighlight?.(s, p))));
      if (has('prepareRename')) c.onPrepareRename(s.guard('prepareRename', null, (p: PrepareRenameParams) => first(l => l.prepareRename?.(s, p))));
      if (has('rename')) c.onRenameRequest(s.guard('rename', null, (p: RenameParams) => first(l => l.rename?.(s, p))));
      if (has('codeLens')) c.onCodeLens(s.guard('codeLens', null, (p: CodeLensParams) => first(l => l.codeLens?.(s, p))));
    },
  };
}
