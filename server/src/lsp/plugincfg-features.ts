// plugin-cfg.xml in the editor: hover, completion, outline, the cluster code lens, the swap code actions,
// and the server commands behind "Drain node for maintenance", "Restore normal routing" and "Which server
// served me?". The engine does the work (server/src/plugincfg/); this turns it into LSP shapes.
import * as nodePath from 'node:path';
import {
  CompletionItemKind,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import { languageFor } from '../engine/languages';
import type { SourceFile } from '../engine/workspace';
import { httpdConfigFor, httpdRoots } from '../httpd/config';
import { pluginConfigOf } from '../httpd/deployment';
import { complete } from '../plugincfg/complete';
import { drainNode, formatWhich, originalOfDrainCopy, PluginCfgRefusal, restoreRouting, whichServer } from '../plugincfg/drain';
import { hover } from '../plugincfg/hover';
import { allServers, hostOf, type PluginCfgTree } from '../plugincfg/model';
import { codeLenses, swapActions, symbols, type OutlineSymbol } from '../plugincfg/outline';
import type { Feature, UpkeepServices } from './features';
import type { LanguageHandlers } from './router';

export const SWAP_COMMAND = 'upkeep.server.plugin.swap';
export const DRAIN_COMMAND = 'upkeep.server.plugin.drain';
export const RESTORE_COMMAND = 'upkeep.server.plugin.restore';
export const WHICH_COMMAND = 'upkeep.server.plugin.which';
export const NODES_COMMAND = 'upkeep.server.plugin.nodes';
const SWAP_KIND = 'refactor.rewrite.upkeep.swap';

function pluginFile(s: UpkeepServices, uri: string): SourceFile<PluginCfgTree> | null {
  const f = s.sourceFile(uri);
  return f && f.language === 'plugincfg' && f.tree ? (f as SourceFile<PluginCfgTree>) : null;
}

function toSymbol(file: SourceFile, o: OutlineSymbol): DocumentSymbol {
  return {
    name: o.name,
    detail: o.detail,
    kind: o.kind as SymbolKind,
    range: file.index.range(o.start, o.end),
    selectionRange: file.index.range(o.selectionStart, o.selectionEnd),
    children: o.children?.map(c => toSymbol(file, c)),
  };
}

const KIND: Record<string, CompletionItemKind> = { element: CompletionItemKind.Class, attribute: CompletionItemKind.Property, value: CompletionItemKind.Value };

export const plugincfgHandlers: LanguageHandlers = {
  name: 'plugincfg',
  completionTriggers: ['<', ' ', '"'],
  hover(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    const h = hover(file, file.index.offsetAt(p.position));
    return h ? { contents: { kind: 'markdown', value: h.contents }, range: file.index.range(h.start, h.end) } : null;
  },
  completion(s, p, caps) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    const snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const items: CompletionItem[] = complete(file, file.index.offsetAt(p.position)).map(c => ({
      label: c.label,
      kind: KIND[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
      textEdit: { range: file.index.range(c.replaceStart, c.replaceEnd), newText: snippets && c.snippet ? c.snippet : c.insertText },
      insertTextFormat: snippets && c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    }));
    return { isIncomplete: false, items };
  },
  documentSymbol(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    return file ? symbols(file).map(o => toSymbol(file, o)) : null;
  },
  codeLens(s, p) {
    const file = pluginFile(s, p.textDocument.uri);
    if (!file) return null;
    return codeLenses(file).map(l => ({
      range: file.index.range(l.start, l.end),
      command: { title: l.title, command: 'upkeep.swapCluster', arguments: [p.textDocument.uri, l.cluster] },
    }));
  },
};

/** The httpd.conf whose WebSpherePluginConfig names this plugin-cfg.xml (or its drain copy), if any. */
function httpdFor(s: UpkeepServices, pluginCfg: string): string | undefined {
  const abs = nodePath.resolve(pluginCfg);
  return httpdRoots(s.project).find(root => {
    const local = pluginConfigOf(s.project, httpdConfigFor(s.project, root))?.local;
    if (!local) return false;
    // Either it names this file, or (during a drain) the drain copy of it.
    const original = originalOfDrainCopy(nodePath.basename(local));
    return local === abs || (!!original && nodePath.join(nodePath.dirname(local), original) === abs);
  });
}

export const plugincfgFeature: Feature = {
  name: 'plugincfg-actions',
  codeActionKinds: [SWAP_KIND],
  register(s) {
    s.commands.register({
      id: SWAP_COMMAND,
      async run(args, ctx) {
        const file = pluginFile(s, String(args[0] ?? ''));
        if (!file) return { applied: false, message: 'Open a plugin-cfg.xml first.' };
        const cluster = typeof args[1] === 'string' ? args[1] : undefined;
        const target = cluster ? file.tree.model.clusters.find(c => c.name === cluster) : undefined;
        const fixes = swapActions(file, target ? target.element.start : 0, target ? target.element.start : 0);
        const fix = cluster ? fixes.find(f => f.title.endsWith(`of ${cluster}`)) : fixes.find(f => f.title.includes('every cluster'));
        if (!fix) return { applied: false, message: cluster ? `${cluster} cannot be swapped: it needs one PrimaryServers and one BackupServers list, both with servers.` : 'No cluster can be swapped.' };
        const edit = s.workspaceEditFor(file.path, fix);
        if (!edit) return { applied: false, message: 'This editor cannot apply the edit.' };
        const r = await ctx.applyEdit(edit, fix.title);
        return { applied: r.applied, message: r.applied ? `${fix.title}: done.` : `Not applied: ${r.failureReason ?? 'refused'}` };
      },
    });
    s.commands.register({
      id: NODES_COMMAND,
      run(args) {
        const file = pluginFile(s, String(args[0] ?? ''));
        if (!file) return [];
        const byHost = new Map<string, string[]>();
        for (const srv of allServers(file.tree.model)) {
          const host = hostOf(srv);
          if (host) byHost.set(host, [...(byHost.get(host) ?? []), `${srv.name} (${srv.cluster.name})`]);
        }
        return [...byHost].map(([host, servers]) => ({ host, servers }));
      },
    });
    s.commands.register({
      id: DRAIN_COMMAND,
      async run(args, ctx) {
        const file = pluginFile(s, String(args[0] ?? ''));
        const node = typeof args[1] === 'string' ? args[1] : '';
        if (!file || !node) return { applied: false, message: 'Drain needs a plugin-cfg.xml and a node.' };
        try {
          const httpd = httpdFor(s, file.path);
          const plan = drainNode(s.project, file.path, node, httpd);
          const summary = plan.clusters.map(c => `${c.name}: primary ${c.primary.join(', ')}; backup ${c.backup.join(', ') || 'none'}`).join('\n');
          if (args[2] === true) {
            // Dry run: what the drain would do, for the client to show before asking.
            return {
              applied: false,
              dryRun: true,
              copy: plan.copyPath,
              httpd: httpd ?? null,
              message: `Writes ${nodePath.basename(plan.copyPath)}${httpd ? ` and points WebSpherePluginConfig in ${nodePath.basename(httpd)} at it` : ''}:\n${summary}`,
            };
          }
          const [primary, ...rest] = plan.changes;
          const edit = s.workspaceEditFor(primary.path, { edits: primary.edits ?? [], otherFiles: primary.edits ? rest : plan.changes });
          if (!edit) return { applied: false, message: 'This editor cannot create files.' };
          const r = await ctx.applyEdit(edit, `Drain ${node}`);
          return {
            applied: r.applied,
            message: r.applied ? `Drained ${node} into ${nodePath.basename(plan.copyPath)}. ${summary.replace(/\n/g, '; ')}` : `Not applied: ${r.failureReason ?? 'refused'}`,
            // The files to save: the web server must never find the new WebSpherePluginConfig path without its file.
            files: plan.changes.map(c => s.uriOf(c.path)),
          };
        } catch (e) {
          if (e instanceof PluginCfgRefusal) return { applied: false, message: e.message };
          throw e;
        }
      },
    });
    s.commands.register({
      id: RESTORE_COMMAND,
      async run(args, ctx) {
        const path = s.pathOf(String(args[0] ?? ''));
        const language = languageFor(s.project, path);
        const httpd = language === 'apacheconf' ? path : language === 'plugincfg' ? httpdFor(s, path) : undefined;
        if (!httpd) return { applied: false, message: 'Open the httpd.conf (or the plugin-cfg.xml it names) first.' };
        try {
          const plan = restoreRouting(s.project, httpd);
          const [c, ...copies] = plan.changes;
          // The drain copy is deleted in the same undoable edit; an editor without file deletion keeps it.
          const withDelete = s.workspaceEditFor(c.path, { edits: c.edits ?? [], otherFiles: copies });
          const edit = withDelete ?? s.workspaceEditFor(c.path, { edits: c.edits ?? [] });
          if (!edit) return { applied: false, message: 'This editor cannot apply the edit.' };
          const r = await ctx.applyEdit(edit, 'Restore normal routing');
          const removed = withDelete && plan.removed.length ? ` Removed the drain copy ${plan.removed.map(p => p.split(/[\\/]/).pop()).join(', ')}.` : '';
          return {
            applied: r.applied,
            message: r.applied ? `WebSpherePluginConfig points to ${plan.restored.map(x => x.to).join(', ')} again.${removed}` : `Not applied: ${r.failureReason ?? 'refused'}`,
            files: [s.uriOf(c.path)],
          };
        } catch (e) {
          if (e instanceof PluginCfgRefusal) return { applied: false, message: e.message };
          throw e;
        }
      },
    });
    s.commands.register({
      id: WHICH_COMMAND,
      run(args) {
        const file = pluginFile(s, String(args[0] ?? ''));
        const cookie = typeof args[1] === 'string' ? args[1] : '';
        if (!file || !cookie) return { lines: ['Which server needs a plugin-cfg.xml and a JSESSIONID value.'] };
        return { lines: formatWhich(whichServer(s.project, file.path, cookie)) };
      },
    });
  },
  codeActions(params: CodeActionParams, s: UpkeepServices): CodeAction[] {
    const file = pluginFile(s, params.textDocument.uri);
    if (!file) return [];
    const only = params.context?.only;
    if (only && !only.some(k => SWAP_KIND === k || SWAP_KIND.startsWith(k + '.'))) return [];
    const start = file.index.offsetAt(params.range.start);
    const end = file.index.offsetAt(params.range.end);
    return swapActions(file, start, end).flatMap(fix => {
      const edit = s.workspaceEditFor(file.path, fix);
      return edit ? [{ title: fix.title, kind: SWAP_KIND, edit }] : [];
    });
  },
};
