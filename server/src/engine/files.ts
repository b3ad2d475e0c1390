// Which language a file is, by name, path and content. Never "every *.conf": a generic .conf file is
// httpd only when its content looks like Apache configuration.
import type { LanguageId } from './rules';

const HTTPD_NAMES = new Set(['httpd.conf', 'apache2.conf', 'apache.conf', '.htaccess', 'ports.conf', 'admin.conf']);
const HTTPD_DIRS = new Set([
  'conf.d',
  'conf-available',
  'conf-enabled',
  'sites-available',
  'sites-enabled',
  'mods-available',
  'mods-enabled',
  'conf.modules.d',
  'extra',
]);
const PHASES = ['STARTUPDATE', 'PREBACKUP', 'POSTBACKUP', 'PREINSTALL', 'POSTINSTALL', 'ENDUPDATE'];

/** Directives and tags that, seen at the start of a line, mark a file as Apache configuration. */
const HTTPD_MARKERS =
  /^[ \t]*(?:<\/?(?:VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Proxy)\b|(?:ServerRoot|ServerName|ServerAdmin|DocumentRoot|LoadModule|Listen|Include|IncludeOptional|ErrorDocument|RewriteEngine|RewriteRule|RewriteCond|DirectoryIndex|AddType|Alias|ScriptAlias|ProxyPass|ProxyPassReverse|CustomLog|ErrorLog|LogFormat|WebSpherePluginConfig|AllowOverride|Options|Require|Order|SSLEngine|SSLCertificateFile|Header|KeepAlive)[ \t])/m;

function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

function parentDirName(p: string): string {
  const norm = p.replace(/\\/g, '/');
  const parts = norm.split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : '';
}

export interface PhaseScriptOptions {
  /** Folder (path suffix) where phase scripts live; default `updates/scripts`. */
  scriptsFolder?: string;
}

/**
 * Classifies a file. `content` is optional; without it only name and path decide (used when a
 * directory is walked and before reading). Returns null for files Upkeep does not handle.
 */
export function classifyFile(path: string, content?: string, opts: PhaseScriptOptions = {}): LanguageId | null {
  const base = basename(path);
  const lower = base.toLowerCase();
  const norm = path.replace(/\\/g, '/');

  if (lower === 'plugin-cfg.xml' || /^plugin-cfg.*\.xml$/.test(lower)) return 'plugincfg';
  if (lower === 'managed-settings.xml' || lower === 'managed-community-configs.xml') return 'sametime';
  if (/(^|\/)sysconfig\/epages-hotfix$/.test(norm) || /(^|\/)default\/epages6$/.test(norm)) return 'epages';
  if (lower.endsWith('.ps1')) return isPhaseScriptPath(norm, base, opts.scriptsFolder) ? 'phasescript' : null;
  if (HTTPD_NAMES.has(lower) || lower.endsWith('.htaccess')) return 'apacheconf';
  if (/^httpd-.*\.conf$/.test(lower)) return 'apacheconf';
  const dir = parentDirName(norm);
  if ((lower.endsWith('.conf') || lower.endsWith('.load')) && HTTPD_DIRS.has(dir)) {
    if (dir !== 'extra' || /(^|\/)conf\/extra\//.test(norm)) return 'apacheconf';
  }
  if (lower.endsWith('.xml') && content !== undefined) {
    const head = content.slice(0, 4096);
    if (/<Config[\s>]/.test(head) && /<ServerCluster[\s>]/.test(content.slice(0, 200_000))) return 'plugincfg';
    if (/<ManagedSettings[\s>]|<managed-community-configs[\s>]|<managed-communities[\s>]/.test(head)) return 'sametime';
  }
  if ((lower.endsWith('.conf') || lower.endsWith('.conf.in')) && content !== undefined) {
    return looksLikeHttpd(content) ? 'apacheconf' : null;
  }
  if (content !== undefined && mayBeHttpd(path)) return looksLikeHttpd(content) ? 'apacheconf' : null;
  return null;
}

/** Folders whose files are Apache configuration whatever their names (content still decides). */
const HTTPD_CONTENT_DIRS = new Set([...HTTPD_DIRS, 'vhosts.d', 'modules.d', 'apache', 'apache2', 'httpd', 'webserver']);
/** Suffixes of copies, templates and version variants of a config file (`httpd.conf.dist`, `site.apache22`). */
const VARIANT_SUFFIX = /\.(?:dist|example|sample|template|tmpl|tpl|orig|default|txt|in|include|inc|vhost|apache|apache2|apache22|apache24|httpd|ihs)$/i;
/** Extensions of files that are never configuration text. */
const NOT_CONFIG = /\.(?:so|dll|exe|png|jpe?g|gif|ico|svg|gz|tgz|zip|bz2|xz|jar|war|pem|crt|key|der|p12|kdb|sth|rdb|pdf|html?|css|js|php|py|pl|rb|sh|ps1|xml|json|ya?ml|md|log|pid|db|sqlite)$/i;

/** A file name without up to two copy/template suffixes: `.htaccess.dist` -> `.htaccess`. */
export function withoutVariantSuffix(name: string): string {
  return name.replace(VARIANT_SUFFIX, '').replace(VARIANT_SUFFIX, '');
}

/**
 * A file whose name or folder says it may be Apache configuration although it is not called so, so that a
 * directory walk reads it and its content decides (classifyFile with content, looksLikeHttpd): a copy or
 * template of a config (`.htaccess.dist`, `apache2.conf.example`, `site.apache22`, `httpd_conf`), or any
 * file without a telling extension under an httpd folder (`sites-available/example`, `vhosts.d/x.include`).
 */
export function mayBeHttpd(path: string): boolean {
  const base = basename(path);
  const lower = base.toLowerCase();
  if (NOT_CONFIG.test(lower)) return false;
  const dir = parentDirName(path.replace(/\\/g, '/')).toLowerCase();
  if (HTTPD_CONTENT_DIRS.has(dir)) return true;
  // An extension that names Apache itself (`site.apache22`, `x.vhost`).
  if (/\.(?:apache2?|apache2[24]|httpd|ihs|vhost)$/.test(lower)) return true;
  // Up to two variant suffixes (`httpd.conf.in.dist`), then a name Apache configs have.
  const stem = withoutVariantSuffix(lower);
  if (stem !== lower && (stem.endsWith('.conf') || stem.endsWith('.htaccess') || HTTPD_NAMES.has(stem))) return true;
  return /(?:^|[._-])(?:httpd|apache2?|htaccess|vhosts?)(?:[._-]|$)/.test(lower);
}

/**
 * One entry per file on disk, for a directory walk that reaches a file through symlinks too (Debian's
 * `mods-enabled/ssl.conf` -> `../mods-available/ssl.conf`): each file is linted and reported once. The entry
 * kept is the one that is not itself a link when the walk has it (the file people edit), else the first;
 * entries keep the order of their first appearance. `realpath` resolves links (it may throw: the path
 * is then its own identity).
 */
export function onePerFile<T extends { abs: string }>(entries: T[], realpath: (p: string) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    let real = e.abs;
    try {
      real = realpath(e.abs);
    } catch {
      /* unreadable: keep the path as it is */
    }
    const g = groups.get(real);
    if (g) g.push(e);
    else groups.set(real, [e]);
  }
  return [...groups].map(([real, g]) => g.find(e => e.abs === real) ?? g[0]);
}

