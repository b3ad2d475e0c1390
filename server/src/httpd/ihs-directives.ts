// IBM HTTP Server 9 (and the WebSphere plug-in) directives, written by hand: no IHS binary can be probed the
// way scripts/gen-directives.mjs probes Debian's httpd. Facts only (names, modules, contexts, argument
// counts), taken from IBM's IHS 9.0.5 documentation (the "SSL directives" topic for mod_ibm_ssl, the IHS
// module pages of the Apache 2.4-based IHS manual for mod_mpmstats, mod_backtrace, mod_whatkilledus,
// mod_net_trace and mod_ibm_ldap, the plug-in installation guide for WebSpherePluginConfig) and from the
// default configuration IHS 9 installs (AdminSocketFile, AddServerHeader, Forbid, EnableExceptionHook, NetTrace).
// directives.ts merges these entries into the generated table; a name httpd also defines (SSLProxyEngine,
// SSLInsecureRenegotiation) becomes an alternative of httpd's entry.
//
// Choices, where IBM's pages leave room:
// - IBM's "Scope: virtual host" for a directive that IHS also reads in the global server (the documented
//   global-and-vhost merging, e.g. OCSP) is written as server + virtual host: a wrong narrower context would
//   be a false error, a wrong wider one only a missed warning.
// - Directory-scoped directives (SSLCipherBan, SSLClientAuthRequire, SSLVersion ...) are allowed in
//   .htaccess with any AllowOverride class ("*"): IBM documents them for .htaccess without naming a class.
// - `args` is given only where the documented syntax fixes the count; a directive with optional or repeated
//   words has no `args` (no argument-count check) unless its minimum is certain. On/off directives are flags.
import type { Context, DirectiveInfo, ModuleInfo } from './directives';

const SV: Context[] = ['server', 'virtualhost'];
const S: Context[] = ['server'];
const DH: Context[] = ['directory', 'htaccess'];
const SVDH: Context[] = ['server', 'virtualhost', 'directory', 'htaccess'];

type Entry = Omit<DirectiveInfo, 'section' | 'vendor' | 'alternatives'>;

const one = { min: 1, max: 1 };
const oneOrMore = { min: 1, max: null };
const flag = { args: { min: 1, max: null }, flag: true } as const;

const SSL = 'mod_ibm_ssl.c';
const MPMSTATS = 'mod_mpmstats.c';

