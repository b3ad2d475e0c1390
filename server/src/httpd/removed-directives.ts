// Directives that Apache 2.2 configurations (IBM HTTP Server 8.5, old distribution files) still carry but
// that no Apache 2.4 module defines. The unknown-directive rule names where such a line came from and what
// replaces it, instead of suggesting the nearest 2.4 spelling. Written by hand from the 2.2 -> 2.4 upgrade
// notes; a test checks that none of these names is in the 2.4 directive table.

export interface RemovedDirective {
  /** Where the directive came from in Apache 2.2. */
  from: string;
  /** What to do on Apache 2.4. */
  instead: string;
}

const MEM_CACHE: RemovedDirective = {
  from: 'mod_mem_cache of Apache 2.2, a module Apache 2.4 no longer has',
  instead: 'cache in memory with mod_cache_socache (CacheEnable socache), or drop the line',
};
const AUTHZ_AUTHORITATIVE: RemovedDirective = {
  from: 'the authorization modules of Apache 2.2',
  instead: 'Apache 2.4 combines authorization with <RequireAny>/<RequireAll>; drop the line',
};
const PERUSER: RemovedDirective = {
  from: 'the peruser MPM, a third-party MPM for Apache 2.2 that was never ported to 2.4',
  instead: 'drop the line (mpm-itk with AssignUserID is the usual 2.4 replacement)',
};

const TABLE: Record<string, RemovedDirective> = {
  MCacheSize: MEM_CACHE,
  MCacheMaxObjectCount: MEM_CACHE,
  MCacheMinObjectSize: MEM_CACHE,
  MCacheMaxObjectSize: MEM_CACHE,
  MCacheMaxStreamingBuffer: MEM_CACHE,
  MCacheRemovalAlgorithm: MEM_CACHE,
  AuthDefaultAuthoritative: { from: 'mod_authn_default of Apache 2.2, a module Apache 2.4 no longer has', instead: 'drop the line' },
  AuthzDefaultAuthoritative: { from: 'mod_authz_default of Apache 2.2, a module Apache 2.4 no longer has', instead: 'drop the line' },
  AuthzUserAuthoritative: AUTHZ_AUTHORITATIVE,
  AuthzGroupFileAuthoritative: AUTHZ_AUTHORITATIVE,
  AuthzDBMAuthoritative: AUTHZ_AUTHORITATIVE,
  AuthzOwnerAuthoritative: AUTHZ_AUTHORITATIVE,
  AuthzLDAPAuthoritative: AUTHZ_AUTHORITATIVE,
  RewriteLog: { from: 'mod_rewrite of Apache 2.2', instead: 'use LogLevel rewrite:trace3 (trace1 to trace8); the trace goes to the error log' },
  RewriteLogLevel: { from: 'mod_rewrite of Apache 2.2', instead: 'use LogLevel rewrite:traceN' },
  RewriteLock: { from: 'mod_rewrite of Apache 2.2', instead: 'use Mutex <mechanism> rewrite-map' },
  SSLMutex: { from: 'mod_ssl of Apache 2.2', instead: 'use Mutex <mechanism> ssl-cache' },
  AcceptMutex: { from: 'the MPMs of Apache 2.2', instead: 'use Mutex <mechanism> mpm-accept' },
  LockFile: { from: 'the MPMs of Apache 2.2', instead: 'use Mutex file:<folder> default' },
  CookieLog: { from: 'mod_log_config of Apache 2.2', instead: 'use CustomLog with a cookie format, e.g. "%{cookie}n %r %t"' },
  DumpIOLogLevel: { from: 'mod_dumpio of Apache 2.2', instead: 'use LogLevel dumpio:trace7' },
  ServerEnvironment: PERUSER,
  MinSpareProcessors: PERUSER,
  MinProcessors: PERUSER,
  MaxProcessors: PERUSER,
  ExpireTimeout: PERUSER,
  Processor: PERUSER,
  Multiplexer: PERUSER,
};

const byLower = new Map(Object.entries(TABLE).map(([name, info]) => [name.toLowerCase(), { name, ...info }]));

/** The Apache 2.2 directive of this name that 2.4 no longer has, if it is one. */
export function removedDirective(name: string): (RemovedDirective & { name: string }) | undefined {
  return byLower.get(name.toLowerCase());
}

export function allRemovedDirectives(): string[] {
  return Object.keys(TABLE);
}
