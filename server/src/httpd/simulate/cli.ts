// upkeep simulate CONF --from IP --url URL [--header H:V]...: what the configuration does with a request.
import * as nodePath from 'node:path';
import ipaddr from 'ipaddr.js';
import type { CliCommand } from '../../commands';
import { nodeFileSystem, Project } from '../../engine/workspace';
import { parseArgs, UsageError } from '../../cli/args';
import { serverFolderOf } from '../config';
import { formatSimulation, relativeTo, simulationJson } from './format';
import { simulateRequest, type SimRequest } from './simulate';

const USAGE = `  simulate FILE --from IP --url URL   what httpd.conf FILE does with one request: virtual host, each
                                      rewrite condition and rule, access control, Alias/Redirect, ErrorDocument,
                                      final status and file (exit 0; 3 when it cannot tell)
      --header "Name: value"            request header (repeatable; Host defaults to the URL's host)
      --method GET|POST|...             request method (default GET)
      --to ADDR[:PORT]                  local address the request arrives on (default: the URL's host when it is an IP)
      --format text|json                output format (default text)
`;

export function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  if (i <= 0) throw new UsageError(`--header takes "Name: value", got "${h}"`);
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  usage: USAGE,
  run(argv) {
    const args = parseArgs(argv, new Set(), new Set(['from', 'url', 'header', 'method', 'to', 'format']));
    const file = args.positional[0];
    if (!file || args.positional.length > 1) throw new UsageError('simulate takes one httpd.conf FILE');
    const abs = nodePath.resolve(file);
    if (nodeFileSystem.stat(abs) !== 'file') throw new UsageError(`no such file: ${file}`);
    const from = args.flags.get('from')?.[0];
    const url = args.flags.get('url')?.[0];
    if (!from || !ipaddr.isValid(from)) throw new UsageError('--from takes the client IP address, e.g. --from 10.1.2.3');
    if (!url || !/^(https?:\/\/[^/]+)?\//i.test(url)) throw new UsageError('--url takes http://host/path or /path');
    const format = args.flags.get('format')?.[0] ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    const headers: Record<string, string> = {};
    for (const h of args.flags.get('header') ?? []) {
      const [k, v] = parseHeader(h);
      headers[k] = v;
    }
    const req: SimRequest = { from, url, headers, method: args.flags.get('method')?.[0], to: args.flags.get('to')?.[0] };
    const project = new Project(nodeFileSystem, { roots: [serverFolderOf(abs)] });
    const res = simulateRequest(project, abs, req);
    if (format === 'json') process.stdout.write(JSON.stringify(simulationJson(req, res), null, 2) + '\n');
    else process.stdout.write(formatSimulation(req, res, relativeTo(process.cwd())));
    return res.status === null ? 3 : 0;
  },
};
