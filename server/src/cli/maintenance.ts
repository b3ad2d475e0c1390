// upkeep maintenance on|off|status FILE: the scripted face of "Enter/Leave maintenance mode".
import * as nodePath from 'node:path';
import type { CliCommand } from '../commands';
import { nodeFileSystem, Project } from '../engine/workspace';
import { serverFolderOf } from '../httpd/config';
import { enterMaintenance, leaveMaintenance, maintenanceState, MaintenanceError } from '../httpd/maintenance';
import { parseArgs, projectOptionsFrom, UsageError } from './args';
import { applyFileChanges } from './apply';

const USAGE = `  maintenance on FILE  insert the maintenance block into httpd.conf FILE (and its virtual hosts), in place
      --allow ADDR_OR_CIDR              allowlisted client (repeatable; WebSphere hosts from plugin-cfg.xml are added)
      --status 503|500                  status for everybody else (default 503)
      --page /path.html                 maintenance page URL (default /maintenance.html)
      --assets /prefix/                 URL prefix of the page's images and CSS (default: page name + /)
      --retry-after SECONDS             Retry-After header value (default 3600)
      --create-page                     create the page in DocumentRoot when it is missing
  maintenance off FILE  remove exactly what "maintenance on" inserted
  maintenance status FILE   print on or off (exit 0 when on, 3 when off)
`;

function rel(p: string): string {
  const r = nodePath.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

export const maintenanceCommand: CliCommand = {
  name: 'maintenance',
  usage: USAGE,
  run(argv) {
    const [sub, ...rest] = argv;
    const args = parseArgs(rest, new Set(['create-page']), new Set(['allow', 'status', 'page', 'assets', 'retry-after', 'config']));
    const file = args.positional[0];
    if (!['on', 'off', 'status'].includes(sub ?? '') || !file || args.positional.length > 1) {
      throw new UsageError('maintenance takes on|off|status and one httpd.conf FILE');
    }
    const abs = nodePath.resolve(file);
    if (nodeFileSystem.stat(abs) !== 'file') throw new UsageError(`no such file: ${file}`);
    const options = projectOptionsFrom({ positional: [], flags: new Map([...args.flags].filter(([k]) => k === 'config')) }, [serverFolderOf(abs)]);
    const project = new Project(nodeFileSystem, options);
    if (sub === 'status') {
      const s = maintenanceState(project, abs);
      process.stdout.write(s.on ? `on (${s.files.map(rel).join(', ')})\n` : 'off\n');
      return s.on ? 0 : 3;
    }
    if (sub === 'off') {
      const { changes, blocks } = leaveMaintenance(project, abs);
      applyFileChanges(changes);
      process.stdout.write(blocks ? `maintenance mode off: removed ${blocks} block${blocks === 1 ? '' : 's'} from ${changes.map(c => rel(c.path)).join(', ')}\n` : 'maintenance mode was not on: nothing to remove\n');
      return 0;
    }
    const status = args.flags.get('status')?.[0];
    if (status !== undefined && status !== '503' && status !== '500') throw new UsageError('--status takes 503 or 500');
    const retry = args.flags.get('retry-after')?.[0];
    if (retry !== undefined && !/^\d+$/.test(retry)) throw new UsageError('--retry-after takes a number of seconds');
    try {
      const plan = enterMaintenance(project, abs, {
        allow: [...(options.maintenanceHosts ?? []), ...(args.flags.get('allow') ?? [])],
        allowSource: 'command line / settings',
        status: status ? (Number(status) as 503 | 500) : options.maintenance?.status,
        page: args.flags.get('page')?.[0] ?? options.maintenance?.page,
        assets: args.flags.get('assets')?.[0],
        retryAfter: retry ? Number(retry) : undefined,
        createPage: args.flags.has('create-page'),
      });
      for (const s of plan.skipped) process.stderr.write(`warning: not allowlisted: ${s.reason} (from ${s.source})\n`);
      if (plan.alreadyOn) {
        process.stdout.write('maintenance mode is already on: nothing inserted\n');
        return 0;
      }
      const touched = applyFileChanges(plan.changes);
      process.stdout.write(
        `maintenance mode on (status ${plan.status}, page ${plan.page}): ${touched.map(rel).join(', ')}; ` +
          `${plan.virtualHosts} virtual host${plan.virtualHosts === 1 ? '' : 's'}; allowlisted: ${plan.allowed.map(a => a.entry.text).join(', ')}\n`,
      );
      return 0;
    } catch (e) {
      if (e instanceof MaintenanceError) throw new UsageError(e.message);
      throw e;
    }
  },
};
