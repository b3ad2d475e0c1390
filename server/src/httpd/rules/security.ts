// Security rules for Apache httpd and IBM HTTP Server (issue 14). Defaults are quiet: information where
// the finding is a judgment call (banner text, TRACE, directory listings, HSTS), warning only where the
// configuration is open or weak in a way nobody means (an open proxy, SSLv3, RC4). Server-level
// defaults are read from the assembled configuration (ctx.config), as virtual hosts inherit them.
import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import type { OffsetEdit } from '../../engine/text';
import type { Project } from '../../engine/workspace';
import { directivesNamed, isModuleLoaded, type HttpdConfig } from '../config';
import type { HttpdLintContext, HttpdRule } from '../lint';
import { lowerName, type Arg, type DirectiveNode, type Node, type SectionNode } from '../syntax';
import { inMacro } from './util';

const lower = (s: string) => s.toLowerCase();

/** Sections that only decide whether their body is read: transparent for "at server level". */
const CONDITIONAL = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'if', 'elseif', 'else']);

/** Is the node at server level of its file (only conditional sections around it)? */
function atFileTop(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (!CONDITIONAL.has(lowerName(p.name))) return false;
  return true;
}

/** Server-level directives of the configuration named `name`, in reading order. */
function serverLevel(config: HttpdConfig, name: string): { file: string; node: DirectiveNode }[] {
  return directivesNamed(config, name).filter(
    d => lowerName(d.node.name) === name && atFileTop(d.node) && !inMacro(d.node) && (config.includeContext.get(d.file)?.context ?? 'server') === 'server',
  );
}

/**
 * The configuration is a whole server (it listens or sets ServerRoot), so a directive it lacks
 * means Apache's default. A fragment or a lone .htaccess says nothing about what it lacks.
 */
function isWholeServer(ctx: HttpdLintContext): boolean {
  if (ctx.file.path !== ctx.config.root || ctx.base.context !== 'server') return false;
  return directivesNamed(ctx.config, 'listen').length > 0 || directivesNamed(ctx.config, 'serverroot').length > 0;
}

/** An edit that appends a line at the end of the text (adding the line break the file lacks). */
function appendLine(text: string, line: string): OffsetEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return { start: text.length, end: text.length, newText: `${needsBreak ? eol : ''}${line}${eol}` };
}

function replaceArgs(d: DirectiveNode, newText: string): OffsetEdit {
  return { start: d.args[0].start, end: d.args[d.args.length - 1].end, newText };
}

/** The first line of a file where a finding about the whole server can sit (its first directive). */
function anchorOf(ctx: HttpdLintContext): { start: number; end: number } {
  const d = ctx.tree.directives[0];
  return d ? { start: d.nameSpan.start, end: d.nameSpan.end } : { start: 0, end: 0 };
}

// ---- httpd/server-tokens ------------------------------------------------------------------------------

const serverTokensMeta = defineRule({
  code: 'httpd/server-tokens',
  language: 'apacheconf',
  title: 'ServerTokens other than Prod: the Server header tells every client the version (and OS, modules)',
  defaultSeverity: 'information',
  fix: 'safe',
});

export const serverTokens: HttpdRule = {
  meta: serverTokensMeta,
  check(ctx) {
    const all = serverLevel(ctx.config, 'servertokens');
    const last = all[all.length - 1];
    const fix = (edits: OffsetEdit[]): Fix[] => [{ title: 'Set ServerTokens Prod', edits, safe: true }];
    if (!last) {
      if (!isWholeServer(ctx)) return;
      const at = anchorOf(ctx);
      const message = 'No ServerTokens: Apache sends its full version, OS and modules in the Server header of every response (ServerTokens Full). ServerTokens Prod sends only "Apache" (IBM HTTP Server: "IBM_HTTP_Server").';
      ctx.report(makeFinding(serverTokensMeta, at.start, at.end, message, { fixes: fix([appendLine(ctx.file.text, 'ServerTokens Prod')]) }));
      return;
    }
    if (last.file !== ctx.file.path) return;
    const d = last.node;
    const v = lower(d.args[0]?.value ?? '');
    if (v === 'prod' || v === 'productonly' || !d.args.length) return;
    const message = `ServerTokens ${d.args[0].value}: the Server header of every response (and error pages) names ${v === 'major' || v === 'minor' || v === 'min' || v === 'minimal' ? 'the Apache version' : 'the Apache version and the OS'}, which tells scanners which known flaws to try. ServerTokens Prod sends only the product name.`;
    ctx.report(makeFinding(serverTokensMeta, d.nameSpan.start, d.end, message, { fixes: fix([replaceArgs(d, 'Prod')]) }));
  },
};

