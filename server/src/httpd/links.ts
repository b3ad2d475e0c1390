// Navigation from an httpd configuration file: document links and go-to-definition for Include and
// IncludeOptional targets (every file a glob matches, from the configuration's include graph),
// WebSpherePluginConfig to the local plugin-cfg.xml, ErrorDocument local pages to the file under the
// DocumentRoot (or an Alias) when the workspace has it, and ${VAR} to its Define (or envvars export; see variables.ts). LoadModule gets no
// link: the .so lives on the server, not in the workspace.
import * as nodePath from 'node:path';
import type { Project, SourceFile } from '../engine/workspace';
import { substituteVars, type HttpdConfig } from './config';
import { resolveWorkspacePath } from './deployment';
import { argPosition, baseContextOf, lineAt } from './complete';
import { lowerName, type Arg, type DirectiveNode, type HttpdTree, type SectionNode } from './syntax';
import { variableAt, variableDefinitions } from './variables';

export interface FileLink {
  /** The linked text, in offsets of this file. */
  start: number;
  end: number;
  /** Absolute path of the target. */
  target: string;
  /** Where in the target, when not its start (offsets of the target file). */
  targetStart?: number;
  targetEnd?: number;
  tooltip: string;
}

/** Every link of the file. Include globs with several matches get no document link (see definition). */
export function httpdDocumentLinks(project: Project, file: SourceFile<HttpdTree>): FileLink[] {
  const tree = file.tree;
  if (!tree) return [];
  const { config } = baseContextOf(project, file);
  const out: FileLink[] = [];
  for (const d of tree.directives) {
    const targets = directiveTargets(project, file, config, d);
    if (targets.length === 1) out.push(targets[0]);
  }
  return out;
}

/** Go to definition at `offset`: the targets of the directive argument there (several for a glob). */
export function httpdDefinition(project: Project, file: SourceFile<HttpdTree>, offset: number): FileLink[] {
  const tree = file.tree;
  if (!tree) return [];
  const vars = defineAt(project, file, offset);
  if (vars.length) return vars;
  const line = lineAt(tree, offset);
  if (line.kind !== 'directive' && line.kind !== 'open') return [];
  const node = line.node as DirectiveNode | SectionNode;
  const pos = argPosition(node.args, offset);
  if (!pos.arg) return [];
  const { config } = baseContextOf(project, file);
  if (node.kind !== 'directive') return [];
  return directiveTargets(project, file, config, node).filter(l => offset >= l.start && offset <= l.end);
}

function directiveTargets(project: Project, file: SourceFile<HttpdTree>, config: HttpdConfig, d: DirectiveNode): FileLink[] {
  const name = lowerName(d.name);
  const arg = d.args[0];
  if (!arg) return [];
  if (name === 'include' || name === 'includeoptional') return includeTargets(file, config, d, arg);
  if (name === 'webspherepluginconfig') {
    const written = substituteVars(arg.value, config.defines) ?? arg.value;
    const local = resolveWorkspacePath(project, written, config.localServerRoot);
    return local ? [{ start: arg.start, end: arg.end, target: local, tooltip: `Open ${relative(project, local)}` }] : [];
  }
  if (name === 'errordocument' && d.args[1]) {
    const page = errorPage(project, file, config, d, d.args[1]);
    return page ? [{ start: d.args[1].start, end: d.args[1].end, target: page, tooltip: `Open the error page ${relative(project, page)}` }] : [];
  }
  return [];
}

function relative(project: Project, p: string): string {
  for (const r of project.options.roots ?? []) {
    const rel = nodePath.relative(nodePath.resolve(r), p);
    if (!rel.startsWith('..') && !nodePath.isAbsolute(rel)) return rel;
  }
  return p;
}

function includeTargets(file: SourceFile<HttpdTree>, config: HttpdConfig, d: DirectiveNode, arg: Arg): FileLink[] {
  const edge = config.edges.find(e => e.from === file.path && e.directive.start === d.start && e.directive.name === d.name);
  if (!edge) return [];
  return edge.targets.map((t, i) => ({
    start: arg.start,
    end: arg.end,
    target: t,
    tooltip: edge.targets.length > 1 ? `Match ${i + 1} of ${edge.targets.length}: ${nodePath.basename(t)}` : `Open ${nodePath.basename(t)}`,
  }));
}

/** The DocumentRoot in effect for a node: its <VirtualHost>'s, else the main server's (the model's facts). */
function documentRootFor(config: HttpdConfig, d: DirectiveNode): string | null {
  for (let p = d.parent; p; p = p.parent) {
    if (lowerName(p.name) === 'virtualhost') {
      const own = config.vhostBySection.get(p)?.documentRoot;
      if (own) return own.node.args[0].value;
      break;
    }
  }
  return config.server.documentRoot?.node.args[0].value ?? null;
}

/** Alias targets that cover a URL path: [prefix, folder]. */
function aliasFor(config: HttpdConfig, url: string): { prefix: string; dir: string } | null {
  let best: { prefix: string; dir: string } | null = null;
  for (const { node } of config.directives) {
    if (lowerName(node.name) !== 'alias' || node.args.length < 2) continue;
    const prefix = node.args[0].value;
    if ((url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : prefix + '/')) && (!best || prefix.length > best.prefix.length)) {
      best = { prefix, dir: node.args[1].value };
    }
  }
  return best;
}

/**
 * The workspace file an ErrorDocument local path stands for: under the Alias that covers it, else under
 * the DocumentRoot in effect (for .htaccess files, the file's own folder). The match must include the
 * folder's last component, so that a file of the same name elsewhere is not taken for it.
 */
function errorPage(project: Project, file: SourceFile<HttpdTree>, config: HttpdConfig, d: DirectiveNode, arg: Arg): string | null {
  const url = arg.value;
  if (arg.quote || !url.startsWith('/') || url.startsWith('//')) return null;
  const path = url.replace(/[?#].*$/, '');
  const candidates: string[] = [];
  const alias = aliasFor(config, path);
  if (alias) candidates.push(nodePath.posix.join(alias.dir.replace(/\\/g, '/'), path.slice(alias.prefix.length)));
  const root = documentRootFor(config, d);
  if (root) candidates.push(nodePath.posix.join(root.replace(/\\/g, '/'), path));
  if (nodePath.basename(file.path).toLowerCase() === '.htaccess') candidates.push(nodePath.join(nodePath.dirname(file.path), path));
  for (const cand of candidates) {
    const written = substituteVars(cand, config.defines) ?? cand;
    const local = resolveWorkspacePath(project, written, config.localServerRoot);
    if (!local) continue;
    const want = written.split('/').filter(Boolean);
    const tail = want.slice(Math.max(0, want.length - path.split('/').filter(Boolean).length - 1)).join('/').toLowerCase();
    if (local.replace(/\\/g, '/').toLowerCase().endsWith('/' + tail)) return local;
  }
  return null;
}

/** `${NAME}` (or a Define, UnDefine, <IfDefine>) under the cursor: where the variable gets its value. */
function defineAt(project: Project, file: SourceFile<HttpdTree>, offset: number): FileLink[] {
  const hit = variableAt(project, file, offset);
  if (!hit) return [];
  return variableDefinitions(project, file, offset).map(d => ({
    start: hit.at.outerStart,
    end: hit.at.outerEnd,
    target: d.path,
    targetStart: d.lineStart,
    targetEnd: d.lineEnd,
    tooltip: d.role === 'export' ? `export ${d.name}` : `Define ${d.name}`,
  }));
}
