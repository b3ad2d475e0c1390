// Runs the httpd rules over one file, with the assembled configuration it belongs to as context. Rules are
// queries on that model (what Apache reads, which modules it loads, each virtual host's facts); rules that
// the configuration turns off are not run.
//
// Large files are linted incrementally: each top-level section (a <VirtualHost>, a <Directory>) is a unit
// whose findings are kept, by its text, together with the facts of the model its rules may read (modules,
// version, Defines, server-level defaults, required hosts, the file-system epoch). After an edit inside one
// virtual host, the rules run on that host and on the top-level lines only; the other hosts' findings are
// reused, shifted to their new offsets.
import { isRuleOff, type Finding, type RuleMeta } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import { baseContextOf, reachOf, type BaseContext, type HttpdConfig, type Reach, type VirtualHostFacts } from './config';
import { requiredHosts } from './deployment';
import { lowerName, type DirectiveNode, type HttpdTree, type Node, type SectionNode } from './syntax';
import { HTTPD_RULES } from './rules';
import { linkPlaceholder, mayBePlaceholder } from './link-placeholder';
import { linkPlaceholderRule } from './rules/link-placeholder';

export interface HttpdLintContext {
  project: Project;
  file: SourceFile<HttpdTree>;
  /**
   * The nodes to check. The whole file, or (incremental run) the top-level directives and the sections
   * whose findings are not known yet: iterate this, not `file.tree`.
   */
  tree: HttpdTree;
  config: HttpdConfig;
  /** The context the file's top level is read in (server, inside a <VirtualHost> Include, .htaccess). */
  base: BaseContext;
  /**
   * Does Apache read this node of the file? `no` inside a conditional section known to be false for this
   * configuration, `maybe` when it depends on what the workspace cannot see; `guard` names the section.
   */
  reach(node: Node): { reach: Reach; guard: SectionNode | null };
  /** The virtual host a node of this file belongs to (its own section, or the one that includes the file). */
  vhostOf(node: Node): VirtualHostFacts | null;
  report(f: Finding): void;
}

export interface HttpdRule {
  meta: RuleMeta;
  /**
   * The rule's findings inside a top-level section depend only on that section's text and the model's
   * facts (not on other sections, nor on line numbers elsewhere): they may be reused when the section
   * did not change. Rules without it run on the whole file every time.
   */
  unitLocal?: boolean;
  check(ctx: HttpdLintContext): void;
}

/** Files smaller than this are linted whole: splitting would cost more than it saves. */
const INCREMENTAL_MIN_CHARS = 32 * 1024;

interface UnitCache {
  factsKey: string;
  /** Findings of unit-local rules by unit text, offsets relative to the unit's start. */
  units: Map<string, Finding[]>;
}
const unitCaches = new WeakMap<Project, Map<string, UnitCache>>();

/** How many top-level sections the last incremental lint reused and checked (for tests and the bench). */
export const incrementalStats = { reused: 0, checked: 0 };

export function lintHttpd(project: Project, file: SourceFile<HttpdTree>): Finding[] {
  const findings: Finding[] = [];
  const { base, config } = baseContextOf(project, file);
  const includedIn = config.includeVhost.get(file.path);
  const outerVhost = includedIn ? config.vhostBySection.get(includedIn) ?? null : null;
  // Per enclosing section, the virtual host it lies in (several rules ask for every directive).
  const vhostOfSection = new Map<SectionNode, VirtualHostFacts | null>();
  const makeCtx = (tree: HttpdTree, out: Finding[]): HttpdLintContext => ({
    project,
    file,
    tree,
    config,
    base,
    reach: node => reachOf(config, file.path, node),
    vhostOf(node) {
      const parent = node.parent;
      if (!parent) return outerVhost;
      let hit = vhostOfSection.get(parent);
      if (hit !== undefined) return hit;
      hit = outerVhost;
      for (let p: SectionNode | null = parent; p; p = p.parent) {
        if (lowerName(p.name) === 'virtualhost') {
          hit = config.vhostBySection.get(p) ?? null;
          break;
        }
      }
      vhostOfSection.set(parent, hit);
      return hit;
    },
    report: f => out.push(f),
  });
  // A link checked out as a plain file holds a path, not directives: only httpd/link-placeholder speaks.
  const placeholder = mayBePlaceholder(file) && linkPlaceholder(project, file.path, file.text) !== null;
  const rules = HTTPD_RULES.filter(r => (placeholder ? r === linkPlaceholderRule : true) && !isRuleOff(r.meta, project.options.config));
  const tree = file.tree;
  if (!project.options.incremental || file.text.length < INCREMENTAL_MIN_CHARS || tree.problems.length > 0) {
    const ctx = makeCtx(tree, findings);
    for (const rule of rules) rule.check(ctx);
    return findings;
  }

  // Incremental run.
  let byFile = unitCaches.get(project);
  if (!byFile) unitCaches.set(project, (byFile = new Map()));
  const factsKey = modelFactsKey(project, config, file.path);
  const old = byFile.get(file.path);
  const known = old && old.factsKey === factsKey ? old.units : new Map<string, Finding[]>();
  const next: UnitCache = { factsKey, units: new Map() };
  const text = file.text;
  const todo: SectionNode[] = [];
  incrementalStats.reused = 0;
  for (let _ni = 0, _ns = tree.children; _ni < _ns.length; _ni++) {
    const n = _ns[_ni];
    if (n.kind !== 'section') continue;
    const key = unitKey(text, n);
    const hit = known.get(key);
    if (hit) {
      for (const f of hit) findings.push(shift(f, n.lineStart));
      next.units.set(key, hit);
      incrementalStats.reused++;
    } else todo.push(n);
  }
  incrementalStats.checked = todo.length;
  // The view the unit-local rules check: every top-level line, and the sections not known yet.
  const view = viewOf(tree, todo);
  const fresh: Finding[] = [];
  const viewCtx = makeCtx(view, fresh);
  const fullCtx = makeCtx(tree, findings);
  for (const rule of rules) rule.check(rule.unitLocal ? viewCtx : fullCtx);
  // Attribute fresh findings to their units (by start offset); keep each unit's when they stay inside it.
  const perUnit = new Map<SectionNode, Finding[]>();
  let u = 0;
  fresh.sort((a, b) => a.start - b.start);
  for (const f of fresh) {
    findings.push(f);
    while (u < todo.length && todo[u].end < f.start) u++;
    const unit = todo[u];
    if (!unit || f.start < unit.lineStart) continue;
    let list = perUnit.get(unit);
    if (!list) perUnit.set(unit, (list = []));
    list.push(f);
  }
  for (const unit of todo) {
    if (unitIncludes(unit)) continue;
    const list = perUnit.get(unit) ?? [];
    if (!list.every(f => within(f, unit, file.path))) continue;
    next.units.set(unitKey(text, unit), list.map(f => shift(f, -unit.lineStart)));
  }
  byFile.set(file.path, next);
  return findings;
}