// ---- httpd/server-signature ---------------------------------------------------------------------------

const serverSignatureMeta = defineRule({
  code: 'httpd/server-signature',
  language: 'apacheconf',
  title: 'ServerSignature On or EMail: error pages and listings end with the server version and host name',
  defaultSeverity: 'information',
  fix: 'safe',
});

export const serverSignature: HttpdRule = {
  meta: serverSignatureMeta,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'serversignature' || inMacro(d)) continue;
      const v = lower(d.args[0]?.value ?? '');
      if (v !== 'on' && v !== 'email') continue;
      const message = `ServerSignature ${d.args[0].value}: Apache's own error pages and directory listings end with a line naming the server version${v === 'email' ? ' and the ServerAdmin address' : ''} (as ServerTokens sets it). Off leaves that line out.`;
      report(makeFinding(serverSignatureMeta, d.nameSpan.start, d.end, message, { fixes: [{ title: 'Set ServerSignature Off', edits: [replaceArgs(d, 'Off')], safe: true }] }));
    }
  },
};

// ---- httpd/trace-enable -------------------------------------------------------------------------------

const traceMeta = defineRule({
  code: 'httpd/trace-enable',
  language: 'apacheconf',
  title: 'TRACE requests answered (TraceEnable On, the default): the request, headers included, echoed back',
  defaultSeverity: 'information',
  fix: 'safe',
});

export const traceEnable: HttpdRule = {
  meta: traceMeta,
  check(ctx) {
    const fix = (edits: OffsetEdit[]): Fix[] => [{ title: 'Set TraceEnable Off', edits, safe: true }];
    for (let _di = 0, _ds = ctx.tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'traceenable' || inMacro(d)) continue;
      const v = lower(d.args[0]?.value ?? '');
      if (v !== 'on' && v !== 'extended') continue;
      const message = `TraceEnable ${d.args[0].value}: Apache answers TRACE by echoing the request back${v === 'extended' ? ', bodies included' : ''}, headers and cookies a proxy added included. Nothing a site serves needs it; TraceEnable Off answers 405.`;
      ctx.report(makeFinding(traceMeta, d.nameSpan.start, d.end, message, { fixes: fix([replaceArgs(d, 'Off')]) }));
    }
    if (!isWholeServer(ctx) || serverLevel(ctx.config, 'traceenable').length) return;
    const at = anchorOf(ctx);
    const message = 'No TraceEnable at server level: Apache answers TRACE requests by echoing them back (the default is On). TraceEnable Off answers 405.';
    ctx.report(makeFinding(traceMeta, at.start, at.end, message, { fixes: fix([appendLine(ctx.file.text, 'TraceEnable Off')]) }));
  },
};

// ---- httpd/options-indexes ----------------------------------------------------------------------------

const indexesMeta = defineRule({
  code: 'httpd/options-indexes',
  language: 'apacheconf',
  title: 'Options Indexes where clients have access: a folder without index page is listed file by file',
  defaultSeverity: 'information',
  fix: 'unsafe',
});

const DENY_ALL = (d: DirectiveNode) => {
  const n = lowerName(d.name);
  const a = d.args.map(x => lower(x.value));
  return (n === 'require' && a[0] === 'all' && a[1] === 'denied') || (n === 'deny' && a[0] === 'from' && a[1] === 'all' && a.length === 2);
};

/** Is the scope of `d` closed to every client (Require all denied / Deny from all beside it)? */
function deniedScope(d: DirectiveNode): boolean {
  const siblings = d.parent ? d.parent.children : [];
  return siblings.some(s => s.kind === 'directive' && DENY_ALL(s));
}

