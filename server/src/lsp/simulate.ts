// "Upkeep: Simulate a request": the server command behind the palette command. It finds the main
// configuration the open httpd file belongs to and runs the engine's request simulator on the editor's
// current text (unsaved changes included), answering with the readable report and the JSON result.
import ipaddr from 'ipaddr.js';
import { httpdConfigFor } from '../httpd/config';
import { formatSimulation, simulationJson } from '../httpd/simulate/format';
import { simulateRequest, type SimRequest } from '../httpd/simulate/simulate';
import type { Feature, UpkeepServices } from './features';

export const SIMULATE_COMMAND = 'upkeep.server.simulate.request';

/** Reads the request a client sends; null when it is not usable. */
export function simRequestOf(raw: unknown): SimRequest | string {
  if (typeof raw !== 'object' || raw === null) return 'no request given';
  const o = raw as Record<string, unknown>;
  if (typeof o.from !== 'string' || !ipaddr.isValid(o.from.trim())) return 'the client address must be an IP address';
  if (typeof o.url !== 'string' || !/^(https?:\/\/[^/\s]+)?\/\S*$/i.test(o.url.trim())) return 'the URL must be http://host/path or /path';
  const headers: Record<string, string> = {};
  if (o.headers && typeof o.headers === 'object') {
    for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) if (typeof v === 'string' && /^[\w-]+$/.test(k)) headers[k] = v;
  }
  return {
    from: o.from.trim(),
    url: o.url.trim(),
    headers,
    method: typeof o.method === 'string' && /^[A-Za-z]+$/.test(o.method) ? o.method : undefined,
    to: typeof o.to === 'string' && o.to.trim() ? o.to.trim() : undefined,
  };
}

export const simulateFeature: Feature = {
  name: 'simulate',
  register(s: UpkeepServices) {
    s.commands.register({
      id: SIMULATE_COMMAND,
      run(args) {
        const uri = String(args[0] ?? '');
        const req = simRequestOf(args[1]);
        if (typeof req === 'string') return { ok: false, message: req };
        const cfg = httpdConfigFor(s.project, s.pathOf(uri));
        const res = simulateRequest(s.project, cfg.root, req);
        return { ok: true, root: s.uriOf(cfg.root), status: res.status, text: formatSimulation(req, res), result: simulationJson(req, res) };
      },
    });
  },
};