/**
 * The text of a top-level section (from its line start), the key of its findings. Kept per node: a section
 * the reparse kept is the same object with the same text, so its key is the same string, whose hash V8
 * has already computed: looking up 1,000 unchanged sections does not hash the whole file again. The key is
 * a copy, so that it does not keep the whole text of the version it was cut from alive.
 */
const unitKeys = new WeakMap<SectionNode, string>();
function unitKey(text: string, unit: SectionNode): string {
  let key = unitKeys.get(unit);
  if (key === undefined) {
    key = copyOf(text.slice(unit.lineStart, unit.end));
    unitKeys.set(unit, key);
  }
  return key;
}

/** A string that shares no storage with the text it was cut from. */
function copyOf(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** A tree holding every top-level node but only the listed top-level sections (and what they contain). */
function viewOf(tree: HttpdTree, sections: SectionNode[]): HttpdTree {
  const keep = new Set<Node>(sections);
  const children = tree.children.filter(n => n.kind !== 'section' || keep.has(n));
  const inKept = (n: { start: number }) => {
    // Sections are sorted by start; binary search the one holding n.
    let lo = 0;
    let hi = sections.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sections[mid];
      if (n.start < s.lineStart) hi = mid - 1;
      else if (n.start > s.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const topLevel = (n: { parent: SectionNode | null }) => n.parent === null;
  return {
    text: tree.text,
    children,
    directives: tree.directives.filter(d => topLevel(d) || inKept(d)),
    sections: tree.sections.filter(s => keep.has(s) || (!topLevel(s) && inKept(s))),
    comments: tree.comments.filter(c => topLevel(c) || inKept(c)),
    problems: tree.problems,
  };
}

function unitIncludes(unit: SectionNode): boolean {
  // An Include inside makes the unit depend on another file's text: never reused.
  const stack: Node[] = [unit];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'directive' && /^include(optional)?$/i.test(n.name)) return true;
    if (n.kind === 'section') for (const c of n.children) stack.push(c);
  }
  return false;
}

function within(f: Finding, unit: SectionNode, path: string): boolean {
  const inside = (s: number, e: number) => s >= unit.lineStart && e <= unit.end;
  if (!inside(f.start, f.end)) return false;
  for (const fx of f.fixes ?? []) for (const e of fx.edits) if (!inside(e.start, e.end)) return false;
  for (const r of f.related ?? []) if (r.path === path && r.line === undefined && !inside(r.start, r.end)) return false;
  return true;
}

function shift(f: Finding, by: number): Finding {
  if (by === 0) return f;
  const out: Finding = { ...f, start: f.start + by, end: f.end + by };
  if (f.fixes) out.fixes = f.fixes.map(fx => ({ ...fx, edits: fx.edits.map(e => ({ ...e, start: e.start + by, end: e.end + by })) }));
  if (f.related) out.related = f.related.map(r => (r.line === undefined && r.start !== undefined ? { ...r, start: r.start + by, end: r.end + by } : r));
  return out;
}

/**
 * Everything outside a section that unit-local rules may read, as one string: when it is unchanged, a
 * section with the same text has the same findings.
 */
function modelFactsKey(project: Project, config: HttpdConfig, path: string): string {
  const docs = (m: Map<string, { node: DirectiveNode }>) => [...m].map(([k, v]) => k + '=' + v.node.args[1]?.value).join(',');
  const vh = config.includeVhost.get(path);
  const own = vh ? config.vhostBySection.get(vh) : undefined;
  const r = config.fileReach.get(path);
  return [
    config.root,
    config.version,
    config.detectedVersion ?? '',
    project.options.httpdVersion ?? '',
    config.complete,
    config.mpmBuiltIn,
    config.opaqueIncludes,
    [...config.modules.values()].map(m => m.id + (m.certain ? '' : '?')).join(','),
    [...config.defines.keys()].join(','),
    config.server.documentRoot?.node.args[0]?.value ?? '',
    docs(config.server.errorDocuments),
    own ? `${own.documentRoot?.node.args[0]?.value ?? ''}|${docs(own.errorDocuments)}` : '',
    JSON.stringify(config.includeContext.get(path) ?? null),
    r ? r.reach : 'yes',
    requiredHosts(project, config).map(h => h.host).join(','),
    project.fsEpoch,
  ].join('\n');
}