export const optionsIndexes: HttpdRule = {
  meta: indexesMeta,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'options' || inMacro(d) || deniedScope(d)) continue;
      const on = d.args.find(a => /^\+?indexes$/i.test(a.value) || /^all$/i.test(a.value));
      if (!on) continue;
      let fixes: Fix[] | undefined;
      if (/^\+indexes$/i.test(on.value)) {
        fixes = [{ title: 'Change to -Indexes', edits: [{ start: on.start, end: on.end, newText: '-Indexes' }], safe: false }];
      } else if (/^indexes$/i.test(on.value)) {
        const i = d.args.indexOf(on);
        const edit: OffsetEdit =
          d.args.length === 1
            ? { start: on.start, end: on.end, newText: 'None' }
            : i > 0
              ? { start: d.args[i - 1].end, end: on.end, newText: '' }
              : { start: on.start, end: d.args[1].start, newText: '' };
        fixes = [{ title: d.args.length === 1 ? 'Change to Options None' : 'Remove Indexes', edits: [edit], safe: false }];
      }
      const what = /^all$/i.test(on.value) ? 'Options All includes Indexes: a' : 'With Indexes, a';
      const message = `${what} folder here without an index page (DirectoryIndex) is answered with a list of its files, backups and forgotten exports included. Leave Indexes out where listings are not the point.`;
      report(makeFinding(indexesMeta, on.start, on.end, message, fixes ? { fixes } : {}));
    }
  },
};

// ---- httpd/weak-tls-protocol --------------------------------------------------------------------------

