// Server variables usable as %{NAME} in RewriteCond/RewriteRule and in <If>/Require expr expressions,
// explained in our own words.
import { EXPR_DOCS, REWRITE_VARIABLES_DOCS } from './urls';

export interface VariableDoc {
  name: string;
  text: string;
  /** First Apache release that has it, when newer than 2.2. */
  since?: string;
  /** Only in ap_expr (`<If>`, `Require expr`), not in mod_rewrite. */
  exprOnly?: boolean;
}

export const VARIABLES: VariableDoc[] = [
  // request headers
  { name: 'HTTP_HOST', text: 'The Host header the client sent (host name and maybe port).' },
  { name: 'HTTP_USER_AGENT', text: 'The User-Agent header: the client software.' },
  { name: 'HTTP_REFERER', text: 'The Referer header: the page that linked to this URL.' },
  { name: 'HTTP_COOKIE', text: 'The Cookie header, all cookies in one string.' },
  { name: 'HTTP_ACCEPT', text: 'The Accept header: media types the client takes.' },
  { name: 'HTTP_FORWARDED', text: 'The Forwarded header set by proxies.' },
  { name: 'HTTP_PROXY_CONNECTION', text: 'The Proxy-Connection header.' },
  // connection and request
  { name: 'REMOTE_ADDR', text: 'The client\'s IP address. Behind a load balancer this is the balancer, unless mod_remoteip takes the address from a trusted X-Forwarded-For. The right variable for maintenance allowlists: compare it with an anchored, escaped regex such as `!^10\\.1\\.2\\.3$`.' },
  { name: 'REMOTE_HOST', text: 'The client\'s host name, but only when HostnameLookups allows a DNS lookup; with the default `HostnameLookups Off` it holds the IP address, so a host-name pattern never matches. Use REMOTE_ADDR for allowlists.' },
  { name: 'REMOTE_PORT', text: 'The client\'s TCP port.' },
  { name: 'REMOTE_USER', text: 'The authenticated user name, if any. In server context authentication has not run yet; use `%{LA-U:REMOTE_USER}` there.' },
  { name: 'REMOTE_IDENT', text: 'The user name from an ident lookup (mod_ident), almost never available.' },
  { name: 'CONN_REMOTE_ADDR', since: '2.4', text: 'The address of the TCP peer, even when mod_remoteip replaced REMOTE_ADDR with the client address from a header: behind a load balancer, the balancer.' },
  { name: 'REQUEST_METHOD', text: 'The HTTP method: GET, POST, HEAD ...' },
  { name: 'REQUEST_URI', text: 'The path of the requested URL, without the query string (decoded). Use it to exempt the maintenance page and its assets: `RewriteCond %{REQUEST_URI} !^/maintenance\\.html$`.' },
  { name: 'REQUEST_FILENAME', text: 'The full file-system path the request maps to (in server context before mapping, the same as REQUEST_URI). Often tested with `-f`/`-d`.' },
  { name: 'REQUEST_SCHEME', since: '2.4', text: 'The scheme of the request: `http` or `https`.' },
  { name: 'QUERY_STRING', text: 'The query string after `?`, without the `?`.' },
  { name: 'THE_REQUEST', text: 'The full request line as sent, e.g. `GET /index.html?x=1 HTTP/1.1`, not decoded.' },
  { name: 'PATH_INFO', text: 'Extra path after the file name (see AcceptPathInfo).' },
  { name: 'SCRIPT_FILENAME', text: 'The file-system path of the file or script that handles the request.' },
  { name: 'AUTH_TYPE', text: 'The authentication type in use (e.g. Basic), if any.' },
  { name: 'HTTPS', text: '`on` when the connection uses TLS, else `off`.' },
  { name: 'IS_SUBREQ', text: '`true` for internal sub-requests, else `false`.' },
  { name: 'IPV6', since: '2.4', text: '`on` when the connection uses IPv6.' },
  { name: 'CONTEXT_PREFIX', since: '2.4', text: 'The URL prefix of the Alias or DocumentRoot that mapped this request.' },
  { name: 'CONTEXT_DOCUMENT_ROOT', since: '2.4', text: 'The folder that the URL prefix (CONTEXT_PREFIX) maps to.' },
  // server
  { name: 'DOCUMENT_ROOT', text: 'The DocumentRoot of the server or virtual host.' },
  { name: 'SERVER_NAME', text: 'The ServerName of the virtual host that handles the request (or the Host header, depending on UseCanonicalName).' },
  { name: 'SERVER_ADDR', text: 'The local IP address the request arrived on.' },
  { name: 'SERVER_PORT', text: 'The port the request arrived on (or ServerName\'s port, depending on UseCanonicalName).' },
  { name: 'SERVER_ADMIN', text: 'The ServerAdmin address.' },
  { name: 'SERVER_PROTOCOL', text: 'The protocol of the request, e.g. `HTTP/1.1`.' },
  { name: 'SERVER_SOFTWARE', text: 'The server\'s software string.' },
  { name: 'API_VERSION', text: 'The module API version of the server.' },
  { name: 'SCRIPT_USER', since: '2.4', text: 'The owner of the script or file handling the request.' },
  { name: 'SCRIPT_GROUP', since: '2.4', text: 'The group of the script or file handling the request.' },
  // time
  { name: 'TIME', text: 'The current time as `YYYYMMDDhhmmss`; useful for time-boxed maintenance windows (`RewriteCond %{TIME} <20250101060000`).' },
  { name: 'TIME_YEAR', text: 'The current year (four digits).' },
  { name: 'TIME_MON', text: 'The current month, `01` to `12`.' },
  { name: 'TIME_DAY', text: 'The current day of the month, `01` to `31`.' },
  { name: 'TIME_HOUR', text: 'The current hour, `00` to `23`.' },
  { name: 'TIME_MIN', text: 'The current minute, `00` to `59`.' },
  { name: 'TIME_SEC', text: 'The current second, `00` to `59`.' },
  { name: 'TIME_WDAY', text: 'The day of the week, `0` (Sunday) to `6`.' },
  // ap_expr only
  { name: 'REQUEST_STATUS', exprOnly: true, since: '2.4', text: 'The HTTP status of the request so far (expressions only).' },
  { name: 'HANDLER', exprOnly: true, since: '2.4', text: 'The name of the handler that serves the request (expressions only).' },
  { name: 'SERVER_PROTOCOL_VERSION', exprOnly: true, since: '2.4', text: 'The protocol version as a number, e.g. `1001` for HTTP/1.1 (expressions only).' },
];

