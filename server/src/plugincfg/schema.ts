// What Upkeep knows about plugin-cfg.xml: its elements, where they go, their attributes with value
// kinds, defaults and units, and a short description in our own words. One table feeds the rules
// (invalid-value, attribute-case), hover and completion. Facts come from the IBM plug-in reference and
// the OpenLiberty generator and merge tool (see docs/design reference section 3.2); descriptions are
// ours. Unknown attributes are not reported: later plug-in versions add attributes this table lacks.

export const IBM_DOCS_URL =
  'https://www.ibm.com/docs/en/was-nd/9.0.5?topic=SSAW57_9.0.5/com.ibm.websphere.nd.multiplatform.doc/ae/rwsv_plugincfg.html';

export type ValueKind =
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'enum'; values: string[] }
  | { type: 'port' }
  | { type: 'reference'; to: 'ServerCluster' | 'UriGroup' | 'VirtualHostGroup' | 'Server' };

export interface AttributeInfo {
  name: string;
  kind: ValueKind;
  /** What it does, in our words (markdown). */
  doc: string;
  default?: string;
  unit?: string;
  required?: boolean;
}

export interface ElementInfo {
  name: string;
  /** Parents it may appear in ('' = document root). */
  parents: string[];
  doc: string;
  attributes: AttributeInfo[];
}

const bool = (name: string, doc: string, def?: string): AttributeInfo => ({ name, kind: { type: 'boolean' }, doc, default: def });
const int = (name: string, doc: string, opts: { min?: number; max?: number; def?: string; unit?: string } = {}): AttributeInfo => ({
  name,
  kind: { type: 'integer', min: opts.min, max: opts.max },
  doc,
  default: opts.def,
  unit: opts.unit,
});
const str = (name: string, doc: string, extra: Partial<AttributeInfo> = {}): AttributeInfo => ({ name, kind: { type: 'string' }, doc, ...extra });

const SERVER_ATTRIBUTES: AttributeInfo[] = [
  str('Name', 'The server\'s name in this cluster. `PrimaryServers` and `BackupServers` refer to the server by this name; WebSphere writes it as `node_server`.', { required: true }),
  str(
    'CloneID',
    'The identifier the plug-in looks for at the end of the session cookie (`JSESSIONID`, after `:`) to send a user back to the server that holds the session. Changing it breaks the affinity of every open session; two servers with the same CloneID make affinity ambiguous. Spelled `CloneID` (capital I, D).',
  ),
  int('LoadBalanceWeight', 'Share of requests for this server under round robin: the plug-in lowers a server\'s weight by one per request and resets all weights when every server reaches zero. `0` takes the server out of new-session routing while keeping session affinity.', { min: 0 }),
  int('ConnectTimeout', 'Seconds the plug-in waits for a TCP connection to the server before marking it down. `0` means a blocking connect that only the operating system times out.', { min: 0, def: '0 (5 in Liberty-generated files)', unit: 'seconds' }),
  int(
    'ServerIOTimeout',
    'Seconds the plug-in waits for each read or write on an open connection. Positive: the request fails but the server stays up. Negative: the server is also marked down. Not set: blocking I/O without a timeout.',
    { unit: 'seconds', def: 'not set (900 in Liberty-generated files)' },
  ),
  int('wsServerIOTimeout', 'Read/write timeout for WebSocket connections to this server.', { unit: 'seconds' }),
  int('wsServerIdleTimeout', 'Idle timeout for WebSocket connections to this server.', { unit: 'seconds' }),
  bool('WaitForContinue', 'Send `Expect: 100-continue` and wait for the server\'s interim answer before sending a request body.', 'false'),
  int('MaxConnections', 'Upper bound on the connections the plug-in keeps pending to this server; `-1` (or not set) puts no limit.', { min: -1, def: '-1' }),
  bool('ExtendedHandshake', 'Check the server with an extra request before sending it the real one, instead of trusting a successful connect.', 'false'),
];