/**
 * A .ps1 is a phase script when it sits directly in the scripts folder (a path suffix, compared
 * case-insensitively; a leading `%VARIABLE%` such as %PROGRAMDATA% matches any prefix), or, anywhere,
 * when its name starts with a phase in capitals and a separator (`PREINSTALL_ecommerce.ps1`). Other
 * PowerShell files (deployment scripts, `PostInstall.ps1` of other tools) are left to the PowerShell
 * extension.
 */
function isPhaseScriptPath(norm: string, base: string, scriptsFolder: string | undefined): boolean {
  const folder = (scriptsFolder?.trim() || 'updates/scripts')
    .replace(/\\/g, '/')
    .replace(/^%[^%/]*%\//, '')
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  const dir = norm.slice(0, Math.max(0, norm.length - base.length)).replace(/\/+$/, '').toLowerCase();
  if (folder && (dir === folder || dir.endsWith(`/${folder}`))) return true;
  const stem = base.slice(0, -4);
  return PHASES.some(p => stem.startsWith(p) && /^[_\-. ]./.test(stem.slice(p.length)));
}

/** Content sniffing for generic .conf files: at least two Apache markers in the first 64 KiB. */
export function looksLikeHttpd(content: string): boolean {
  return hasHttpdMarkers(content, 2);
}

/**
 * At least `atLeast` lines of the first 64 KiB start with an Apache directive or section, and nothing
 * reads like nginx's brace blocks (they share names such as listen and include).
 */
export function hasHttpdMarkers(content: string, atLeast: number): boolean {
  const head = content.slice(0, 65536);
  if (/^[ \t]*(?:server|http|events|location\s+\S+)\s*\{/m.test(head)) return false;
  const re = new RegExp(HTTPD_MARKERS.source, 'gm');
  let count = 0;
  while (re.exec(head)) {
    if (++count >= atLeast) return true;
  }
  return false;
}

/**
 * A file in the configuration folder of an Apache or IBM HTTP Server installation (`conf/`,
 * `conf.d/` ... ) whose first lines hold at least one Apache directive: Apache configuration, decided
 * from the path and a cheap look at the text, without the Include graph. Lets an editor open
 * `conf/maintenance.conf` as Apache configuration at once instead of as "Properties".
 */
export function isHttpdConfFolderFile(path: string, content: string): boolean {
  const norm = path.replace(/\\/g, '/');
  const lower = basename(norm).toLowerCase();
  if (!/\.(?:conf|load|inc)$/.test(lower)) return false;
  const dir = parentDirName(norm);
  if (dir !== 'conf' && !HTTPD_DIRS.has(dir)) return false;
  return hasHttpdMarkers(content, 1);
}

/**
 * Files whose change on disk can change findings in open documents (Include targets, plug-in files,
 * phase scripts ...). The VS Code client watches them; the server asks other clients to.
 */
export const WATCHED_GLOBS = [
  '**/*.conf',
  '**/*.load',
  '**/.htaccess',
  '**/plugin-cfg*.xml',
  '**/managed-*.xml',
  '**/*.ps1',
  '**/sysconfig/epages-hotfix',
  '**/default/epages6',
  // Debian's and IHS's envvars: its exports are the values of ${VAR} (httpd/variables.ts)
  '**/envvars',
  '**/.upkeep.json',
];
