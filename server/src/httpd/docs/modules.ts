// One-line descriptions of modules, in our own words, keyed by the module's source name (mod_x.c).

const M: Record<string, string> = {
  'core.c': 'The built-in core: sections, paths, limits, logging basics.',
  'http_core.c': 'The built-in HTTP protocol support (keep-alive settings).',
  'event.c': 'The event MPM: threads per process, idle keep-alive connections handled without a thread (the usual MPM on 2.4).',
  'worker.c': 'The worker MPM: several processes with many threads each.',
  'prefork.c': 'The prefork MPM: one single-threaded process per connection (needed by non-thread-safe modules such as mod_php).',
  'mod_access_compat.c': 'The 2.2-style host access directives Order, Allow, Deny and Satisfy, kept for compatibility on 2.4.',
  'mod_actions.c': 'Runs a CGI script for a handler or a request method.',
  'mod_alias.c': 'URL to file mapping (Alias, ScriptAlias) and simple redirects (Redirect, RedirectMatch).',
  'mod_allowmethods.c': 'Restricts the HTTP methods allowed in a scope (AllowMethods).',
  'mod_asis.c': 'Sends files that carry their own HTTP headers.',
  'mod_auth_basic.c': 'HTTP Basic authentication.',
  'mod_auth_digest.c': 'HTTP Digest authentication.',
  'mod_auth_form.c': 'Form-based login with a session.',
  'mod_authn_anon.c': 'Anonymous, FTP-style guest access.',
  'mod_authn_core.c': 'The core of authentication (AuthType, AuthName, provider aliases).',
  'mod_authn_dbd.c': 'Looks users up in an SQL database.',
  'mod_authn_dbm.c': 'Looks users up in DBM files.',
  'mod_authn_file.c': 'Looks users up in htpasswd files (AuthUserFile).',
  'mod_authn_socache.c': 'Caches authentication results.',
  'mod_authnz_fcgi.c': 'Authentication and authorization by a FastCGI application.',
  'mod_authnz_ldap.c': 'Authentication and authorization against LDAP (Active Directory, IBM Directory Server ...).',
  'mod_authz_core.c': 'The core of authorization: Require and the Require* sections (2.4).',
  'mod_authz_dbd.c': 'Group authorization from an SQL database.',
  'mod_authz_dbm.c': 'Group authorization from DBM files.',
  'mod_authz_groupfile.c': 'Group authorization from text files (AuthGroupFile).',
  'mod_authz_host.c': 'Authorization by client address or host name (`Require ip`, `Require host`).',
  'mod_authz_owner.c': 'Authorization by file owner.',
  'mod_authz_user.c': 'Authorization by user name (`Require user`, `Require valid-user`).',
  'mod_autoindex.c': 'Generated directory listings.',
  'mod_brotli.c': 'Brotli compression of responses.',
  'mod_buffer.c': 'Buffers request or response bodies.',
  'mod_cache.c': 'The HTTP cache framework.',
  'mod_cache_disk.c': 'Disk storage for mod_cache (called mod_disk_cache on 2.2).',
  'mod_cache_socache.c': 'Shared-object storage for mod_cache.',
  'mod_cgi.c': 'Runs CGI scripts (prefork MPM).',
  'mod_cgid.c': 'Runs CGI scripts through a daemon (threaded MPMs).',
  'mod_charset_lite.c': 'Character set conversion.',
  'mod_dav.c': 'WebDAV.',
  'mod_dav_fs.c': 'File-system storage for WebDAV.',
  'mod_dbd.c': 'SQL database connection pooling for other modules.',
  'mod_deflate.c': 'gzip compression of responses (the DEFLATE filter).',
  'mod_dir.c': 'Folder URLs: DirectoryIndex, trailing-slash redirects, FallbackResource.',
  'mod_dumpio.c': 'Writes all request and response data to the error log (debugging).',
  'mod_env.c': 'Sets and passes environment variables (SetEnv, PassEnv).',
  'mod_expires.c': 'Expires and Cache-Control max-age headers by media type.',
  'mod_ext_filter.c': 'Runs external programs as filters.',
  'mod_file_cache.c': 'Caches static files in memory at start.',
  'mod_filter.c': 'Dynamic filter configuration (AddOutputFilterByType, FilterProvider).',
  'mod_headers.c': 'Sets, changes and removes request and response headers (Header, RequestHeader).',
  'mod_http2.c': 'HTTP/2 support.',
  'mod_include.c': 'Server-side includes (SSI) in HTML pages.',
  'mod_info.c': 'The server-info page showing the loaded configuration.',
  'mod_lbmethod_byrequests.c': 'Balancer method: spread by request count.',
  'mod_lbmethod_bytraffic.c': 'Balancer method: spread by traffic volume.',
  'mod_lbmethod_bybusyness.c': 'Balancer method: send to the least busy backend.',
  'mod_log_config.c': 'Access logs (LogFormat, CustomLog).',
  'mod_log_forensic.c': 'Forensic logging of each request before and after processing.',
  'mod_logio.c': 'Byte counts of requests and responses for logging (%I, %O).',
  'mod_lua.c': 'Lua scripting of request processing.',
  'mod_macro.c': 'Configuration macros (`<Macro>`, Use).',
  'mod_md.c': 'Managed domains: certificates from ACME (Let\'s Encrypt).',
  'mod_mime.c': 'Media types, encodings, languages and handlers by file extension.',
  'mod_mime_magic.c': 'Guesses media types from file content.',
  'mod_negotiation.c': 'Content negotiation (MultiViews, type maps).',
  'mod_proxy.c': 'The proxy framework: ProxyPass, balancers, `<Proxy>`.',
  'mod_proxy_ajp.c': 'AJP protocol to backends such as Tomcat.',
  'mod_proxy_balancer.c': 'Load balancing for `balancer://` backends.',
  'mod_proxy_connect.c': 'The CONNECT method for tunnelling.',
  'mod_proxy_fcgi.c': 'FastCGI to backends such as PHP-FPM.',
  'mod_proxy_http.c': 'HTTP and HTTPS to backends (needed for `ProxyPass ... http://`).',
  'mod_proxy_http2.c': 'HTTP/2 to backends.',
  'mod_proxy_wstunnel.c': 'WebSocket tunnelling to backends.',
  'mod_proxy_html.c': 'Rewrites links in HTML coming back through a proxy.',
  'mod_proxy_hcheck.c': 'Health checks of balancer members.',
  'mod_ratelimit.c': 'Bandwidth limits per client.',
  'mod_remoteip.c': 'Takes the client address from a trusted proxy header (X-Forwarded-For), so REMOTE_ADDR and Require ip see the real client.',
  'mod_reqtimeout.c': 'Time limits for receiving requests (RequestReadTimeout).',
  'mod_request.c': 'Keeps request bodies for other modules.',
  'mod_rewrite.c': 'Rule-based URL rewriting, redirects and maintenance switches (RewriteRule, RewriteCond).',
  'mod_sed.c': 'sed-style editing of request and response bodies.',
  'mod_session.c': 'Session support for other modules.',
  'mod_setenvif.c': 'Sets environment variables from request attributes (SetEnvIf, BrowserMatch).',
  'mod_so.c': 'Loads modules and libraries at start (LoadModule, LoadFile).',
  'mod_socache_shmcb.c': 'Shared-memory cache storage (used by the TLS session cache).',
  'mod_speling.c': 'Corrects misspelled URLs.',
  'mod_ssl.c': 'TLS (HTTPS) with OpenSSL.',
  'mod_status.c': 'The server-status page.',
  'mod_substitute.c': 'Search and replace in response bodies.',
  'mod_suexec.c': 'Runs CGI scripts as other users.',
  'mod_unique_id.c': 'A unique id per request (UNIQUE_ID).',
  'mod_unixd.c': 'Unix process basics: User, Group, chroot.',
  'mod_userdir.c': '`~user` URLs.',
  'mod_usertrack.c': 'Click-stream tracking cookies.',
  'mod_version.c': 'Version tests (`<IfVersion>`).',
  'mod_vhost_alias.c': 'Mass virtual hosting by host name patterns.',
  'mod_watchdog.c': 'Periodic tasks for other modules.',
  'mod_xml2enc.c': 'Character set support for filters such as mod_proxy_html.',
  'mod_ibm_ssl.c': 'IBM HTTP Server\'s TLS module, based on IBM GSKit key databases (.kdb) instead of OpenSSL PEM files.',
  'mod_was_ap22_http.c': 'The WebSphere Application Server plug-in for IBM HTTP Server 8.5 (Apache 2.2): routes requests to application servers as plugin-cfg.xml says.',
  'mod_was_ap24_http.c': 'The WebSphere Application Server plug-in for IBM HTTP Server 9 (Apache 2.4): routes requests to application servers as plugin-cfg.xml says.',
  'util_ldap.c': 'LDAP connection pooling and caching for other modules (mod_ldap).',
};