const SERVER_CHILD_DOC =
  'A WebSphere application server of this cluster, reached through its `Transport` elements (one per protocol).';

export const ELEMENTS: ElementInfo[] = [
  {
    name: 'Config',
    parents: [''],
    doc: 'The root of plugin-cfg.xml: global plug-in settings, then the clusters, URI groups, virtual host groups and the routes that tie them together.',
    attributes: [
      bool('IgnoreDNSFailures', 'Start even when some `Hostname`s cannot be resolved, as long as every cluster has one server that resolves; the others are marked down.', 'false'),
      int('RefreshInterval', 'How often the plug-in checks whether this file changed and reloads it.', { min: 0, def: '60', unit: 'seconds' }),
      int('ResponseChunkSize', 'Largest chunk the plug-in reads a response body in.', { min: 1, def: '64', unit: 'KB' }),
      bool('ASDisableNagle', 'Turn off Nagle\'s algorithm on connections to the application servers.', 'false'),
      bool('IISDisableNagle', 'Turn off Nagle\'s algorithm in IIS.', 'false'),
      bool('AcceptAllContent', 'Forward a body on any method (GET, HEAD, ...) that announces one, not only on POST and PUT.', 'false'),
      bool('ChunkedResponse', 'Send responses to the client with chunked transfer encoding (IIS, Domino).', 'false'),
      { name: 'AppServerPortPreference', kind: { type: 'enum', values: ['HostHeader', 'WebserverPort'] }, doc: 'Which port the application server uses to build absolute redirect URLs: the one in the request\'s `Host` header or the port the web server received the request on.', default: 'HostHeader' },
      bool('VHostMatchingCompat', 'Match virtual hosts by the port in the `Host` header (older behaviour) instead of the physical port.', 'false'),
      bool('UseInsecure', 'Let the plug-in use weaker TLS settings when it talks to application servers.', 'false'),
      { name: 'IISPluginPriority', kind: { type: 'enum', values: ['High', 'Medium', 'Low'] }, doc: 'The priority IIS gives the plug-in filter.', default: 'High' },
      bool('SSLConsolidate', 'Share one TLS environment between transports that use the same key ring.', 'false'),
      int('HTTPMaxHeaders', 'Most headers a request or response may carry through the plug-in.', { min: 1, def: '300' }),
      bool('FailoverToNext', 'Send a request to the next server when the chosen one fails after the connection was made.', 'false'),
      bool('FIPSEnable', 'Restrict the plug-in\'s TLS to FIPS-approved algorithms.', 'false'),
      bool('TrustedProxyEnable', 'Accept `$WS*` headers from the proxies listed in `TrustedProxyGroup`.', 'false'),
      bool('OS400ConvertQueryStringToJobCCSID', 'IBM i only: convert the query string to the job\'s CCSID.', 'false'),
    ],
  },
  {
    name: 'Log',
    parents: ['Config'],
    doc: 'Where the plug-in writes its log and how much.',
    attributes: [
      str('Name', 'Path of the plug-in log file.', { required: true }),
      { name: 'LogLevel', kind: { type: 'enum', values: ['Trace', 'Stats', 'Warn', 'Error', 'Debug', 'Detail'] }, doc: 'How much the plug-in logs. `Trace` and `Detail` write every request and slow the web server down; keep them for short investigations.', default: 'Error' },
    ],
  },
  {
    name: 'Property',
    parents: ['Config', 'Transport'],
    doc: 'A named setting. Under `Config`: plug-in wide options such as `ESIEnable` or `PluginInstallRoot`. Under an https `Transport`: `keyring` (the .kdb file), `stashfile` (its .sth password stash) and optionally `certLabel`.',
    attributes: [str('Name', 'The setting\'s name (e.g. `keyring`, `stashfile`, `ESIEnable`).', { required: true }), str('Value', 'The setting\'s value.')],
  },
  {
    name: 'VirtualHostGroup',
    parents: ['Config'],
    doc: 'A named set of `host:port` combinations; a `Route` sends requests for these hosts to a cluster.',
    attributes: [str('Name', 'The group\'s name, referred to by `Route VirtualHostGroup`.', { required: true })],
  },
  {
    name: 'VirtualHost',
    parents: ['VirtualHostGroup'],
    doc: 'One `host:port` the group answers for; `*` matches any host (e.g. `*:443`).',
    attributes: [str('Name', '`host:port`, with `*` as a wildcard host.', { required: true })],
  },
  {
    name: 'TrustedProxyGroup',
    parents: ['Config'],
    doc: 'The proxies allowed to send `$WS*` headers when `TrustedProxyEnable` is on.',
    attributes: [],
  },
  { name: 'TrustedProxy', parents: ['TrustedProxyGroup'], doc: 'A trusted proxy, by host name or address.', attributes: [str('Name', 'Host name or IP address of the proxy.', { required: true })] },
  {
    name: 'ServerCluster',
    parents: ['Config'],
    doc: 'A group of application servers that serve the same applications. The plug-in balances requests over the `PrimaryServers` (all servers when that list is missing) and only uses `BackupServers`, in order, when every primary is down.',
    attributes: [
      str('Name', 'The cluster\'s name, referred to by `Route ServerCluster`.', { required: true }),
      { name: 'LoadBalance', kind: { type: 'enum', values: ['Round Robin', 'Random'] }, doc: 'How new sessions are spread over the primary servers. `Round Robin` (with a random starting point) honours `LoadBalanceWeight`.', default: 'Round Robin' },
      bool('IgnoreAffinityRequests', 'Leave requests that carry session affinity out of the round-robin weight counting.', 'true'),
      int('RetryInterval', 'How long a server marked down is left alone before the plug-in tries it again.', { min: 0, def: '60', unit: 'seconds' }),
      int('ServerIOTimeoutRetry', 'How many times a request is retried on another server after a `ServerIOTimeout`; `-1` means no limit, `0` no retry.', { min: -1, def: '-1' }),
      bool('RemoveSpecialHeaders', 'Remove the internal `$WS*` headers a client might send, so that nobody can forge them. Setting it to `false` is a documented security exposure.', 'true'),
      bool('CloneSeparatorChange', 'Expect `+` instead of `:` between the clone IDs of the session cookie (for devices that mangle `:`).', 'false'),
      int('PostSizeLimit', 'Largest request body the plug-in forwards; `-1` means no limit.', { min: -1, def: '-1', unit: 'bytes' }),
      int('PostBufferSize', 'Buffer for request bodies, kept so a request can be resent to another server; `0` turns it off.', { min: 0, def: '64', unit: 'KB' }),
      bool('GetDWLMTable', 'Fetch the dynamic workload management table from the servers to improve session affinity across partitions.', 'false'),
    ],
  },
  { name: 'Server', parents: ['ServerCluster'], doc: SERVER_CHILD_DOC, attributes: SERVER_ATTRIBUTES },
  {
    name: 'ClusterAddress',
    parents: ['ServerCluster'],
    doc: 'A front-end address (for example an IP sprayer) used instead of the cluster\'s servers for requests without session affinity.',
    attributes: SERVER_ATTRIBUTES,
  },
  {
    name: 'Transport',
    parents: ['Server', 'ClusterAddress'],
    doc: 'How the plug-in reaches the server: host, port and protocol. An https transport needs `keyring` and `stashfile` Properties.',
    attributes: [
      str('Hostname', 'Host name or address of the application server.', { required: true }),
      { name: 'Port', kind: { type: 'port' }, doc: 'The server\'s HTTP or HTTPS port (1-65535).', required: true },
      { name: 'Protocol', kind: { type: 'enum', values: ['http', 'https'] }, doc: '`http` or `https`.', required: true },
    ],
  },
  {
    name: 'PrimaryServers',
    parents: ['ServerCluster'],
    doc: 'The servers that take traffic. The plug-in balances over these only.',
    attributes: [],
  },
  {
    name: 'BackupServers',
    parents: ['ServerCluster'],
    doc: 'Servers used only when every primary is down, one after the other in this order (no balancing).',
    attributes: [],
  },
  {
    name: 'UriGroup',
    parents: ['Config'],
    doc: 'A named set of URI patterns; a `Route` sends matching requests to a cluster.',
    attributes: [str('Name', 'The group\'s name, referred to by `Route UriGroup`.', { required: true })],
  },
  {
    name: 'Uri',
    parents: ['UriGroup'],
    doc: 'A URI pattern (`*` wildcard) the web server hands to WebSphere.',
    attributes: [
      str('Name', 'The URI pattern, e.g. `/app/*`.', { required: true }),
      str('AffinityCookie', 'Cookie that carries the session for affinity.', { default: 'JSESSIONID' }),
      str('AffinityURLIdentifier', 'Path parameter that carries the session when cookies are off.', { default: 'jsessionid' }),
    ],
  },
  {
    name: 'Route',
    parents: ['Config'],
    doc: 'Ties a URI group and a virtual host group to a cluster: requests matching both go to that cluster.',
    attributes: [
      { name: 'ServerCluster', kind: { type: 'reference', to: 'ServerCluster' }, doc: 'Name of the `ServerCluster` that serves the requests.', required: true },
      { name: 'UriGroup', kind: { type: 'reference', to: 'UriGroup' }, doc: 'Name of the `UriGroup` whose URIs this route covers.' },
      { name: 'VirtualHostGroup', kind: { type: 'reference', to: 'VirtualHostGroup' }, doc: 'Name of the `VirtualHostGroup` whose hosts this route covers.' },
    ],
  },
  {
    name: 'RequestMetrics',
    parents: ['Config'],
    doc: 'Request metrics (ARM) settings of the plug-in, written by WebSphere.',
    attributes: [
      bool('armEnabled', 'Report request metrics through ARM.', 'false'),
      bool('loggingEnabled', 'Log request metrics.', 'false'),
      bool('rmEnabled', 'Collect request metrics.', 'false'),
      { name: 'traceLevel', kind: { type: 'enum', values: ['NONE', 'HOPS', 'PERF_DEBUG', 'DEBUG'] }, doc: 'How much request metrics trace.', default: 'HOPS' },
    ],
  },
  {
    name: 'filters',
    parents: ['RequestMetrics'],
    doc: 'A request metrics filter.',
    attributes: [bool('enable', 'Whether the filter is on.', 'false'), { name: 'type', kind: { type: 'enum', values: ['URI', 'SOURCE_IP', 'JMS', 'WEB_SERVICES'] }, doc: 'What the filter matches.' }],
  },
  {
    name: 'filterValues',
    parents: ['filters'],
    doc: 'A value a request metrics filter matches.',
    attributes: [bool('enable', 'Whether this value is used.', 'false'), str('value', 'The value to match.')],
  },
];

