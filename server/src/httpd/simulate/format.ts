// The simulator's answer as readable text (CLI default, editor output channel) and as JSON for scripts.
import * as nodePath from 'node:path';
import type { SimRequest, SimResult } from './simulate';

const REASONS: Record<number, string> = {
  200: 'OK', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 410: 'Gone',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return `${status}${REASONS[status] ? ' ' + REASONS[status] : ''}`;
}

function where(file: string | undefined, line: number | undefined, rel: (p: string) => string): string {
  return file ? ` (${rel(file)}${line ? ':' + line : ''})` : '';
}

/** One paragraph: the verdict first, then the steps in Apache's order with file:line of each directive. */
export function formatSimulation(req: SimRequest, res: SimResult, rel: (p: string) => string = p => p): string {
  const out: string[] = [];
  const headerList = Object.entries(req.headers ?? {}).map(([k, v]) => `${k}: ${v}`);
  out.push(`${(req.method ?? 'GET').toUpperCase()} ${req.url} from ${req.from}${headerList.length ? ' [' + headerList.join(', ') + ']' : ''}`);
  if (res.status === null) {
    out.push(`Result: cannot tell (${res.cannotTell})`);
  } else {
    let what: string;
    switch (res.body.kind) {
      case 'file': what = `file ${rel(res.body.path)}`; break;
      case 'listing': what = `directory listing of ${rel(res.body.path)}`; break;
      case 'text': what = `the text "${res.body.text}"`; break;
      case 'empty': what = 'empty'; break;
      case 'builtin': what = `Apache's built-in page${res.body.note ? ` (${res.body.note})` : ''}`; break;
      default: what = 'unknown';
    }
    out.push(`Result: ${statusText(res.status)}${res.location ? ` -> ${res.location}` : ''}; body: ${what}`);
  }
  out.push(`Virtual host: ${res.vhost.name}${where(res.vhost.file, res.vhost.line, rel)}`);
  out.push('Steps:');
  for (const s of res.steps) {
    out.push(`  ${'  '.repeat(s.depth)}[${s.phase}] ${s.text}${where(s.file, s.line, rel)}`);
  }
  return out.join('\n') + '\n';
}

/** Paths relative to a folder when they lie inside it. */
export function relativeTo(dir: string): (p: string) => string {
  return p => {
    const r = nodePath.relative(dir, p);
    return r && !r.startsWith('..') && !nodePath.isAbsolute(r) ? r : p;
  };
}

/** The JSON shape of `upkeep simulate --format json` (public API: add fields, never rename). */
export function simulationJson(req: SimRequest, res: SimResult): unknown {
  return {
    request: { from: req.from, url: req.url, method: (req.method ?? 'GET').toUpperCase(), headers: req.headers ?? {}, to: req.to },
    status: res.status,
    cannotTell: res.cannotTell ?? null,
    location: res.location ?? null,
    body: res.body,
    vhost: res.vhost,
    steps: res.steps,
  };
}