const protocolMeta = defineRule({
  code: 'httpd/weak-tls-protocol',
  language: 'apacheconf',
  title: 'SSLv3, TLS 1.0 or TLS 1.1 enabled (mod_ssl SSLProtocol, IHS SSLProtocolEnable)',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

const MODSSL_ALL = ['tlsv1', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3'];
const MODSSL_WEAK = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1']);
const IHS_WEAK = new Set(['sslv2', 'sslv3', 'tlsv10', 'tlsv11']);
const SHOWN: Record<string, string> = { sslv2: 'SSLv2', sslv3: 'SSLv3', tlsv1: 'TLS 1.0', 'tlsv1.1': 'TLS 1.1', tlsv10: 'TLS 1.0', tlsv11: 'TLS 1.1' };

/** The protocols an SSLProtocol line enables, as mod_ssl reads it (a word without +/- replaces the set). */
function modSslProtocols(args: Arg[]): { enabled: Set<string>; explicit: Set<string> } {
  let enabled = new Set<string>();
  const explicit = new Set<string>();
  for (const a of args) {
    const v = lower(a.value);
    const op = v[0] === '+' || v[0] === '-' ? v[0] : '';
    const name = op ? v.slice(1) : v;
    const set = name === 'all' ? MODSSL_ALL : [name];
    if (op === '-') set.forEach(p => enabled.delete(p));
    else {
      if (!op) enabled = new Set();
      set.forEach(p => enabled.add(p));
      if (name !== 'all') explicit.add(name);
    }
  }
  return { enabled, explicit };
}

export const weakTlsProtocol: HttpdRule = {
  meta: protocolMeta,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (inMacro(d) || !d.args.length) continue;
      const n = lowerName(d.name);
      if (n === 'sslprotocol') {
        const { enabled, explicit } = modSslProtocols(d.args);
        const weak = [...enabled].filter(p => MODSSL_WEAK.has(p));
        if (!weak.length) continue;
        const named = weak.filter(p => explicit.has(p));
        const list = weak.map(p => SHOWN[p]).join(', ');
        const message = named.length
          ? `SSLProtocol enables ${list}: these protocols have known attacks (POODLE, BEAST) and no current browser needs them. Use "all -SSLv3 -TLSv1 -TLSv1.1" (TLS 1.2 and 1.3).`
          : `SSLProtocol ${d.args.map(a => a.value).join(' ')} still enables ${list} as far as Apache is concerned (a recent OpenSSL may refuse them at run time anyway). Say "all -SSLv3 -TLSv1 -TLSv1.1" to leave only TLS 1.2 and 1.3.`;
        report(
          makeFinding(protocolMeta, d.nameSpan.start, d.end, message, {
            severity: named.length ? 'warning' : 'information',
            fixes: [{ title: 'Allow only TLS 1.2 and 1.3', edits: [replaceArgs(d, 'all -SSLv3 -TLSv1 -TLSv1.1')], safe: false }],
          }),
        );
      } else if (n === 'sslprotocolenable') {
        const weak = d.args.filter(a => IHS_WEAK.has(lower(a.value)));
        if (!weak.length) continue;
        const list = weak.map(a => SHOWN[lower(a.value)]).join(', ');
        const message = `SSLProtocolEnable ${list}: these protocols have known attacks (POODLE, BEAST) and no current browser needs them. IBM HTTP Server: remove them here and list them in SSLProtocolDisable.`;
        report(makeFinding(protocolMeta, weak[0].start, weak[weak.length - 1].end, message));
      }
    }
  },
};

// ---- httpd/weak-tls-cipher ----------------------------------------------------------------------------

const cipherMeta = defineRule({
  code: 'httpd/weak-tls-cipher',
  language: 'apacheconf',
  title: 'Broken ciphers enabled: NULL, anonymous, EXPORT, RC4, DES, 3DES, MD5 (SSLCipherSuite, IHS SSLCipherSpec)',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

/** OpenSSL cipher-string words that select broken ciphers. */
const WEAK_FAMILIES = new Set(['null', 'enull', 'anull', 'exp', 'export', 'export40', 'export56', 'rc4', 'rc2', 'des', '3des', 'md5', 'low', 'adh', 'aecdh']);
/** OpenSSL cipher names (RC4-SHA, EXP-DES-CBC-SHA, DES-CBC3-SHA, NULL-MD5 ...). */
const WEAK_NAME = /(^|-)(rc4|rc2|null|exp|des-cbc|des-cbc3|3des|md5|adh|aecdh)(-|$)/i;
/** IBM HTTP Server cipher names and their short codes (SSL_RSA_WITH_RC4_128_SHA = 35 ...). */
const IHS_WEAK_NAME = /(rc4|rc2|null|export|_des_|3des|_md5$)/i;
const IHS_WEAK_CODES = new Set(['31', '32', '33', '34', '35', '36', '39', '3a', '62', '64']);

function weakElement(el: string): boolean {
  return el.split('+').some(part => WEAK_FAMILIES.has(lower(part)) || WEAK_NAME.test(part));
}

export const weakTlsCipher: HttpdRule = {
  meta: cipherMeta,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (inMacro(d) || !d.args.length) continue;
      const n = lowerName(d.name);
      if (n === 'sslciphersuite' || n === 'sslproxyciphersuite') {
        const arg = d.args[d.args.length - 1];
        const elements = arg.value.split(/[:, ]+/).filter(Boolean);
        const excluded = new Set(elements.filter(e => e[0] === '!' || e[0] === '-').map(e => lower(e.slice(1))));
        const weak = elements.filter(e => e[0] !== '!' && e[0] !== '-' && weakElement(e.replace(/^\+/, '')) && !e.split('+').some(p => excluded.has(lower(p))));
        const allWithAnon = elements.some(e => lower(e) === 'all') && !excluded.has('anull') && !excluded.has('adh');
        if (!weak.length && !allWithAnon) continue;
        const names = [...weak, ...(allWithAnon ? ['ALL (with anonymous aNULL ciphers)'] : [])];
        const message = `${d.name} enables ${names.join(', ')}: broken or unauthenticated ciphers that a man in the middle can read or forge. Keep HIGH and exclude !aNULL (Apache's default is fine).`;
        const kept = elements.filter(e => !weak.includes(e));
        if (allWithAnon) kept.push('!aNULL');
        let fixes: Fix[] | undefined;
        if (kept.some(e => e[0] !== '!' && e[0] !== '-')) {
          const body = kept.join(':');
          const start = arg.start + (arg.quote ? 1 : 0);
          const end = arg.end - (arg.quote && !arg.unterminated ? 1 : 0);
          fixes = [{ title: `Change to ${body}`, edits: [{ start, end, newText: body }], safe: false }];
        }
        report(makeFinding(cipherMeta, arg.start, arg.end, message, fixes ? { fixes } : {}));
      } else if (n === 'sslcipherspec') {
        const weak = d.args.filter(a => {
          const v = a.value;
          if (v[0] === '-') return false;
          const name = v.replace(/^\+/, '');
          return IHS_WEAK_CODES.has(lower(name)) || IHS_WEAK_NAME.test(name);
        });
        if (!weak.length) continue;
        const message = `SSLCipherSpec enables ${weak.map(a => a.value.replace(/^\+/, '')).join(', ')}: broken ciphers (RC4, DES, 3DES, NULL, EXPORT or MD5) that a man in the middle can read or forge. Remove them (or list them with a leading "-").`;
        report(makeFinding(cipherMeta, weak[0].start, weak[weak.length - 1].end, message));
      }
    }
  },
};

// ---- httpd/hsts-missing -------------------------------------------------------------------------------

const hstsMeta = defineRule({
  code: 'httpd/hsts-missing',
  language: 'apacheconf',
  title: 'An SSL virtual host without Strict-Transport-Security (HSTS)',
  defaultSeverity: 'information',
  fix: 'unsafe',
});

function setsHsts(d: DirectiveNode): boolean {
  return lowerName(d.name) === 'header' && d.args.some(a => lower(a.value) === 'strict-transport-security') && !d.args.some(a => /^(unset|edit\*?)$/i.test(a.value));
}

function walk(nodes: Node[], visit: (d: DirectiveNode) => void): void {
  for (let _ni = 0, _ns = nodes; _ni < _ns.length; _ni++) {
    const n = _ns[_ni];
    if (n.kind === 'directive') visit(n);
    else if (n.kind === 'section') walk(n.children, visit);
  }
}

/** Files read inside a <VirtualHost> (by Include) that set HSTS: once per configuration version. */
function hstsInIncludedVhostFile(project: Project, config: HttpdConfig): string[] {
  return project.memo(`hsts-in-vhost-files:${config.root}`, () => [
    ...new Set(directivesNamed(config, 'header').filter(d => setsHsts(d.node) && config.includeContext.get(d.file)?.context === 'virtualhost').map(d => d.file)),
  ]);
}

function isSslVhost(v: SectionNode): boolean {
  let ssl = false;
  walk(v.children, d => {
    const n = lowerName(d.name);
    if ((n === 'sslengine' && /^(on|optional)$/i.test(d.args[0]?.value ?? '')) || n === 'sslenable') ssl = true;
  });
  return ssl;
}

export const hstsMissing: HttpdRule = {
  meta: hstsMeta,
  check(ctx) {
    const { tree, config, report, file } = ctx;
    // A server-level Header is merged into every virtual host.
    // Once per configuration version, not once per file.
    const atServer = ctx.project.memo(`hsts-at-server:${config.root}`, () =>
      directivesNamed(config, 'header').some(d => setsHsts(d.node) && (config.includeContext.get(d.file)?.context ?? 'server') === 'server' && !hasAncestor(d.node, 'virtualhost')),
    );
    if (atServer) return;
    const headers = isModuleLoaded(config, 'mod_headers.c') && config.modules.size > 0;
    for (let _vi = 0, _vs = tree.sections; _vi < _vs.length; _vi++) {
      const v = _vs[_vi];
      if (lowerName(v.name) !== 'virtualhost' || inMacro(v) || !isSslVhost(v)) continue;
      let has = false;
      walk(v.children, d => {
        if (setsHsts(d)) has = true;
      });
      // An Include inside the vhost may set it: those files are in the configuration too.
      if (!has && hstsInIncludedVhostFile(ctx.project, config).some(f => f !== file.path)) continue;
      if (has) continue;
      let fixes: Fix[] | undefined;
      if (headers && v.close) {
        const first = v.children.find(c => c.kind !== 'comment') ?? v.children[0];
        const indent = first ? /^[ \t]*/.exec(file.text.slice(first.lineStart))![0] : '    ';
        const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
        const closeLine = file.text.lastIndexOf('\n', v.close.start - 1) + 1;
        fixes = [
          {
            title: 'Add Header always set Strict-Transport-Security "max-age=31536000"',
            edits: [{ start: closeLine, end: closeLine, newText: `${indent}Header always set Strict-Transport-Security "max-age=31536000"${eol}` }],
            safe: false,
          },
        ];
      }
      const message =
        'This SSL virtual host sends no Strict-Transport-Security header, so a browser that once reached it over https still tries http first, where a man in the middle can keep it. HSTS is a commitment (browsers remember it for max-age): add it once the site is https-only.';
      report(makeFinding(hstsMeta, v.nameSpan.start, v.open.end, message, fixes ? { fixes } : {}));
    }
  },
};

function hasAncestor(n: Node, name: string): boolean {
  for (let p = n.parent; p; p = p.parent) if (lowerName(p.name) === name) return true;
  return false;
}

// ---- httpd/open-proxy ---------------------------------------------------------------------------------

const openProxyMeta = defineRule({
  code: 'httpd/open-proxy',
  language: 'apacheconf',
  title: 'ProxyRequests On without a <Proxy> section that limits who may use it (an open proxy)',
  defaultSeverity: 'warning',
  fix: 'none',
});

const ACCESS = new Set(['require', 'allow', 'deny', 'order', 'authtype', 'requireall', 'requireany']);

/** A <Proxy> / <ProxyMatch> section of the configuration that restricts access (not "all granted"). */
function proxyRestricted(config: HttpdConfig, ctx: HttpdLintContext): boolean {
  const sections: SectionNode[] = [];
  for (const f of config.files.length ? config.files : [ctx.file.path]) {
    const tree = f === ctx.file.path ? ctx.tree : (ctx.project.file(f)?.tree as { sections?: SectionNode[] } | undefined);
    for (const s of tree?.sections ?? []) if (/^proxy(match)?$/i.test(s.name)) sections.push(s);
  }
  return sections.some(s => {
    let restricts = false;
    let grantsAll = false;
    walk(s.children, d => {
      const n = lowerName(d.name);
      if (!ACCESS.has(n)) return;
      const a = d.args.map(x => lower(x.value));
      if ((n === 'require' && a[0] === 'all' && a[1] === 'granted') || (n === 'allow' && a[1] === 'all')) grantsAll = true;
      else restricts = true;
    });
    for (const c of s.children) if (c.kind === 'section' && /^require(all|any|none)$/i.test(c.name)) restricts = true;
    return restricts && !grantsAll;
  });
}

export const openProxy: HttpdRule = {
  meta: openProxyMeta,
  check(ctx) {
    for (let _di = 0, _ds = ctx.tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'proxyrequests' || inMacro(d) || lower(d.args[0]?.value ?? '') !== 'on') continue;
      if (proxyRestricted(ctx.config, ctx)) continue;
      const message =
        'ProxyRequests On makes this server a forward proxy, and no <Proxy "*"> section limits who may use it: anyone who reaches it can relay requests (spam, attacks, access to internal hosts) through it. A reverse proxy (ProxyPass) needs ProxyRequests Off; a forward proxy needs <Proxy "*"> with Require ip of your own network.';
      ctx.report(makeFinding(openProxyMeta, d.nameSpan.start, d.end, message));
    }
  },
};