/** A server reference inside PrimaryServers/BackupServers (same element name, other meaning). */
export const SERVER_REF: ElementInfo = {
  name: 'Server',
  parents: ['PrimaryServers', 'BackupServers'],
  doc: 'A reference, by name, to a `Server` of the same cluster.',
  attributes: [{ name: 'Name', kind: { type: 'reference', to: 'Server' }, doc: 'Name of a `Server` of this cluster.', required: true }],
};

/** The element description for `name` under `parent` ('' for the root). */
export function elementInfo(name: string, parent: string): ElementInfo | undefined {
  // Asked for every element of a file by several rules: the answer per (name, parent) is kept.
  const key = name + '\0' + parent;
  if (infoByKey.has(key)) return infoByKey.get(key);
  let info: ElementInfo | undefined;
  if (name === 'Server' && (parent === 'PrimaryServers' || parent === 'BackupServers')) info = SERVER_REF;
  else info = ELEMENTS.find(e => e.name === name && (e.parents.includes(parent) || parent === '*')) ?? ELEMENTS.find(e => e.name === name);
  // Names are the file's: only a bounded number of distinct pairs is kept.
  if (infoByKey.size < 4096) infoByKey.set(key, info);
  return info;
}
const infoByKey = new Map<string, ElementInfo | undefined>();

