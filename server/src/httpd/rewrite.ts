// mod_rewrite as the maintenance rules see it: chains of RewriteCond lines and the RewriteRule they
// guard, per scope (server level, a <VirtualHost>, a directory section), with flags parsed.
import { safeTest } from '../engine/safe-regex';
import type { Project } from '../engine/workspace';
import { isConditionalSection, type HttpdConfig } from './config';
import { lowerName, type Arg, type DirectiveNode, type HttpdTree, type Node, type SectionNode } from './syntax';

export interface Flags {
  /** Lower-case flag names (`or`, `nc`, `l`, `r` ...) with their values ('' when none). */
  map: ReadonlyMap<string, string>;
  arg: Arg | null;
}

export interface Cond {
  node: DirectiveNode;
  testString: string;
  /** The pattern without its leading `!`. */
  pattern: string;
  negated: boolean;
  flags: Flags;
  patternArg: Arg;
}

export interface RuleChain {
  scope: SectionNode | null;
  conds: Cond[];
  rule: DirectiveNode;
  pattern: string;
  negated: boolean;
  substitution: string;
  flags: Flags;
  /** The status the rule answers with (R=5xx/4xx, F = 403, G = 410), or null for rewrites and redirects. */
  status: number | null;
}

const FLAG_ALIASES: Record<string, string> = {
  ornext: 'or',
  nocase: 'nc',
  last: 'l',
  redirect: 'r',
  forbidden: 'f',
  gone: 'g',
  chain: 'c',
  passthrough: 'pt',
  novary: 'nv',
};

/** The flags of a line without any: one shared, never written map (most RewriteCond lines have none). */
const NO_FLAGS: ReadonlyMap<string, string> = new Map();

export function parseFlags(arg: Arg | undefined): Flags {
  if (!arg || !arg.value.startsWith('[') || !arg.value.endsWith(']')) return { map: NO_FLAGS, arg: arg ?? null };
  const map = new Map<string, string>();
  for (const part of arg.value.slice(1, -1).split(',')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    const name = (eq >= 0 ? p.slice(0, eq) : p).toLowerCase();
    map.set(FLAG_ALIASES[name] ?? name, eq >= 0 ? p.slice(eq + 1) : '');
  }
  return { map, arg };
}

function statusOf(flags: Flags): number | null {
  if (flags.map.has('f')) return 403;
  if (flags.map.has('g')) return 410;
  const r = flags.map.get('r');
  if (r === undefined) return null;
  const n = Number(r);
  return Number.isInteger(n) && (n < 300 || n > 399) ? n : null;
}

const chainsByTree = new WeakMap<HttpdTree, RuleChain[]>();
/**
 * The chains inside a top-level section that is a scope of its own (a <VirtualHost>, a <Directory>): they
 * depend on that section alone. An edit re-parses only the top-level sections it touches and keeps the
 * others as the same objects (see reparseHttpd), so after an edit only the touched section is read again.
 */
const chainsBySection = new WeakMap<SectionNode, RuleChain[]>();

/** Is this directive a RewriteRule or RewriteCond (both names have 11 letters)? */
function isRewriteLine(d: DirectiveNode): boolean {
  if (d.name.length !== 11) return false;
  const name = lowerName(d.name);
  return name === 'rewriterule' || name === 'rewritecond';
}

/**
 * The chains of one file, in order (computed once per parsed tree). RewriteCond lines not followed by a
 * RewriteRule are dropped. Conditional sections are transparent: their lines belong to the surrounding
 * scope. Iterative, so any nesting depth is fine.
 */
export function rewriteChains(tree: HttpdTree): RuleChain[] {
  const hit = chainsByTree.get(tree);
  if (hit) return hit;
  const out: RuleChain[] = [];
  if (tree.directives.some(isRewriteLine)) {
    const serverLevel = { conds: [] as Cond[] };
    const kids = tree.children;
    for (let i = 0; i < kids.length; i++) {
      const n = kids[i];
      if (n.kind === 'section' && !isConditionalSection(n.name)) {
        let own = chainsBySection.get(n);
        if (!own) {
          own = [];
          collectChains(n.children, 0, n.children.length, n, { conds: [] }, own);
          chainsBySection.set(n, own);
        }
        for (const c of own) out.push(c);
      } else collectChains(kids, i, i + 1, null, serverLevel, out);
    }
  }
  chainsByTree.set(tree, out);
  return out;
}