// ---- httpd/host-based-access --------------------------------------------------------------------------

const hostAccessMeta = defineRule({
  code: 'httpd/host-based-access',
  language: 'apacheconf',
  title: 'Access decided by the client\'s host name: spoofable with HostnameLookups On and %{REMOTE_HOST}, DNS-bound otherwise',
  defaultSeverity: 'information',
  fix: 'unsafe',
});

const IPLIKE = /^[0-9a-f:.\/]+$/i;

export const hostBasedAccess: HttpdRule = {
  meta: hostAccessMeta,
  check({ tree, config, report }) {
    const lookups = serverLevel(config, 'hostnamelookups');
    const lookup = lower(lookups[lookups.length - 1]?.node.args[0]?.value ?? 'off');
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (inMacro(d)) continue;
      const n = lowerName(d.name);
      if (n === 'allow' || (n === 'require' && lower(d.args[0]?.value ?? '') === 'host')) {
        const names = d.args.slice(1).filter(a => !IPLIKE.test(a.value) && !/^(all|env=.*)$/i.test(a.value) && /[a-z]/i.test(a.value));
        if (!names.length) continue;
        const message = `${d.name} ${d.args[0].value} ${names.map(a => a.value).join(' ')}: access by host name. Apache checks it with a double DNS lookup of the client's address on every request (slow, and when DNS fails the clients are refused); whoever runs those DNS zones decides who gets in. Addresses (Require ip) do not depend on DNS.`;
        report(makeFinding(hostAccessMeta, names[0].start, names[names.length - 1].end, message));
      } else if (n === 'rewritecond' && /%\{REMOTE_HOST\}/i.test(d.args[0]?.value ?? '') && lookup === 'on') {
        const pattern = d.args[1]?.value ?? '';
        if (!/[a-z]/i.test(pattern.replace(/\\[a-z]/gi, ''))) continue; // addresses: httpd/remote-host says it
        const message = `%{REMOTE_HOST} is compared with a host name while HostnameLookups is On: that name comes from a single reverse lookup, which whoever owns the client's address controls, so anyone can call their address ${pattern.replace(/[\\^$]/g, '')}. HostnameLookups Double checks the name against its address; Require ip is better still.`;
        report(makeFinding(hostAccessMeta, d.args[0].start, d.args[1].end, message, { severity: 'warning' }));
      } else if (n === 'hostnamelookups' && lower(d.args[0]?.value ?? '') === 'on' && usesRemoteHostName(config)) {
        report(
          makeFinding(hostAccessMeta, d.nameSpan.start, d.end, 'HostnameLookups On with %{REMOTE_HOST} compared with host names: the names come from a single reverse lookup that the owner of the client address controls. Double verifies them.', {
            severity: 'warning',
            fixes: [{ title: 'Set HostnameLookups Double', edits: [replaceArgs(d, 'Double')], safe: false }],
          }),
        );
      }
    }
  },
};