/** Elements allowed under `parent`. */
export function childElementsOf(parent: string): ElementInfo[] {
  if (parent === 'PrimaryServers' || parent === 'BackupServers') return [SERVER_REF];
  return ELEMENTS.filter(e => e.parents.includes(parent));
}

/** Every element name the table knows (for case checks). */
export const ELEMENT_NAMES: string[] = [...new Set(ELEMENTS.map(e => e.name))];

const BY_LOWER = new Map(ELEMENT_NAMES.map(n => [n.toLowerCase(), n]));

/** The known element name equal to `name` ignoring case, or `name` itself. */
export function canonicalElement(name: string): string {
  return BY_LOWER.get(name.toLowerCase()) ?? name;
}

/** The known element name equal to `name` ignoring case, or undefined. */
export function knownElementName(name: string): string | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

const attrIndex = new WeakMap<ElementInfo, Map<string, AttributeInfo>>();

/** The element's attribute named `name` ignoring case. */
export function attributeInfo(info: ElementInfo, name: string): AttributeInfo | undefined {
  let m = attrIndex.get(info);
  if (!m) {
    m = new Map(info.attributes.map(a => [a.name.toLowerCase(), a]));
    attrIndex.set(info, m);
  }
  return m.get(name.toLowerCase());
}

/** Property names that mean something under a Transport (case as WebSphere writes them). */
export const TRANSPORT_PROPERTIES = ['keyring', 'stashfile', 'certLabel'];