/** Prefix forms `%{PREFIX:name}`. */
export const VARIABLE_PREFIXES: VariableDoc[] = [
  { name: 'HTTP:', text: 'The value of any request header, e.g. `%{HTTP:X-Forwarded-For}` (spoofable by clients unless a trusted proxy sets it).' },
  { name: 'ENV:', text: 'The value of an environment variable, e.g. one set by SetEnvIf or an `E=` flag.' },
  { name: 'SSL:', text: 'A TLS variable of mod_ssl, e.g. `%{SSL:SSL_PROTOCOL}`.' },
  { name: 'LA-U:', text: 'Look-ahead: the value a variable will have after URL mapping, computed by an internal sub-request, e.g. `%{LA-U:REMOTE_USER}` in server context.' },
  { name: 'LA-F:', text: 'Look-ahead on the file name mapping: like `LA-U:` but based on the file path.' },
];

const byName = new Map<string, VariableDoc>();
for (const v of VARIABLES) byName.set(v.name, v);

/** A variable or prefix form by the text inside `%{...}` (case-insensitive). */
export function variableDoc(inner: string): VariableDoc | undefined {
  const upper = inner.toUpperCase();
  const colon = upper.indexOf(':');
  if (colon > 0) return VARIABLE_PREFIXES.find(p => p.name === upper.slice(0, colon + 1));
  return byName.get(upper);
}

export function variableDocUrl(v: VariableDoc): string {
  return v.exprOnly ? `${EXPR_DOCS}#vars` : REWRITE_VARIABLES_DOCS;
}
