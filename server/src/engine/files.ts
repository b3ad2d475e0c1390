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
  return null;
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
  const head = content.slice(0, 65536);
  // nginx and similar brace-block formats share some directive names (listen, include).
  if (/^[ \t]*(?:server|http|events|location\s+\S+)\s*\{/m.test(head)) return false;
  const re = new RegExp(HTTPD_MARKERS.source, 'gm');
  let count = 0;
  while (re.exec(head)) {
    if (++count >= 2) return true;
  }
  return false;
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
  '**/.upkeep.json',
];
