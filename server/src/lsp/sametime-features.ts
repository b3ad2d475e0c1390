// Sametime managed-settings.xml / managed-community-configs.xml in the editor: hover, completion (with
// element snippets and file skeletons as server completion items), outline, and the "Bump lastModDate"
// code action. The engine does the work (server/src/sametime/); this turns it into LSP shapes.
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  SymbolKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import type { SourceFile } from '../engine/workspace';
import { bumpActions } from '../sametime/bump';
import { complete } from '../sametime/complete';
import { systemClock, type Clock } from '../sametime/dates';
import { hover } from '../sametime/hover';
import type { SametimeTree } from '../sametime/model';
import type { Feature, UpkeepServices } from './features';
import type { LanguageHandlers } from './router';

export const BUMP_KIND = 'refactor.rewrite.upkeep.lastModDate';

/** The clock "Bump lastModDate" and lastModDate completion read (replaceable in tests). */
let clock: Clock = systemClock;
export function setSametimeClock(c: Clock): void {
  clock = c;
}

function sametimeFile(s: UpkeepServices, uri: string): SourceFile<SametimeTree> | null {
  const f = s.sourceFile(uri);
  return f && f.language === 'sametime' && f.tree ? (f as SourceFile<SametimeTree>) : null;
}

const KIND: Record<string, CompletionItemKind> = {
  element: CompletionItemKind.Snippet,
  attribute: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

function symbols(file: SourceFile<SametimeTree>): DocumentSymbol[] {
  const { model } = file.tree;
  const r = (start: number, end: number) => file.index.range(start, end);
  const out: DocumentSymbol[] = [];
  for (const g of model.groups) {
    out.push({
      name: g.name || '(settingGroup without name)',
      detail: g.lastModDate?.value ? `lastModDate ${g.lastModDate.value}` : 'settingGroup',
      kind: SymbolKind.Namespace,
      range: r(g.element.start, g.element.end),
      selectionRange: r(g.element.nameSpan.start, g.element.nameSpan.end),
      children: g.settings.map(st => ({
        name: st.name || '(setting without name)',
        detail: st.valueAttr?.value ?? '',
        kind: SymbolKind.Property,
        range: r(st.element.start, st.element.end),
        selectionRange: r(st.element.nameSpan.start, st.element.nameSpan.end),
      })),
    });
  }
  for (const c of model.communities) {
    out.push({
      name: c.id || c.host || '(community without id)',
      detail: `managed-community${c.host ? ` · host ${c.host}` : ''}`,
      kind: SymbolKind.Object,
      range: r(c.element.start, c.element.end),
      selectionRange: r(c.element.nameSpan.start, c.element.nameSpan.end),
    });
  }
  for (const a of model.actions) {
    out.push({
      name: `${a.type || '(no type)'} ${a.ref || '(no community)'}`,
      detail: 'managed-community-action',
      kind: SymbolKind.Event,
      range: r(a.element.start, a.element.end),
      selectionRange: r(a.element.nameSpan.start, a.element.nameSpan.end),
    });
  }
  return out;
}

export const sametimeHandlers: LanguageHandlers = {
  name: 'sametime',
  completionTriggers: ['<', ' ', '"'],
  hover(s, p) {
    const file = sametimeFile(s, p.textDocument.uri);
    if (!file) return null;
    const h = hover({ text: file.text, tree: file.tree, path: file.path }, file.index.offsetAt(p.position));
    return h ? { contents: { kind: 'markdown', value: h.contents }, range: file.index.range(h.start, h.end) } : null;
  },
  completion(s, p, caps) {
    const file = sametimeFile(s, p.textDocument.uri);
    if (!file) return null;
    const snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const items: CompletionItem[] = complete({ text: file.text, tree: file.tree, path: file.path }, file.index.offsetAt(p.position), clock).map((c, i) => {
      const useSnippet = snippets && !!c.snippet;
      return {
        label: c.label,
        kind: KIND[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
        textEdit: { range: file.index.range(c.replaceStart, c.replaceEnd), newText: useSnippet ? c.snippet! : c.insertText },
        insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        // Our text carries its own indentation: the client must not re-indent it.
        insertTextMode: InsertTextMode.asIs,
        sortText: `${c.preferred ? '0' : '1'}${String(i).padStart(4, '0')}`,
        ...(c.filterText ? { filterText: c.filterText } : {}),
      };
    });
    return { isIncomplete: false, items };
  },
  documentSymbol(s, p) {
    const file = sametimeFile(s, p.textDocument.uri);
    return file ? symbols(file) : null;
  },
};

export const sametimeFeature: Feature = {
  name: 'sametime-actions',
  codeActionKinds: [BUMP_KIND],
  register() {
    // Nothing beyond the code actions: they are computed per request.
  },
  codeActions(params: CodeActionParams, s: UpkeepServices): CodeAction[] {
    const file = sametimeFile(s, params.textDocument.uri);
    if (!file) return [];
    const only = params.context?.only;
    if (only && only.length && !only.some(k => k === '' || BUMP_KIND === k || BUMP_KIND.startsWith(k + '.'))) return [];
    const start = file.index.offsetAt(params.range.start);
    const end = file.index.offsetAt(params.range.end);
    return bumpActions({ text: file.text, tree: file.tree, path: file.path }, start, end, clock).flatMap(a => {
      const edit = s.workspaceEditFor(file.path, { edits: a.edits });
      return edit ? [{ title: a.title, kind: BUMP_KIND, edit }] : [];
    });
  },
};
