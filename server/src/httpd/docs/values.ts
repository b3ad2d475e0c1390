// Known argument values of common directives, for completion. Facts (keywords Apache accepts), no prose.

export interface ValueSet {
  /** Values offered at the argument position(s). */
  values: string[];
  /** Every argument takes a value of the set (Options, AllowOverride ...), not only the first. */
  every?: boolean;
  /** Values may carry a `+`/`-` prefix. */
  signed?: boolean;
  /** Values for the second argument, keyed by the lower-case first argument. */
  after?: Record<string, string[]>;
}

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug', 'trace1', 'trace2', 'trace3', 'trace4', 'trace5', 'trace6', 'trace7', 'trace8'];
const HEADER_ACTIONS = ['set', 'append', 'merge', 'add', 'unset', 'echo', 'edit', 'edit*', 'setifempty', 'note'];
const VERIFY = ['none', 'optional', 'require', 'optional_no_ca'];

const V: Record<string, ValueSet> = {
  options: { values: ['None', 'All', 'FollowSymLinks', 'SymLinksIfOwnerMatch', 'Indexes', 'MultiViews', 'ExecCGI', 'Includes', 'IncludesNOEXEC'], every: true, signed: true },
  allowoverride: { values: ['None', 'All', 'AuthConfig', 'FileInfo', 'Indexes', 'Limit', 'Options'], every: true },
  loglevel: { values: LOG_LEVELS, every: true },
  hostnamelookups: { values: ['Off', 'On', 'Double'] },
  usecanonicalname: { values: ['Off', 'On', 'DNS'] },
  servertokens: { values: ['Prod', 'Major', 'Minor', 'Minimal', 'OS', 'Full'] },
  serversignature: { values: ['Off', 'On', 'EMail'] },
  traceenable: { values: ['Off', 'On', 'extended'] },
  acceptpathinfo: { values: ['Default', 'On', 'Off'] },
  allowencodedslashes: { values: ['Off', 'On', 'NoDecode'] },
  adddefaultcharset: { values: ['Off', 'On', 'UTF-8'] },
  fileetag: { values: ['MTime', 'Size', 'INode', 'All', 'None'], every: true, signed: true },
  require: {
    values: ['all', 'ip', 'host', 'forward-dns', 'local', 'env', 'method', 'expr', 'user', 'group', 'valid-user', 'file-owner', 'file-group', 'not'],
    after: {
      all: ['granted', 'denied'],
      not: ['ip', 'host', 'env', 'method', 'expr', 'user', 'group', 'local'],
      method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'],
    },
  },
  order: { values: ['Deny,Allow', 'Allow,Deny', 'Mutual-failure'] },
  allow: { values: ['from'], after: { from: ['all', 'env='] } },
  deny: { values: ['from'], after: { from: ['all', 'env='] } },
  satisfy: { values: ['All', 'Any'] },
  authtype: { values: ['Basic', 'Digest', 'Form', 'None'] },
  authbasicprovider: { values: ['file', 'ldap', 'dbm', 'dbd', 'socache'], every: true },
  header: {
    values: ['always', 'onsuccess', ...HEADER_ACTIONS],
    after: { always: HEADER_ACTIONS, onsuccess: HEADER_ACTIONS },
  },
  requestheader: { values: ['set', 'append', 'merge', 'add', 'unset', 'edit', 'edit*', 'setifempty'] },
  redirect: { values: ['permanent', 'temp', 'seeother', 'gone', '301', '302', '303', '307', '308', '410'] },
  redirectmatch: { values: ['permanent', 'temp', 'seeother', 'gone', '301', '302', '303', '307', '308', '410'] },
  rewriteoptions: { values: ['Inherit', 'InheritBefore', 'InheritDown', 'InheritDownBefore', 'IgnoreInherit', 'AllowNoSlash', 'AllowAnyURI', 'MergeBase', 'IgnoreContextInfo', 'LegacyPrefixDocRoot', 'LongURLOptimization'], every: true },
  sslengine: { values: ['on', 'off', 'optional'] },
  sslprotocol: { values: ['all', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], every: true, signed: true },
  sslproxyprotocol: { values: ['all', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], every: true, signed: true },
  sslverifyclient: { values: VERIFY },
  sslproxyverify: { values: VERIFY },
  ssloptions: { values: ['StdEnvVars', 'ExportCertData', 'FakeBasicAuth', 'StrictRequire', 'OptRenegotiate', 'LegacyDNStringFormat'], every: true, signed: true },
  sslsessioncache: { values: ['none', 'nonenotnull', 'shmcb:', 'dbm:', 'dc:', 'memcache:'] },
  sslclientauth: { values: ['None', 'Optional', 'Required'] },
  sslprotocoldisable: { values: ['SSLv2', 'SSLv3', 'TLSv10', 'TLSv11', 'TLSv12', 'TLSv13'], every: true },
  proxyvia: { values: ['Off', 'On', 'Full', 'Block'] },
  forcelanguagepriority: { values: ['None', 'Prefer', 'Fallback'], every: true },
  httpprotocoloptions: { values: ['Strict', 'Unsafe', 'RegisteredMethods', 'LenientMethods', 'Allow0.9', 'Require1.0'], every: true },
  protocols: { values: ['h2', 'h2c', 'http/1.1', 'acme-tls/1'], every: true },
  directoryindex: { values: ['index.html', 'index.php', 'disabled'], every: true },
  fallbackresource: { values: ['disabled'] },
  xbithack: { values: ['Off', 'On', 'Full'] },
  mutex: { values: ['default', 'file:', 'pthread', 'fcntl:', 'flock:', 'sem', 'posixsem', 'sysvsem', 'none'] },
  errorlog: { values: ['syslog', 'syslog:local0', 'logs/error_log'] },
  limitexcept: { values: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'], every: true },
  limit: { values: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'], every: true },
};

export function valueSet(directive: string): ValueSet | undefined {
  const v = V[directive.toLowerCase()];
  return v && v.values.length ? v : undefined;
}
