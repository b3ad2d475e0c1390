// LSP wiring of navigation: find references, document highlights and rename (prepareRename + rename)
// for httpd `Define` variables (across the files of the configuration and envvars) and for plugin-cfg.xml
// names (Server, ServerCluster, UriGroup, VirtualHostGroup), go to definition for plugin-cfg.xml names
// (httpd's is in httpd-features.ts, through httpd/links.ts), and workspace symbols (<VirtualHost>
// sections, ServerClusters and Servers). The engine does the work (httpd/variables.ts,
// plugincfg/names.ts, engine/workspace-symbols.ts); this file converts offsets to protocol shapes.
//
// A refused rename (invalid or colliding name) is answered with a ResponseError (RequestFailed): clients
// show its message to the user.
import {
  DocumentHighlightKind,
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  type DocumentHighlight,
  type Location,
  type LocationLink,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { LineIndex } from '../engine/text';
import type { SourceFile } from '../engine/workspace';
import { workspaceSymbols } from '../engine/workspace-symbols';
import type { HttpdTree } from '../httpd/syntax';
import { prepareVariableRename, renameVariable, variableHighlights, variableReferences, type VarOccurrence } from '../httpd/variables';
import type { PluginCfgTree } from '../plugincfg/model';
import { nameDefinitions, nameReferences, occurrencesAt, prepareNameRename, renameName } from '../plugincfg/names';
import type { Feature, UpkeepServices } from './features';
import type { LanguageHandlers } from './router';

function httpdFile(s: UpkeepServices, uri: string): SourceFile<HttpdTree> | null {
  const file = s.sourceFile(uri);
  return file && file.language === 'apacheconf' && file.tree ? (file as SourceFile<HttpdTree>) : null;
}

function pluginFile(s: UpkeepServices, uri: string): SourceFile<PluginCfgTree> | null {
  const f = s.sourceFile(uri);
  return f && f.language === 'plugincfg' && f.tree ? (f as SourceFile<PluginCfgTree>) : null;
}

/** The line index of any file the engine knows (an open document's current text, else the disk). */
function indexOf(s: UpkeepServices, path: string, language?: 'apacheconf'): LineIndex | undefined {
  const parsed = language ? s.project.file(path, language) : undefined;
  if (parsed) return parsed.index;
  const raw = s.project.rawText(path);
  return raw ? new LineIndex(raw.text) : undefined;
}

function varLocation(s: UpkeepServices, o: VarOccurrence): Location | null {
  const ix = indexOf(s, o.path, o.role === 'export' ? undefined : 'apacheconf');
  return ix ? { uri: s.uriOf(o.path), range: ix.range(o.outerStart, o.outerEnd) } : null;
}

const refused = (message: string) => new ResponseError<void>(LSPErrorCodes.RequestFailed, message);

export const httpdNavigationHandlers: LanguageHandlers = {
  name: 'httpd-navigation',
  references(s, p) {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const refs = variableReferences(s.project, file, file.index.offsetAt(p.position), p.context.includeDeclaration);
    return refs.map(o => varLocation(s, o)).filter((l): l is Location => !!l);
  },
  documentHighlight(s, p) {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    return variableHighlights(s.project, file, file.index.offsetAt(p.position)).map(h => ({
      range: file.index.range(h.start, h.end),
      kind: h.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  },
  prepareRename(s, p) {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const r = prepareVariableRename(s.project, file, file.index.offsetAt(p.position));
    if (!r) return refused('Only Define variables can be renamed in an httpd configuration: put the cursor on ${NAME}, a Define, UnDefine or <IfDefine> name.');
    return { range: file.index.range(r.start, r.end), placeholder: r.placeholder };
  },
  rename(s, p) {
    const file = httpdFile(s, p.textDocument.uri);
    if (!file) return null;
    const r = renameVariable(s.project, file, file.index.offsetAt(p.position), p.newName);
    if ('error' in r) return refused(r.error);
    const edit = s.workspaceEditFor(file.path, { edits: r.edits, otherFiles: r.otherFiles });
    return edit ?? refused('One of the files to change cannot be read.');
  },
};

export const plugincfgNavigationHandlers: LanguageHandlers = {
  name: 'plugincfg-navigation',
  definition(s, p, caps): Location[] | LocationLink[] | null {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    const offset = file.index.offsetAt(p.position);
    const defs = nameDefinitions(file, offset);
    if (!defs.length) return null;
    const origin = occurrencesAt(file, offset).find(o => offset >= o.start && offset <= o.end);
    if (caps.textDocument?.definition?.linkSupport && origin) {
      return defs.map(d => ({
        originSelectionRange: file.index.range(origin.start, origin.end),
        targetUri: p.textDocument.uri,
        targetRange: file.index.range(d.element.start, d.element.end),
        targetSelectionRange: file.index.range(d.start, d.end),
      }));
    }
    return defs.map(d => ({ uri: p.textDocument.uri, range: file.index.range(d.start, d.end) }));
  },
  references(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    return nameReferences(file, file.index.offsetAt(p.position), p.context.includeDeclaration).map(o => ({
      uri: p.textDocument.uri,
      range: file.index.range(o.start, o.end),
    }));
  },
  documentHighlight(s, p): DocumentHighlight[] | null {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    return occurrencesAt(file, file.index.offsetAt(p.position)).map(o => ({
      range: file.index.range(o.start, o.end),
      kind: o.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  },
  prepareRename(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    const r = prepareNameRename(file, file.index.offsetAt(p.position));
    if (!r) return refused('Put the cursor on the Name of a Server, ServerCluster, UriGroup or VirtualHostGroup, or on a Route attribute that names one.');
    return { range: file.index.range(r.start, r.end), placeholder: r.placeholder };
  },
  rename(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    const r = renameName(file, file.index.offsetAt(p.position), p.newName);
    if ('error' in r) return refused(r.error);
    const edit = s.workspaceEditFor(file.path, { edits: r.edits });
    return edit ?? refused('The file cannot be read.');
  },
};

const SYMBOL_KIND = { VirtualHost: SymbolKind.Class, ServerCluster: SymbolKind.Module, Server: SymbolKind.Object } as const;

/** workspace/symbol: virtual hosts, clusters and servers of every file of the workspace. */
export const workspaceSymbolFeature: Feature = {
  name: 'workspace-symbols',
  capabilities: () => ({ workspaceSymbolProvider: true }),
  register(s) {
    s.connection.onWorkspaceSymbol(
      s.guard('workspaceSymbol', [], (p: WorkspaceSymbolParams): SymbolInformation[] => {
        const out: SymbolInformation[] = [];
        const indexes = new Map<string, LineIndex | undefined>();
        for (const sym of workspaceSymbols(s.project, p.query ?? '')) {
          if (!indexes.has(sym.path)) indexes.set(sym.path, s.project.file(sym.path)?.index ?? indexOf(s, sym.path));
          const ix = indexes.get(sym.path);
          if (!ix) continue;
          out.push({ name: sym.name, kind: SYMBOL_KIND[sym.kind], location: { uri: s.uriOf(sym.path), range: ix.range(sym.start, sym.end) }, containerName: sym.container });
        }
        return out;
      }),
    );
  },
};