/**
 * Appends the chains of `nodes[from..to)`, read in `scope` with the pending conditions `pending` (shared
 * with transparent children, and between calls for the same scope).
 */
function collectChains(nodes: Node[], from: number, to: number, scope: SectionNode | null, pending: { conds: Cond[] }, out: RuleChain[]): void {
  interface Frame {
    nodes: Node[];
    i: number;
    end: number;
    scope: SectionNode | null;
    /** Pending conditions of this scope (shared with transparent children). */
    pending: { conds: Cond[] };
  }
  const stack: Frame[] = [{ nodes, i: from, end: to, scope, pending }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.end) {
      stack.pop();
      continue;
    }
    const n = f.nodes[f.i++];
    if (n.kind === 'section') {
      if (isConditionalSection(n.name)) stack.push({ nodes: n.children, i: 0, end: n.children.length, scope: f.scope, pending: f.pending });
      else stack.push({ nodes: n.children, i: 0, end: n.children.length, scope: n, pending: { conds: [] } });
      continue;
    }
    if (n.kind !== 'directive' || n.name.length !== 11) continue;
    const name = lowerName(n.name);
    if (name === 'rewritecond' && n.args.length >= 2) {
      const raw = n.args[1].value;
      const negated = raw.startsWith('!');
      f.pending.conds.push({
        node: n,
        testString: n.args[0].value,
        pattern: negated ? raw.slice(1) : raw,
        negated,
        flags: parseFlags(n.args[2]),
        patternArg: n.args[1],
      });
    } else if (name === 'rewriterule' && n.args.length >= 2) {
      const raw = n.args[0].value;
      const negated = raw.startsWith('!');
      const flags = parseFlags(n.args[2]);
      out.push({
        scope: f.scope,
        conds: f.pending.conds.length ? f.pending.conds.slice() : [],
        rule: n,
        pattern: negated ? raw.slice(1) : raw,
        negated,
        substitution: n.args[1].value,
        flags,
        status: statusOf(flags),
      });
      f.pending.conds = [];
    }
  }
}

const CLIENT_VARS = /^%\{(REMOTE_ADDR|REMOTE_HOST|CONN_REMOTE_ADDR)\}$/i;

/** Conditions that compare the client's address or host name. */
export function isClientCond(c: Cond): boolean {
  return CLIENT_VARS.test(c.testString);
}

/**
 * A maintenance rule: it answers with a server error (5xx) instead of content, or with 403 (F, R=403) for
 * every page to every client but an allowlist. A `[F]` rule that guards one path (`^/\.git - [F]`) or
 * refuses everybody is access control, not maintenance.
 */
export function isMaintenanceChain(ch: RuleChain): boolean {
  if (ch.status === null) return false;
  if (ch.status >= 500) return true;
  if (ch.status !== 403 || !allowlistConds(ch).length) return false;
  const catches = (path: string) => {
    const m = safeTest(ch.pattern, path, ch.flags.map.has('nc'));
    return m === null ? false : ch.negated ? !m : m;
  };
  return (catches('/') || catches('')) && (catches('/some/page.html') || catches('some/page.html'));
}

/** The allowlist of a chain: its negated client conditions. */
export function allowlistConds(ch: RuleChain): Cond[] {
  return ch.conds.filter(c => c.negated && isClientCond(c));
}

export interface ConfigChain {
  file: string;
  chain: RuleChain;
}

/** Every rewrite chain of every file of the configuration, memoized per project state. */
export function configChains(project: Project, cfg: HttpdConfig): ConfigChain[] {
  return project.memo(`rewrite-chains:${cfg.root}`, () => {
    const out: ConfigChain[] = [];
    for (const file of cfg.files) {
      const f = project.file<HttpdTree>(file, 'apacheconf');
      if (f) for (const chain of rewriteChains(f.tree)) out.push({ file, chain });
    }
    return out;
  });
}

/** The <VirtualHost> a node sits in, if any. */
export function enclosingVirtualHost(node: Node | null): SectionNode | null {
  for (let p = node?.parent ?? null; p; p = p.parent) if (lowerName(p.name) === 'virtualhost') return p;
  return null;
}