function usesRemoteHostName(config: HttpdConfig): boolean {
  return directivesNamed(config, 'rewritecond').some(
    ({ node: d }) => lowerName(d.name) === 'rewritecond' && /%\{REMOTE_HOST\}/i.test(d.args[0]?.value ?? '') && /[a-z]/i.test((d.args[1]?.value ?? '').replace(/\\[a-z]/gi, '')),
  );
}

// ---- httpd/unanchored-match ---------------------------------------------------------------------------

const unanchoredMeta = defineRule({
  code: 'httpd/unanchored-match',
  language: 'apacheconf',
  title: '<LocationMatch>/<DirectoryMatch> granting access with a regex not anchored by ^',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

/** Does the section open access to everyone (Require all granted, Allow from all, Satisfy Any)? */
function accessDirectives(s: SectionNode): { grants: boolean } {
  let grants = false;
  walk(s.children, d => {
    const n = lowerName(d.name);
    const a = d.args.map(x => lower(x.value));
    if ((n === 'require' && a[0] === 'all' && a[1] === 'granted') || (n === 'allow' && a[0] === 'from' && a[1] === 'all') || (n === 'satisfy' && a[0] === 'any')) grants = true;
  });
  return { grants };
}

export const unanchoredMatch: HttpdRule = {
  meta: unanchoredMeta,
  check({ tree, report }) {
    for (let _si = 0, _ss = tree.sections; _si < _ss.length; _si++) {
      const s = _ss[_si];
      if (inMacro(s)) continue;
      const n = lowerName(s.name);
      const tilde = (n === 'location' || n === 'directory') && s.args[0]?.value === '~';
      if (n !== 'locationmatch' && n !== 'directorymatch' && !tilde) continue;
      const re = tilde ? s.args[1] : s.args[0];
      if (!re) continue;
      const body = re.value.replace(/^\(\?[a-z]+\)/i, '');
      // Anchored, or written to match anywhere on purpose ((^|/)\.git, .*\.bak).
      if (body.startsWith('^') || body.startsWith('(^') || body.startsWith('.*')) continue;
      // Only a section that opens access is a hole when it matches more than meant; a deny that
      // matches more only refuses more.
      const access = accessDirectives(s);
      if (!access.grants) continue;
      const isLocation = n === 'locationmatch' || n === 'location';
      const plain = /^[\w/.\\-]+\$?$/.test(body) ? body.replace(/\\/g, '').replace(/\$$/, '') : null;
      const example = plain && isLocation ? ` (e.g. /private${plain.startsWith('/') ? '' : '/'}${plain} too)` : '';
      const message = `This regex is not anchored with ^, so it matches anywhere in the ${isLocation ? 'URL path' : 'file path'}${example}, and the access it grants reaches paths that merely contain "${re.value}". Anchor it (^/...) to grant only what is meant.`;
      const at = re.start + (re.quote ? 1 : 0) + (re.value.length - body.length);
      const fixes: Fix[] | undefined = isLocation ? [{ title: 'Anchor with ^', edits: [{ start: at, end: at, newText: '^' }], safe: false }] : undefined;
      report(makeFinding(unanchoredMeta, re.start, re.end, message, { severity: 'warning', ...(fixes ? { fixes } : {}) }));
    }
  },
};

/** The security rules, in the order they run (listed in rules/index.ts). */
export const SECURITY_RULES: HttpdRule[] = [
  serverTokens,
  serverSignature,
  traceEnable,
  optionsIndexes,
  weakTlsProtocol,
  weakTlsCipher,
  hstsMissing,
  openProxy,
  hostBasedAccess,
  unanchoredMatch,
];