export function moduleDescription(source: string): string | undefined {
  return M[source.toLowerCase()];
}

export interface ThirdPartyModule {
  module: string;
  /** What the module is, in our words. */
  text: string;
  url: string;
  /** Lower-case directive name prefixes (or whole names) of the module. */
  prefixes: string[];
  /** Source names of the module (as <IfModule> and the directive table name it), when the table has it. */
  sources?: string[];
}

/** Modules outside Apache httpd whose directives are common in real configurations. */
export const THIRD_PARTY: ThirdPartyModule[] = [
  { module: 'mod_php', sources: ['mod_php.c', 'mod_php5.c', 'mod_php7.c'], text: 'PHP as an Apache module (prefork MPM): php_value/php_flag set php.ini options per directory.', url: 'https://www.php.net/manual/en/configuration.changes.php', prefixes: ['php_value', 'php_flag', 'php_admin_value', 'php_admin_flag'] },
  { module: 'mod_fcgid', sources: ['mod_fcgid.c'], text: 'FastCGI process manager, an Apache HTTP Server sub-project shipped separately from httpd.', url: 'https://httpd.apache.org/mod_fcgid/mod/mod_fcgid.html', prefixes: ['fcgid', 'fcgiwrapper', 'idletimeout', 'busytimeout', 'processlifetime', 'ipcconnecttimeout', 'ipccommtimeout', 'defaultminclassprocesscount', 'defaultmaxclassprocesscount', 'maxprocesscount', 'maxrequestlen'] },
  { module: 'mod_wsgi', sources: ['mod_wsgi.c'], text: 'Python WSGI applications inside Apache.', url: 'https://modwsgi.readthedocs.io/en/master/configuration.html', prefixes: ['wsgi'] },
  { module: 'mod_python', sources: ['mod_python.c'], text: 'The older embedded Python module.', url: 'https://modpython.org/live/current/doc-html/directives.html', prefixes: ['python'] },
  { module: 'mod_perl', sources: ['mod_perl.c'], text: 'Embedded Perl.', url: 'https://perl.apache.org/docs/2.0/user/config/config.html', prefixes: ['perl'] },
  { module: 'ModSecurity', sources: ['mod_security2.c'], text: 'The ModSecurity web application firewall (rules and engine settings).', url: 'https://github.com/owasp-modsecurity/ModSecurity/wiki/Reference-Manual-(v2.x)', prefixes: ['sec'] },
  { module: 'mod_jk', sources: ['mod_jk.c'], text: 'The AJP connector to Tomcat and other servlet containers.', url: 'https://tomcat.apache.org/connectors-doc/reference/apache.html', prefixes: ['jk'] },
  { module: 'Phusion Passenger', sources: ['mod_passenger.c'], text: 'Ruby, Node.js and Python application server integration.', url: 'https://www.phusionpassenger.com/docs/references/config_reference/apache/', prefixes: ['passenger', 'rails', 'rack', 'union_station'] },
  { module: 'mod_xsendfile', sources: ['mod_xsendfile.c'], text: 'Lets applications hand file delivery to Apache with an X-Sendfile header.', url: 'https://tn123.org/mod_xsendfile/', prefixes: ['xsendfile'] },
  { module: 'mod_ruby', text: 'Embedded Ruby.', url: 'https://github.com/shugo/mod_ruby', prefixes: ['ruby'] },
  { module: 'mpm_itk', text: 'An MPM that runs each virtual host under its own user.', url: 'http://mpm-itk.sesse.net/', prefixes: ['assignuserid', 'maxclientsvhost', 'limituidrange', 'limitgidrange'] },
  { module: 'mod_auth_openidc', sources: ['mod_auth_openidc.c'], text: 'OpenID Connect login for Apache (relying party).', url: 'https://github.com/OpenIDC/mod_auth_openidc/wiki', prefixes: ['oidc'] },
  { module: 'mod_auth_mellon', sources: ['mod_auth_mellon.c'], text: 'SAML 2.0 single sign-on for Apache.', url: 'https://github.com/latchset/mod_auth_mellon', prefixes: ['mellon'] },
  { module: 'mod_shib', sources: ['mod_shib.cpp'], text: 'The Shibboleth service provider: SAML single sign-on, with the shibd daemon.', url: 'https://shibboleth.atlassian.net/wiki/spaces/SP3/pages/2065335062/Apache', prefixes: ['shib'] },
  { module: 'mod_auth_cas', sources: ['mod_auth_cas.c'], text: 'Apereo CAS single sign-on for Apache.', url: 'https://github.com/apereo/mod_auth_cas', prefixes: ['cas'] },
  { module: 'mod_auth_gssapi', sources: ['mod_auth_gssapi.c'], text: 'Kerberos / SPNEGO (GSSAPI) authentication.', url: 'https://github.com/gssapi/mod_auth_gssapi', prefixes: ['gss'] },
  { module: 'mod_evasive', sources: ['mod_evasive20.c', 'mod_evasive24.c', 'mod_evasive.c'], text: 'Blocks clients that send too many requests in a short time (DoS or brute force).', url: 'https://github.com/jzdziarski/mod_evasive', prefixes: ['dos'] },
  { module: 'mod_qos', sources: ['mod_qos.c'], text: 'Quality of service: limits on connections, requests and bandwidth per client, URL or server.', url: 'https://mod-qos.sourceforge.net/', prefixes: ['qs_'] },
  { module: 'mod_dav_svn', sources: ['mod_dav_svn.c', 'mod_authz_svn.c'], text: 'Subversion repositories served over WebDAV, and their path-based access rules.', url: 'https://svnbook.red-bean.com/en/1.7/svn.ref.mod_dav_svn.conf.html', prefixes: ['svn', 'authzsvn'] },
  { module: 'mod_uwsgi', sources: ['mod_uwsgi.c'], text: 'Passes requests to uWSGI application servers over the uwsgi protocol.', url: 'https://uwsgi-docs.readthedocs.io/en/latest/Apache.html', prefixes: ['uwsgi'] },
  { module: 'mod_pagespeed', text: 'Google\'s page optimisation module.', url: 'https://www.modpagespeed.com/doc/configuration', prefixes: ['modpagespeed'] },
];

/** The entry of a third-party module by its source name (`mod_php.c`), if it has one. */
export function thirdPartyBySource(source: string): ThirdPartyModule | undefined {
  const s = source.toLowerCase();
  return THIRD_PARTY.find(m => m.sources?.includes(s));
}

/** The Debian page of the package a third-party module of the directive table comes from. */
export function debianPackageUrl(pkg: string): string {
  return `https://packages.debian.org/stable/${pkg}`;
}

/** The third-party module a directive name belongs to, if it is a known one. */
export function thirdPartyModule(directive: string): ThirdPartyModule | undefined {
  const n = directive.toLowerCase();
  return THIRD_PARTY.find(m => m.prefixes.some(p => n.startsWith(p)));
}
