// Workspace symbols (Ctrl+T, "Go to Symbol in Workspace"): the <VirtualHost> sections of every httpd file
// of the workspace (named by ServerName, else by their address) and the ServerClusters of every
// plugin-cfg.xml with their Servers. The list is built once per workspace state (trees are cached per
// file version) and filtered by the query the way editors match symbol names: the query's characters
// in order, ignoring case, best matches first.
import { isIncludedByHttpd } from '../httpd/config';
import { matchesAnyGlob } from './glob';
import { languageFor } from './languages';
import type { LanguageId } from './rules';
import type { Project } from './workspace';
import type { HttpdTree, SectionNode } from '../httpd/syntax';
import { serverNameOf } from '../httpd/symbols';
import type { PluginCfgTree } from '../plugincfg/model';
import { pluginWorkspaceSymbols } from '../plugincfg/names';

export interface WorkspaceSymbolEntry {
  name: string;
  kind: 'VirtualHost' | 'ServerCluster' | 'Server';
  path: string;
  start: number;
  end: number;
  /** Where it lives, for the list: the file (relative to the workspace), and the cluster for a server. */
  container: string;
}

/** More than this many results are not returned (a query of one letter on a large workspace). */
export const MAX_WORKSPACE_SYMBOLS = 1000;

function vhostName(s: SectionNode): string {
  const name = serverNameOf(s);
  if (name) return name;
  const address = s.args.map(a => a.value).join(' ');
  return address || '<VirtualHost>';
}

/**
 * The language of a workspace file, reading the content only of files whose kind can be told from it
 * (.xml, .conf): a workspace with thousands of pages and images is not read for a symbol search.
 */
function symbolLanguage(project: Project, path: string): LanguageId | null {
  if (project.languageOf(path) || /\.(xml|conf|conf\.in)$/i.test(path) || matchesAnyGlob(path, project.options.httpdFiles)) return languageFor(project, path);
  return isIncludedByHttpd(project, path) ? 'apacheconf' : null;
}

/** Every symbol of the workspace, unfiltered (memoized until the next change). */
export function allWorkspaceSymbols(project: Project): WorkspaceSymbolEntry[] {
  return project.memo('workspace-symbols', () => {
    const out: WorkspaceSymbolEntry[] = [];
    for (const path of project.workspaceFiles()) {
      const language = symbolLanguage(project, path);
      if (language === 'apacheconf') {
        const sf = project.file<HttpdTree>(path, 'apacheconf');
        if (!sf?.tree) continue;
        const file = project.display(path);
        for (const s of sf.tree.sections) {
          if (s.name.toLowerCase() !== 'virtualhost') continue;
          out.push({ name: vhostName(s), kind: 'VirtualHost', path: sf.path, start: s.open.start, end: s.open.end, container: file });
        }
      } else if (language === 'plugincfg') {
        const sf = project.file<PluginCfgTree>(path, 'plugincfg');
        if (!sf?.tree) continue;
        const file = project.display(path);
        for (const sym of pluginWorkspaceSymbols(sf)) {
          out.push({ name: sym.name, kind: sym.kind, path: sf.path, start: sym.start, end: sym.end, container: sym.container ? `${sym.container} · ${file}` : file });
        }
      }
    }
    return out;
  });
}

/**
 * How well `name` matches `query`: null when the query's characters do not all appear in order (case
 * ignored); lower is better (a prefix beats a substring, which beats scattered characters).
 */
export function matchScore(name: string, query: string): number | null {
  if (!query) return 0;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n.startsWith(q)) return 0;
  const at = n.indexOf(q);
  if (at >= 0) return 1 + at / 1000;
  let i = 0;
  let gaps = 0;
  for (let k = 0; k < n.length && i < q.length; k++) {
    if (n[k] === q[i]) i++;
    else if (i > 0) gaps++;
  }
  return i === q.length ? 2 + gaps / 1000 : null;
}

/** The symbols whose name matches `query`, best first (stable within the same score). */
export function workspaceSymbols(project: Project, query: string, limit = MAX_WORKSPACE_SYMBOLS): WorkspaceSymbolEntry[] {
  const scored: { s: WorkspaceSymbolEntry; score: number; i: number }[] = [];
  allWorkspaceSymbols(project).forEach((s, i) => {
    const score = matchScore(s.name, query.trim());
    if (score !== null) scored.push({ s, score, i });
  });
  scored.sort((a, b) => a.score - b.score || a.i - b.i);
  return scored.slice(0, limit).map(x => x.s);
}
