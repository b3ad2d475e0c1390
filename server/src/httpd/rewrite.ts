// mod_rewrite as the maintenance rules see it: chains of RewriteCond lines and the RewriteRule they
// guard, per scope (server level, a <VirtualHost>, a directory section), with flags parsed.
import type { Project } from '../engine/workspace';
import type { HttpdConfig } from './config';
import type { Arg, DirectiveNode, HttpdTree, Node, SectionNode } from './syntax';

export interface Flags {
  /** Lower-case flag names (`or`, `nc`, `l`, `r` ...) with their values ('' when none). */
  map: Map<string, string>;
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

export function parseFlags(arg: Arg | undefined): Flags {
  const map = new Map<string, string>();
  if (!arg || !arg.value.startsWith('[') || !arg.value.endsWith(']')) return { map, arg: arg ?? null };
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

/** The chains of one file, in order. RewriteCond lines not followed by a RewriteRule are dropped. */
export function rewriteChains(tree: HttpdTree): RuleChain[] {
  const out: RuleChain[] = [];
  const walk = (nodes: Node[], scope: SectionNode | null) => {
    let pending: Cond[] = [];
    for (const n of nodes) {
      if (n.kind === 'section') {
        // Conditional sections are transparent: their lines belong to the surrounding scope.
        if (/^if(module|define|version|file|directive|section)$/i.test(n.name)) {
          walk(n.children, scope);
          continue;
        }
        walk(n.children, n);
        continue;
      }
      if (n.kind !== 'directive') continue;
      const name = n.name.toLowerCase();
      if (name === 'rewritecond' && n.args.length >= 2) {
        const raw = n.args[1].value;
        const negated = raw.startsWith('!');
        pending.push({
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
          scope,
          conds: pending,
          rule: n,
          pattern: negated ? raw.slice(1) : raw,
          negated,
          substitution: n.args[1].value,
          flags,
          status: statusOf(flags),
        });
        pending = [];
      }
    }
  };
  walk(tree.children, null);
  return out;
}

const CLIENT_VARS = /^%\{(REMOTE_ADDR|REMOTE_HOST|CONN_REMOTE_ADDR)\}$/i;

/** Conditions that compare the client's address or host name. */
export function isClientCond(c: Cond): boolean {
  return CLIENT_VARS.test(c.testString);
}

/** A maintenance rule: it answers with an error status (5xx, or 403 via F/R=403) instead of content. */
export function isMaintenanceChain(ch: RuleChain): boolean {
  return ch.status !== null && (ch.status >= 500 || ch.status === 403);
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
  for (let p = node?.parent ?? null; p; p = p.parent) if (p.name.toLowerCase() === 'virtualhost') return p;
  return null;
}