const ENTRIES: Entry[] = [
  // ---- mod_ibm_ssl: TLS with GSKit key databases -------------------------------------------------------
  { name: 'Keyfile', module: SSL, contexts: SV, args: { min: 1, max: 2 } }, // [/prompt | /saf] path
  { name: 'SSLAcceleratorDisable', module: SSL, contexts: SV },
  { name: 'SSLAllowNonCriticalBasicConstraints', module: SSL, contexts: SV, ...flag },
  { name: 'SSLAttributeSet', module: SSL, contexts: SV, args: { min: 2, max: null } },
  { name: 'SSLCacheDisable', module: SSL, contexts: S },
  { name: 'SSLCacheEnable', module: SSL, contexts: S },
  { name: 'SSLCacheErrorLog', module: SSL, contexts: S, args: one },
  { name: 'SSLCachePath', module: SSL, contexts: S, args: one },
  { name: 'SSLCachePortFilename', module: SSL, contexts: S, args: one },
  { name: 'SSLCacheTraceLog', module: SSL, contexts: S, args: one },
  { name: 'SSLCheckCertificateExpiration', module: SSL, contexts: SV, args: one },
  { name: 'SSLCipherBan', module: SSL, contexts: DH, override: ['*'], args: oneOrMore },
  { name: 'SSLCipherRequire', module: SSL, contexts: DH, override: ['*'], args: oneOrMore },
  { name: 'SSLCipherSpec', module: SSL, contexts: SV, args: oneOrMore }, // [protocol] [+|-]cipher ... | ALL | NONE
  { name: 'SSLClientAuth', module: SSL, contexts: SV, args: oneOrMore }, // none|optional|required [crl] [noverify]
  { name: 'SSLClientAuthGroup', module: SSL, contexts: SV, args: { min: 2, max: null } },
  { name: 'SSLClientAuthRequire', module: SSL, contexts: DH, override: ['*'], args: oneOrMore },
  { name: 'SSLCRLHostname', module: SSL, contexts: SV, args: one },
  { name: 'SSLCRLPort', module: SSL, contexts: SV, args: one },
  { name: 'SSLCRLUserID', module: SSL, contexts: SV, args: { min: 1, max: 2 } }, // [prompt] user
  { name: 'SSLDisable', module: SSL, contexts: SV },
  { name: 'SSLEnable', module: SSL, contexts: SV },
  { name: 'SSLFakeBasicAuth', module: SSL, contexts: DH, override: ['*'] },
  { name: 'SSLFIPSDisable', module: SSL, contexts: SV },
  { name: 'SSLFIPSEnable', module: SSL, contexts: SV },
  { name: 'SSLInsecureRenegotiation', module: SSL, contexts: SV, ...flag },
  { name: 'SSLOCSPEnable', module: SSL, contexts: SV },
  { name: 'SSLOCSPResponderURL', module: SSL, contexts: SV, args: one },
  { name: 'SSLPKCSDriver', module: SSL, contexts: S, args: one },
  { name: 'SSLProtocolDisable', module: SSL, contexts: SV, args: oneOrMore }, // SSLv2 SSLv3 TLSv10 TLSv11 TLSv12 TLSv13
  { name: 'SSLProtocolEnable', module: SSL, contexts: SV, args: oneOrMore },
  { name: 'SSLProxyEngine', module: SSL, contexts: SV, ...flag },
  { name: 'SSLRenegotiation', module: SSL, contexts: SV, args: one },
  { name: 'SSLServerCert', module: SSL, contexts: SV, args: oneOrMore }, // label, or /prompt, or an RSA and an ECDSA label
  { name: 'SSLSNIMap', module: SSL, contexts: SV, args: { min: 2, max: 2 } }, // host-name certificate-label
  { name: 'SSLStashfile', module: SSL, contexts: SV, args: one },
  { name: 'SSLSupportedCurves', module: SSL, contexts: SV, args: oneOrMore },
  { name: 'SSLTrace', module: SSL, contexts: SV },
  { name: 'SSLUnknownRevocationStatus', module: SSL, contexts: SV, args: one }, // ignore|log|log_always|deny
  { name: 'SSLV2Timeout', module: SSL, contexts: SV, args: one },
  { name: 'SSLV3Timeout', module: SSL, contexts: SV, args: one },
  { name: 'SSLVersion', module: SSL, contexts: DH, override: ['*'], args: one }, // SSLV2|SSLV3|TLSV1|ALL

  // ---- mod_mpmstats: periodic thread statistics in the error log (server config only) -----------------
  { name: 'AlwaysReport', module: MPMSTATS, contexts: S, ...flag },
  { name: 'MPMStatsBusyThreshold', module: MPMSTATS, contexts: S, args: one },
  { name: 'MPMStatsSystemLog', module: MPMSTATS, contexts: S, ...flag },
  { name: 'ReportInterval', module: MPMSTATS, contexts: S, args: one },
  { name: 'SlowThreshold', module: MPMSTATS, contexts: S, args: one },
  { name: 'TrackHooks', module: MPMSTATS, contexts: S, args: oneOrMore },
  { name: 'TrackHooksOptions', module: MPMSTATS, contexts: S, args: oneOrMore },
  { name: 'TrackModules', module: MPMSTATS, contexts: S, ...flag },

  // ---- mod_backtrace, mod_whatkilledus: diagnostics of crashing children (server config) --------------
  { name: 'BacktraceLog', module: 'mod_backtrace.c', contexts: S, args: one },
  { name: 'WhatKilledUsLog', module: 'mod_whatkilledus.c', contexts: S, args: one },

  // ---- mod_net_trace: traces of the network traffic of chosen clients (server config) ----------------
  { name: 'NetTraceFile', module: 'mod_net_trace.c', contexts: S, args: one },
  { name: 'NetTrace', module: 'mod_net_trace.c', contexts: S, args: oneOrMore }, // client ADDR dest file event ...

  // ---- mod_ibm_admin: the socket the IHS administration server talks to WebSphere through -------------
  { name: 'AdminSocketFile', module: 'mod_ibm_admin.c', contexts: S, args: one },

  // ---- IHS's own core additions (its default httpd.conf uses them): always available -------------------
  { name: 'AddServerHeader', module: 'core.c', contexts: SV, ...flag },
  { name: 'Forbid', module: 'core.c', contexts: DH, override: ['*'] }, // in <Files ~ "^\.ht">, next to Require all denied
  // An MPM directive of Apache 2.2 that IHS 9's MPMs keep (crash diagnostics with mod_backtrace/whatkilledus).
  { name: 'EnableExceptionHook', module: 'core.c', contexts: S, ...flag },

  // ---- mod_ibm_ldap: LDAP authentication through a properties file ------------------------------------
  { name: 'LdapConfigFile', module: 'mod_ibm_ldap.c', contexts: SVDH, override: ['*'], args: one },
  { name: 'LdapRequire', module: 'mod_ibm_ldap.c', contexts: DH, override: ['*'], args: { min: 2, max: null } }, // filter|group name

  // ---- WebSphere plug-in: the path of plugin-cfg.xml (main server config) ------------------------------
  { name: 'WebSpherePluginConfig', module: 'mod_was_ap24_http.c', contexts: S, args: one },
  { name: 'WebSpherePluginConfig', module: 'mod_was_ap22_http.c', contexts: S, args: one },
  { name: 'WebSpherePluginConfig', module: 'mod_was_ap20_http.c', contexts: S, args: one },
];