/** Property names under Config. */
export const CONFIG_PROPERTIES = ['ESIEnable', 'ESIMaxCacheSize', 'ESIInvalidationMonitor', 'ESIEnableToPassCookies', 'PluginInstallRoot'];

/** Does `value` fit the attribute's kind? Returns a short reason when not. */
/** The answer for a fitting value (one object for all). */
const VALID: { ok: true } = Object.freeze({ ok: true as const });

export function checkValue(info: AttributeInfo, value: string): { ok: true } | { ok: false; reason: string; suggestion?: string } {
  const k = info.kind;
  const v = value.trim();
  switch (k.type) {
    case 'boolean':
      return /^(true|false)$/i.test(v) ? VALID : { ok: false, reason: `${info.name} takes true or false`, suggestion: undefined };
    case 'integer': {
      if (!/^[-+]?\d+$/.test(v)) return { ok: false, reason: `${info.name} takes a whole number${info.unit ? ` of ${info.unit}` : ''}` };
      const num = Number(v);
      if (k.min !== undefined && num < k.min) return { ok: false, reason: `${info.name} cannot be lower than ${k.min}` };
      if (k.max !== undefined && num > k.max) return { ok: false, reason: `${info.name} cannot be higher than ${k.max}` };
      return VALID;
    }
    case 'port': {
      if (!/^\d+$/.test(v)) return { ok: false, reason: `${info.name} takes a port number (1-65535)` };
      const num = Number(v);
      return num >= 1 && num <= 65535 ? VALID : { ok: false, reason: `${v} is not a port number: ports run from 1 to 65535` };
    }
    case 'enum': {
      const hit = k.values.find(x => x.toLowerCase() === v.toLowerCase());
      if (hit) return VALID;
      const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
      const close = k.values.find(x => norm(x) === norm(v));
      return { ok: false, reason: `${info.name} takes ${k.values.map(x => `"${x}"`).join(' or ')}`, suggestion: close };
    }
    default:
      return VALID;
  }
}
