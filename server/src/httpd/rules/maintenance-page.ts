import * as nodePath from 'node:path';
import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { safeTest } from '../../engine/safe-regex';
import type { HttpdRule } from '../lint';
import type { Project } from '../../engine/workspace';
import type { HttpdConfig } from '../config';
import { resolveWorkspacePath } from '../deployment';
import { PAGE_TEMPLATE } from '../maintenance';
import { isMaintenanceChain, rewriteChains, type RuleChain } from '../rewrite';
import type { DirectiveNode } from '../syntax';

const meta = defineRule({
  code: 'httpd/maintenance-page',
  language: 'apacheconf',
  title: 'The maintenance page is named differently in the rule, its exemption, ErrorDocument and DocumentRoot, or is not exempted',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

/**
 * The page a pattern like ^/upgrading\.html$ names (a path with an extension), else null. An unescaped
 * dot counts as the dot it was meant to be, as in the vendor's `!^/upgrading.htm$`.
 */
function literalPage(pattern: string): string | null {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (!/^(?:[\w\-/]|\\\.|\.)+$/.test(body)) return null;
  const lit = body.replace(/\\\./g, '.');
  return /^\/[\w\-./]*\.[A-Za-z0-9]+$/.test(lit) ? lit : null;
}

/**
 * The variables a condition may test to recognise the page's own request. At server and virtual-host level
 * mod_rewrite runs before the URL is mapped to a file, so SCRIPT_FILENAME and REQUEST_FILENAME still hold
 * the URL path there (the classic `RewriteCond %{SCRIPT_FILENAME} !maintenance.html`); in a directory
 * context they hold the file's path. THE_REQUEST is no exemption: it keeps the client's request line when
 * ErrorDocument redirects internally to the page.
 */
const URI_VARS = /^%\{REQUEST_URI\}$/i;
const FILE_VARS = /^%\{(?:SCRIPT_FILENAME|REQUEST_FILENAME)\}$/i;

/**
 * Is `page` kept out of the chain (the rule does not apply to it)? null when a pattern cannot be checked.
 * `fsPage` is the page's file path as Apache would see it in a directory context (DocumentRoot + page), if known.
 */
function exempts(ch: RuleChain, page: string, perDir: boolean, fsPage: string | null): boolean | null {
  const subject = perDir ? page.replace(/^\//, '') : page;
  const nc = (c: { flags: { map: ReadonlyMap<string, string> } }) => c.flags.map.has('nc');
  const ruleMatches = safeTest(ch.pattern, subject, nc(ch));
  if (ruleMatches === null) return null;
  if (ch.negated ? ruleMatches : !ruleMatches) return true;
  for (let i = 0; i < ch.conds.length; i++) {
    const c = ch.conds[i];
    // A condition joined to a neighbour with [OR] does not keep the page out on its own.
    if (c.flags.map.has('or') || ch.conds[i - 1]?.flags.map.has('or')) continue;
    let tested: string | null = null;
    if (URI_VARS.test(c.testString)) tested = page;
    else if (FILE_VARS.test(c.testString)) tested = perDir ? fsPage : page;
    if (tested === null) continue;
    const m = safeTest(c.pattern, tested, nc(c));
    if (m === null) return null;
    if (c.negated ? m : !m) return true;
  }
  return false;
}

/**
 * Does the chain apply only while the page exists (`RewriteCond %{DOCUMENT_ROOT}/maintenance.html -f`)?
 * Then a missing page is the normal "maintenance off" state, not a mistake.
 */
function gatedOnPage(ch: RuleChain, page: string): boolean {
  return ch.conds.some(
    (c, i) =>
      !c.negated &&
      /^-[fsF]$/.test(c.pattern) &&
      c.testString.toLowerCase().endsWith(page.toLowerCase()) &&
      !c.flags.map.has('or') &&
      !ch.conds[i - 1]?.flags.map.has('or'),
  );
}

type DocRef = { file: string; node: DirectiveNode };

/** The local folder a DocumentRoot stands for, looked up once per configuration version and path. */
function localDocRoot(project: Project, config: HttpdConfig, ref: DocRef): string | null {
  const written = ref.node.args[0].value;
  return project.memo(`docroot:${config.root}\n${written}`, () => {
    const sr = config.serverRoot.replace(/\/+$/, '');
    let local: string | null = null;
    if (project.fs.stat(written) === 'dir') local = written;
    else if (sr && written.startsWith(sr + '/')) local = nodePath.join(config.localServerRoot, written.slice(sr.length));
    else if (!written.startsWith('/')) local = nodePath.join(config.localServerRoot, written);
    if (local && project.fs.stat(local) !== 'dir') local = resolveWorkspacePath(project, written, config.localServerRoot);
    return local && project.fs.stat(local) === 'dir' ? nodePath.resolve(local) : null;
  });
}

export const maintenancePage: HttpdRule = {
  meta,
  unitLocal: true,
  check(ctx) {
    const { project, config, file, tree, report } = ctx;
    const chains = rewriteChains(tree).filter(isMaintenanceChain);
    if (!chains.length) return;
    const stem = (p: string) => p.replace(/\.[^./]+$/, '').toLowerCase();
    const reported = new Set<string>();
    const once = (start: number, end: number, message: string, extra?: { fixes?: Fix[] }) => {
      const key = `${start}:${end}:${message}`;
      if (reported.has(key)) return;
      reported.add(key);
      report(makeFinding(meta, start, end, message, extra));
    };
    for (let _chaini = 0, _chains = chains; _chaini < _chains.length; _chaini++) {
      const chain = _chains[_chaini];
      // Each chain is judged with the facts of its own virtual host (inherited from server level when the
      // host has none): its ErrorDocument, its DocumentRoot; never another site's.
      const vh = ctx.vhostOf(chain.rule);
      const status = String(chain.status);
      const ownDoc = vh?.errorDocuments.get(status) ?? config.server.errorDocuments.get(status);
      const rule = chain.rule;
      const at = (n: DirectiveNode) => [n.nameSpan.start, n.args[n.args.length - 1]?.end ?? n.nameSpan.end] as const;
      const page = ownDoc?.node.args[1].value.startsWith('/') ? ownDoc.node.args[1].value : null;

      // 1. Names that disagree: exemption literals, the substitution, this host's ErrorDocument pages with the same stem.
      const names = new Map<string, string>();
      if (chain.negated) {
        const lit = literalPage(chain.pattern);
        if (lit) names.set(lit, 'the rule\'s exemption');
      }
      for (const c of chain.conds) {
        if (c.negated && /^%\{REQUEST_URI\}$/i.test(c.testString)) {
          const lit = literalPage(c.pattern);
          if (lit && !names.has(lit)) names.set(lit, 'the REQUEST_URI exemption');
        }
      }
      if (chain.substitution.startsWith('/') && !names.has(chain.substitution)) names.set(chain.substitution, 'the rule\'s target');
      if (page && !names.has(page)) names.set(page, `ErrorDocument ${status}`);
      const stems = new Set([...names.keys()].map(stem));
      const docs: DocRef[] = [...(vh?.errorDocuments.values() ?? []), ...config.server.errorDocuments.values()];
      for (const d of docs) {
        const p = d.node.args[1].value;
        if (p.startsWith('/') && stems.has(stem(p)) && !names.has(p)) names.set(p, `ErrorDocument ${d.node.args[0].value} in ${nodePath.basename(d.file)}`);
      }
      if (names.size > 1) {
        const list = [...names].map(([p, where]) => `${p} (${where})`).join(', ');
        once(...at(rule), `The maintenance page has more than one name: ${list}. Users get a missing page or a second error; use one name everywhere.`);
      }

      if (!page || !ownDoc) continue;
      // 2. The page must be exempted, or its own request is answered with the error again.
      const perDir = !!rule.parent && !/^virtualhost$/i.test(rule.parent.name) && !/^if/i.test(rule.parent.name);
      const rootRef = vh?.documentRoot ?? config.server.documentRoot;
      const writtenRoot = rootRef?.node.args[0]?.value.replace(/\/+$/, '');
      const ex = exempts(chain, page, perDir, writtenRoot ? writtenRoot + page : null);
      if (ex === false) {
        once(
          ...at(rule),
          `This rule also catches ${page}, the page ErrorDocument ${status} serves: Apache answers with its plain "Additionally, a ${status} error was encountered" text instead of the page. Exempt it with RewriteCond %{REQUEST_URI} !^${page.replace(/\./g, '\\.')}$.`,
        );
      }
      // 3. The page must exist in this host's DocumentRoot (when the workspace has that folder). The finding
      //    is about the ErrorDocument line when it is in this file. A rule switched on by the page's existence
      //    (-f) is off while the page is missing: nothing to report.
      if (gatedOnPage(chain, page)) continue;
      const dir = rootRef ? localDocRoot(project, config, rootRef) : null;
      if (!dir) continue;
      const target = nodePath.join(dir, page);
      if (project.fs.stat(target) === 'file') continue;
      // On the ErrorDocument line when it is this host's own (or, for a server-level rule, in this file);
      // a virtual host that inherits the server's ErrorDocument hears it on its own rule.
      const ownLine = ownDoc.file === file.path && (vh ? vh.errorDocuments.get(status) === ownDoc : true);
      const where = ownLine ? at(ownDoc.node) : at(rule);
      const alt = /\.html$/i.test(page) ? page.replace(/\.html$/i, '.htm') : /\.htm$/i.test(page) ? page + 'l' : null;
      const fixes: Fix[] = [];
      let msg = `${page} does not exist in DocumentRoot ${project.display(dir)}: clients get a 404 text instead of the maintenance page.`;
      if (alt && project.fs.stat(nodePath.join(dir, alt)) === 'file') {
        msg = `ErrorDocument ${status} names ${page}, but DocumentRoot ${project.display(dir)} has ${alt}.`;
        const arg = ownDoc.node.args[1];
        if (ownDoc.file === file.path) fixes.push({ title: `Change ErrorDocument to ${alt}`, edits: [{ start: arg.start, end: arg.end, newText: alt }], safe: false });
      } else {
        fixes.push({ title: `Create ${page} from Upkeep's template`, edits: [], otherFiles: [{ path: target, create: PAGE_TEMPLATE(chain.status ?? 503) }], safe: false });
      }
      once(...where, msg, { fixes: fixes.length ? fixes : undefined });
    }
  },
};