/** The hand-written IHS entries, marked `vendor: "ihs"`. */
export const IHS_DIRECTIVES: Omit<DirectiveInfo, 'alternatives'>[] = ENTRIES.map(e => ({ ...e, section: false, vendor: 'ihs' }));

/** IHS and plug-in modules as their LoadModule lines name them (`LoadModule ibm_ssl_module modules/mod_ibm_ssl.so`). */
export const IHS_MODULES: ModuleInfo[] = [
  { source: 'mod_ibm_ssl.c', id: 'ibm_ssl_module', so: 'mod_ibm_ssl.so', static: false, vendor: 'ihs' },
  { source: 'mod_mpmstats.c', id: 'mpmstats_module', so: 'mod_mpmstats.so', static: false, vendor: 'ihs' },
  { source: 'mod_backtrace.c', id: 'backtrace_module', so: 'mod_backtrace.so', static: false, vendor: 'ihs' },
  { source: 'mod_whatkilledus.c', id: 'whatkilledus_module', so: 'mod_whatkilledus.so', static: false, vendor: 'ihs' },
  { source: 'mod_net_trace.c', id: 'net_trace_module', so: 'mod_net_trace.so', static: false, vendor: 'ihs' },
  { source: 'mod_ibm_admin.c', id: 'ibm_admin_module', so: 'mod_ibm_admin.so', static: false, vendor: 'ihs' },
  { source: 'mod_ibm_ldap.c', id: 'ibm_ldap_module', so: 'mod_ibm_ldap.so', static: false, vendor: 'ihs' },
  { source: 'mod_was_ap20_http.c', id: 'was_ap20_module', so: 'mod_was_ap20_http.so', static: false, vendor: 'ihs' },
  { source: 'mod_was_ap22_http.c', id: 'was_ap22_module', so: 'mod_was_ap22_http.so', static: false, vendor: 'ihs' },
  { source: 'mod_was_ap24_http.c', id: 'was_ap24_module', so: 'mod_was_ap24_http.so', static: false, vendor: 'ihs' },
];
