// LSP wiring of the httpd editor features: hover, completion, document symbols (outline and
// breadcrumbs), folding ranges, go to definition, document links and formatting (document and range)
// for apacheconf documents. The engine (server/src/httpd/*) does the work; this file converts between
// offsets and protocol shapes and respects what the client supports.
//
// `httpdHandlers` answer for apacheconf documents and return null for any other document, so a router
// that serves several languages can call them in turn.
import type {
  ClientCapabilities,
  CompletionList,
  CompletionParams,
  DefinitionParams,
  DocumentFormattingParams,
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
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver/node';
import { LineIndex, toTextEdit } from '../engine/text';
import type { SourceFile } from '../engine/workspace';
import { httpdCompletionList, targetVersion } from '../httpd/complete';
import { formatHttpd } from '../httpd/format';
import { httpdHover } from '../httpd/hover';
import { httpdDefinition, httpdDocumentLinks, type FileLink } from '../httpd/links';
import { httpdDocumentSymbols, httpdFoldingRanges } from '../httpd/symbols';
import { parseHttpd, reparseHttpd, type HttpdTree } from '../httpd/syntax';
import type { UpkeepServices } from './features';
import type { LanguageHandlers } from './router';

/** Characters after which the client asks for completion without the user pressing Ctrl+Space. */
export const HTTPD_TRIGGER_CHARACTERS = ['<', '/', '{', '[', ',', '=', ' ', '!'];

function httpdFile(s: UpkeepServices, uri: string): SourceFile<HttpdTree> | null {
  const file = s.sourceFile(uri);
  return file && file.language === 'apacheconf' && file.tree ? (file as SourceFile<HttpdTree>) : null;
}

function flattenSymbols(list: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return list.flatMap(sym => [
    { name: sym.name, kind: sym.kind, location: { uri, range: sym.range }, ...(container ? { containerName: container } : {}) },
    ...flattenSymbols(sym.children ?? [], uri, sym.name),
  ]);
}

/** The target file's line index, for ranges inside it (a Define elsewhere). */
function targetIndex(s: UpkeepServices, path: string): LineIndex | undefined {
  const open = s.project.file(path);
  if (open) return open.index;
  const raw = s.project.rawText(path);
  return raw ? new LineIndex(raw.text) : undefined;
}

/** How much of a document the warm-up parses to prime the reparse path. */
const WARM_SAMPLE_CHARS = 16 * 1024;

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function linkTargetRange(s: UpkeepServices, l: FileLink) {
  if (l.targetStart === undefined) return START;
  const ix = targetIndex(s, l.target);
  return ix ? ix.range(l.targetStart, l.targetEnd ?? l.targetStart) : START;
}

export const httpdHandlers: LanguageHandlers = {
  name: 'httpd',
  completionTriggers: HTTPD_TRIGGER_CHARACTERS,
  hover(s: UpkeepServices, p: HoverParams): Hover | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const h = httpdHover(s.project, file, file.index.offsetAt(p.position));
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: file.index.range(h.start, h.end) } : null;
  },

  *warm(s: UpkeepServices, uri: string): Iterable<unknown> {
    const file = () => httpdFile(s, uri);
    const f0 = file();
    if (!f0) return;
    targetVersion(s.project, f0);
    yield;
    // Completion and hover where the user is likeliest to ask first, through the handlers themselves (the
    // protocol conversions are part of the path): a directive's name and argument, a section's name and
    // argument. The first of each in the document stands for all.
    const at = (pick: (f: SourceFile<HttpdTree>) => number | undefined) => {
      const f = file();
      const offset = f ? pick(f) : undefined;
      return f && offset !== undefined ? { textDocument: { uri }, position: f.index.positionAt(offset) } : null;
    };
    const picks: ((f: SourceFile<HttpdTree>) => number | undefined)[] = [
      f => f.tree.directives[0]?.nameSpan.end,
      f => f.tree.directives.find(d => d.args.length > 0)?.args[0].end,
      f => f.tree.sections[0]?.nameSpan.end,
      f => f.tree.sections.find(x => x.args.length > 0)?.args[0].start,
    ];
    for (const pick of picks) {
      const p = at(pick);
      if (!p) continue;
      httpdHandlers.completion!(s, p, s.clientCapabilities());
      yield;
      const q = at(pick);
      if (q) httpdHandlers.hover!(s, q);
      yield;
    }
    // The edit path (an incremental reparse), on a copy of the document's start: the document's own tree is
    // not touched (a reparse moves the nodes after the edit).
    const text = file()?.text ?? '';
    const cut = text.lastIndexOf('\n', WARM_SAMPLE_CHARS);
    if (cut <= 0) return;
    const sample = text.slice(0, cut + 1);
    let tree = parseHttpd(sample);
    yield;
    const d = tree.directives[0];
    if (!d) return;
    for (let i = 0; i < 3; i++) {
      const pos = d.nameSpan.end;
      const edited = tree.text.slice(0, pos) + 'x' + tree.text.slice(pos);
      tree = reparseHttpd(tree, edited);
      yield;
    }
  },

  completion(s: UpkeepServices, p: CompletionParams, caps: ClientCapabilities): CompletionList | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const triggerCharacter = p.context?.triggerKind === 2 ? p.context.triggerCharacter : undefined;
    return httpdCompletionList(s.project, file, file.index.offsetAt(p.position), { snippets, triggerCharacter });
  },

  documentSymbol(s: UpkeepServices, p: DocumentSymbolParams, caps: ClientCapabilities): DocumentSymbol[] | SymbolInformation[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const symbols = httpdDocumentSymbols(file.tree, file.index);
    return caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flattenSymbols(symbols, p.textDocument.uri);
  },

  foldingRange(s: UpkeepServices, p: FoldingRangeParams, caps: ClientCapabilities): FoldingRange[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const ranges = httpdFoldingRanges(file.tree, file.index);
    const limit = caps.textDocument?.foldingRange?.rangeLimit;
    return limit && ranges.length > limit ? ranges.slice(0, limit) : ranges;
  },

  definition(s: UpkeepServices, p: DefinitionParams, caps: ClientCapabilities): Location[] | LocationLink[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const links = httpdDefinition(s.project, file, file.index.offsetAt(p.position));
    if (!links.length) return null;
    if (caps.textDocument?.definition?.linkSupport) {
      return links.map(l => {
        const range = linkTargetRange(s, l);
        return { originSelectionRange: file.index.range(l.start, l.end), targetUri: s.uriOf(l.target), targetRange: range, targetSelectionRange: range };
      });
    }
    return links.map(l => ({ uri: s.uriOf(l.target), range: linkTargetRange(s, l) }));
  },

  documentLinks(s: UpkeepServices, p: DocumentLinkParams): DocumentLink[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    return httpdDocumentLinks(s.project, file).map(l => ({ range: file.index.range(l.start, l.end), target: s.uriOf(l.target), tooltip: l.tooltip }));
  },

  formatting(s: UpkeepServices, p: DocumentFormattingParams): TextEdit[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    return formatHttpd(file.tree, { tabSize: p.options.tabSize, insertSpaces: p.options.insertSpaces }).map(e => toTextEdit(file.index, e));
  },

  rangeFormatting(s: UpkeepServices, p: DocumentRangeFormattingParams): TextEdit[] | null {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const range = { start: file.index.offsetAt(p.range.start), end: file.index.offsetAt(p.range.end) };
    return formatHttpd(file.tree, { tabSize: p.options.tabSize, insertSpaces: p.options.insertSpaces }, range).map(e => toTextEdit(file.index, e));
  },
};
