// HTTP status codes as admins meet them in ErrorDocument, Redirect and `[R=...]`, with a note in our
// own words on what each means for the client (and for maintenance pages).

export interface StatusDoc {
  code: number;
  /** The standard reason phrase. */
  reason: string;
  text: string;
}

export const STATUS_CODES: StatusDoc[] = [
  { code: 301, reason: 'Moved Permanently', text: 'Permanent redirect; browsers and search engines remember it. Clients may turn a POST into a GET.' },
  { code: 302, reason: 'Found', text: 'Temporary redirect (the default of Redirect and `[R]`). An ErrorDocument with a full URL also answers 302, hiding the original status.' },
  { code: 303, reason: 'See Other', text: 'Redirect that tells the client to fetch the target with GET.' },
  { code: 307, reason: 'Temporary Redirect', text: 'Temporary redirect that keeps the request method and body.' },
  { code: 308, reason: 'Permanent Redirect', text: 'Permanent redirect that keeps the request method and body.' },
  { code: 400, reason: 'Bad Request', text: 'The request was malformed (bad header, bad URL encoding).' },
  { code: 401, reason: 'Unauthorized', text: 'Authentication is needed or failed; the browser shows its login prompt. Its ErrorDocument must be a local path: a full URL would redirect and the prompt would never appear.' },
  { code: 403, reason: 'Forbidden', text: 'Access is refused (Require, Deny, `[F]`, missing permissions on the file system).' },
  { code: 404, reason: 'Not Found', text: 'Nothing is mapped to the URL.' },
  { code: 405, reason: 'Method Not Allowed', text: 'The method is not allowed for the resource (e.g. TRACE with `TraceEnable Off`).' },
  { code: 406, reason: 'Not Acceptable', text: 'Content negotiation found no variant the client accepts.' },
  { code: 408, reason: 'Request Timeout', text: 'The client did not send its request in time (Timeout, RequestReadTimeout).' },
  { code: 410, reason: 'Gone', text: 'The resource was removed on purpose (`Redirect gone`, `[G]`).' },
  { code: 411, reason: 'Length Required', text: 'A request body came without Content-Length.' },
  { code: 412, reason: 'Precondition Failed', text: 'A conditional request (If-Match ...) did not hold.' },
  { code: 413, reason: 'Content Too Large', text: 'The request body exceeds LimitRequestBody.' },
  { code: 414, reason: 'URI Too Long', text: 'The request line exceeds LimitRequestLine.' },
  { code: 415, reason: 'Unsupported Media Type', text: 'The server does not take the body\'s media type.' },
  { code: 416, reason: 'Range Not Satisfiable', text: 'The requested byte range lies outside the file.' },
  { code: 417, reason: 'Expectation Failed', text: 'An Expect header could not be met.' },
  { code: 429, reason: 'Too Many Requests', text: 'Rate limiting refused the request.' },
  { code: 431, reason: 'Request Header Fields Too Large', text: 'Headers exceed the configured limits.' },
  { code: 500, reason: 'Internal Server Error', text: 'Something failed on the server: a broken .htaccess, a CGI error, a rewrite loop.' },
  { code: 501, reason: 'Not Implemented', text: 'The server does not support the method.' },
  { code: 502, reason: 'Bad Gateway', text: 'A backend behind a proxy (ProxyPass, the WebSphere plug-in) sent an invalid answer or none.' },
  { code: 503, reason: 'Service Unavailable', text: 'The service is down for now: the status for maintenance windows. Send `Retry-After` with it (`Header always set Retry-After "3600"`); a local ErrorDocument page keeps the 503 for monitoring and search engines, and must itself be exempt from the maintenance rule.' },
  { code: 504, reason: 'Gateway Timeout', text: 'A backend behind a proxy did not answer in time (ProxyTimeout, plug-in ServerIOTimeout).' },
  { code: 505, reason: 'HTTP Version Not Supported', text: 'The protocol version of the request is not supported.' },
];

const byCode = new Map<number, StatusDoc>();
for (const s of STATUS_CODES) byCode.set(s.code, s);

export function statusDoc(code: number): StatusDoc | undefined {
  return byCode.get(code);
}

export function statusDocUrl(code: number): string {
  return `https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/${code}`;
}
