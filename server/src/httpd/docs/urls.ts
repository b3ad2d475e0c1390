// Where the official documentation of a directive, a module or a section lives. Apache directives link
// to https://httpd.apache.org/docs/2.4/mod/<page>.html#<lower-case name>; IBM HTTP Server additions link
// to IBM's documentation.
import { moduleByAnyName } from '../directives';
import { debianPackageUrl, thirdPartyBySource, thirdPartyModule } from './modules';

export const APACHE_DOCS = 'https://httpd.apache.org/docs/2.4/';
export const APACHE_DOCS_22 = 'https://httpd.apache.org/docs/2.2/';
/** IBM HTTP Server 9: the mod_ibm_ssl directive reference. */
export const IHS_SSL_DOCS = 'https://www.ibm.com/docs/en/ibm-http-server/9.0.5?topic=communications-ssl-directives';
/** WebSphere Application Server 9: configuring the web server plug-in (WebSpherePluginConfig). */
export const WAS_PLUGIN_DOCS = 'https://www.ibm.com/docs/en/was/9.0.5?topic=console-web-server-configuration';
export const REWRITE_FLAGS_DOCS = `${APACHE_DOCS}rewrite/flags.html`;
export const REWRITE_VARIABLES_DOCS = `${APACHE_DOCS}mod/mod_rewrite.html#rewritecond`;
export const EXPR_DOCS = `${APACHE_DOCS}expr.html`;

/** Directives a module source registers but that are documented on the shared MPM page. */
const MPM_COMMON = new Set([
  'coredumpdirectory', 'enableexceptionhook', 'gracefulshutdowntimeout', 'listen', 'listenbacklog',
  'listencoresbucketsratio', 'maxconnectionsperchild', 'maxmemfree', 'maxrequestworkers', 'maxsparethreads',
  'minsparethreads', 'pidfile', 'receivebuffersize', 'scoreboardfile', 'sendbuffersize', 'serverlimit',
  'startservers', 'startthreads', 'threadlimit', 'threadsperchild', 'threadstacksize',
]);

/** Old names whose documentation is the new name's entry. */
const RENAMED: Record<string, string> = {
  maxclients: 'maxrequestworkers',
  maxrequestsperchild: 'maxconnectionsperchild',
};

/** IBM's manual of the IHS-only modules other than mod_ibm_ssl and the plug-in (mod_mpmstats ...). */
export const IHS_MANUAL = 'https://publib.boulder.ibm.com/httpserv/manual24/';

/** The documentation page (without `.html`) of a module source file such as `mod_rewrite.c`. */
export function modulePage(source: string): string | null {
  // Third-party modules (PHP, mod_wsgi ...) and IBM's have no page in Apache's manual.
  const known = moduleByAnyName(source);
  if (known?.package || known?.vendor) return null;
  const s = source.toLowerCase().replace(/\.c$/, '');
  if (s === 'core' || s === 'http_core') return 'core';
  if (s === 'event' || s === 'prefork' || s === 'worker') return s;
  if (s === 'util_ldap') return 'mod_ldap';
  if (s === 'mod_ibm_ssl' || s.startsWith('mod_was_')) return null;
  return s.startsWith('mod_') ? s : null;
}

/** The module's documentation page. */
export function moduleDocUrl(source: string): string | null {
  const s = source.toLowerCase();
  if (s === 'mod_ibm_ssl.c') return IHS_SSL_DOCS;
  if (s.startsWith('mod_was_')) return WAS_PLUGIN_DOCS;
  if (moduleByAnyName(source)?.vendor === 'ihs') return `${IHS_MANUAL}mod/${s.replace(/\.c$/, '')}.html`;
  const page = modulePage(source);
  return page ? `${APACHE_DOCS}mod/${page}.html` : null;
}

/**
 * The documentation URL of a directive or section, given the module that defines it. `apache22` links to
 * the 2.2 manual (for directives that 2.4 removed).
 */
export function directiveDocUrl(name: string, moduleSource: string, apache22 = false): string | null {
  const lower = name.toLowerCase();
  const s = moduleSource.toLowerCase();
  if (s === 'mod_ibm_ssl.c') return IHS_SSL_DOCS;
  if (s.startsWith('mod_was_')) return WAS_PLUGIN_DOCS;
  const known = moduleByAnyName(moduleSource);
  if (known?.vendor === 'ihs') return `${IHS_MANUAL}mod/${s.replace(/\.c$/, '')}.html#${lower}`;
  if (known?.package) return (thirdPartyBySource(known.source) ?? thirdPartyModule(name))?.url ?? debianPackageUrl(known.package);
  const anchor = RENAMED[lower] ?? lower;
  const base = apache22 ? APACHE_DOCS_22 : APACHE_DOCS;
  if (MPM_COMMON.has(anchor)) return `${base}mod/mpm_common.html#${anchor}`;
  const page = modulePage(moduleSource);
  return page ? `${base}mod/${page}.html#${anchor}` : null;
}

/** A markdown link to a directive's documentation, or '' when there is none. */
export function docLink(label: string, url: string | null): string {
  return url ? `[${label}](${url})` : '';
}
