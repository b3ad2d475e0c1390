// upkeep maintenance on|off|status FILE: the scripted face of "Enter/Leave maintenance mode", with the
// guards of cli/guard.ts: the input is checked first, nothing that would lock out a WebSphere node or
// an admin is written without --force, writes are atomic, --verify rolls back on failure.
import { promises as dns } from 'node:dns';
import * as nodePath from 'node:path';
import type { CliCommand } from '../commands';
import { nodeFileSystem, Project } from '../engine/workspace';
import { parseAllowEntry } from '../httpd/addresses';
import { serverFolderOf } from '../httpd/config';
import { enterMaintenance, leaveMaintenance, maintenanceState, MaintenanceError, type MaintenanceOptions, type MaintenancePlan, type Refusal } from '../httpd/maintenance';
import { lineNumber } from '../httpd/maintenance-state';
import { parseArgs, projectOptionsFrom, UsageError } from './args';
import { checkTarget, EXIT, GUARD_BOOLEANS, GUARD_VALUED, guardedApply, guardExit, guardOptions, Refused, reportApply } from './guard';

const USAGE = `  maintenance on FILE  insert the maintenance block into httpd.conf FILE (and its virtual hosts), in place
      --allow ADDR_OR_CIDR              allowlisted client (repeatable; WebSphere hosts from plugin-cfg.xml are added)
      --resolve                         resolve host names (--allow, plugin-cfg.xml) and write their addresses
      --status 503|500                  status for everybody else (default 503)
      --page /path.html                 maintenance page URL (default: the page an ErrorDocument names, else /maintenance.html)
      --assets /prefix/                 URL prefix of the page's images and CSS (default: page name + /)
      --retry-after SECONDS             Retry-After header value (default 3600)
      --create-page                     create the page in DocumentRoot when it is missing (the default)
      --no-create-page                  do not create a missing page (the command says it is missing)
      --replace                         turn a hand-written maintenance stanza into a managed block
  maintenance off FILE  remove exactly what "maintenance on" inserted
  maintenance status FILE   print on or off (exit 0 when on, 3 when off, 1 when a block is damaged)
  writing commands (maintenance on/off, plugin swap/drain/restore, lint --fix) also take:
      --force                           write although a guard refuses (a lockout risk, a file of another kind)
      --backup                          keep the previous content in FILE.bak
      --verify CMD                      run CMD after writing (e.g. "apachectl -t"); roll back when it fails (exit 4)
`;

function rel(p: string): string {
  const r = nodePath.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

/** Refuses with every reason when one cannot be forced, or when not forced. */
function enforce(refusals: Refusal[], force: boolean, what: string): void {
  const hard = refusals.filter(r => !r.forceable);
  const soft = refusals.filter(r => r.forceable);
  if (hard.length) throw new Refused(`${what}:\n${hard.map(r => `  - ${r.reason}`).join('\n')}`);
  if (soft.length && !force) throw new Refused(`${what}:\n${soft.map(r => `  - ${r.reason}`).join('\n')}\n(--force writes anyway)`);
  for (const r of soft) process.stderr.write(`warning (forced): ${r.reason}\n`);
}

async function resolveHosts(hosts: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const h of hosts) {
    try {
      const found = await dns.lookup(h, { all: true, verbatim: true });
      out[h] = [...new Set(found.map(f => f.address))];
    } catch (e) {
      throw new Refused(`cannot resolve ${h} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); give its address with --allow instead`);
    }
  }
  return out;
}

function describeOn(plan: MaintenancePlan, touched: string[]): string {
  const vh = `${plan.virtualHosts} virtual host${plan.virtualHosts === 1 ? '' : 's'}`;
  return `maintenance mode on (status ${plan.status}, page ${plan.page}): ${touched.map(rel).join(', ')}; ${vh}; allowlisted: ${plan.allowed.map(a => a.entry.text).join(', ')}\n`;
}

async function runOn(project: Project, abs: string, args: ReturnType<typeof parseArgs>, options: ReturnType<typeof projectOptionsFrom>): Promise<number> {
  const g = guardOptions(args);
  const status = args.flags.get('status')?.[0];
  if (status !== undefined && status !== '503' && status !== '500') throw new UsageError('--status takes 503 or 500');
  const retry = args.flags.get('retry-after')?.[0];
  if (retry !== undefined && !/^\d+$/.test(retry)) throw new UsageError('--retry-after takes a number of seconds');
  const given = args.flags.get('allow') ?? [];
  for (const a of given) {
    const e = parseAllowEntry(a);
    if (e.kind === 'invalid') throw new UsageError(`--allow ${a}: ${e.reason}`);
  }
  if (args.flags.has('create-page') && args.flags.has('no-create-page')) throw new UsageError('--create-page and --no-create-page contradict each other');
  const opts: MaintenanceOptions = {
    allow: [...(options.maintenanceHosts ?? []), ...given],
    allowSource: 'command line / settings',
    status: status ? (Number(status) as 503 | 500) : options.maintenance?.status,
    page: args.flags.get('page')?.[0] ?? options.maintenance?.page,
    assets: args.flags.get('assets')?.[0],
    retryAfter: retry ? Number(retry) : undefined,
    createPage: !args.flags.has('no-create-page'),
    replace: args.flags.has('replace'),
  };
  let plan = enterMaintenance(project, abs, opts);
  if (args.flags.has('resolve')) {
    const names = [...new Set(plan.skipped.filter(s => s.kind === 'hostname').map(s => s.text))];
    if (names.length) plan = enterMaintenance(project, abs, { ...opts, resolved: await resolveHosts(names) });
  }
  if (plan.alreadyOn) {
    enforce(plan.refusals, false, 'the maintenance state cannot be told');
    process.stdout.write('maintenance mode is already on: nothing inserted\n');
    return EXIT.ok;
  }
  enforce(plan.refusals, g.force, 'maintenance mode not turned on, nothing written');
  for (const s of plan.skipped) if (s.origin === 'config') process.stderr.write(`warning: not allowlisted: ${s.reason} (from ${s.source})\n`);
  const r = guardedApply(plan.changes, g);
  const edited = r.touched.filter(p => !r.created.includes(p));
  process.stdout.write(describeOn(plan, edited));
  for (const h of plan.resolvedHosts) process.stdout.write(`resolved ${h.host} (${h.source}): ${h.addresses.join(', ')}\n`);
  if (plan.pageSource !== 'given' && plan.pageSource !== 'default') process.stdout.write(`page ${plan.page}: reused from ${plan.pageSource}\n`);
  for (const c of r.created) process.stdout.write(`created ${rel(c)} from the template: edit its text before users see it\n`);
  if (plan.pageState === 'missing') process.stderr.write(`warning: ${plan.page} does not exist in DocumentRoot and was not created (--no-create-page): clients get a bare error instead of the page\n`);
  if (plan.pageState === 'unknown') process.stderr.write(`warning: no DocumentRoot of the configuration was found here, so ${plan.page} could not be checked: make sure the server has it\n`);
  if (opts.replace) {
    for (const h of plan.handWritten) {
      const f = project.file(h.file);
      process.stdout.write(`replaced the hand-written stanza at ${rel(h.file)}:${f ? lineNumber(f.text, h.start) : '?'} (${h.lineStarts.length} line${h.lineStarts.length === 1 ? '' : 's'} commented out with "# upkeep-replaced: ")\n`);
    }
  }
  reportApply(r, rel, g.verify);
  return EXIT.ok;
}

function runOff(project: Project, abs: string, args: ReturnType<typeof parseArgs>): number {
  const g = guardOptions(args);
  const plan = leaveMaintenance(project, abs);
  enforce(plan.refusals, g.force, 'maintenance mode not turned off, nothing written');
  if (!plan.blocks) {
    if (plan.handWritten.length) {
      const h = plan.handWritten[0];
      const f = project.file(h.file);
      throw new Refused(
        `no Upkeep block to remove, but a hand-written maintenance stanza is active at ${rel(h.file)}:${f ? lineNumber(f.text, h.start) : '?'} (${h.summary}). ` +
          'Upkeep does not remove lines it did not write: edit it by hand, or run "maintenance on --replace" once so that "off" can remove it.',
      );
    }
    process.stdout.write('maintenance mode was not on: nothing to remove\n');
    return EXIT.ok;
  }
  const r = guardedApply(plan.changes, g);
  process.stdout.write(`maintenance mode off: removed ${plan.blocks} block${plan.blocks === 1 ? '' : 's'} from ${r.touched.map(rel).join(', ')}\n`);
  for (const x of plan.foreign) process.stderr.write(`warning (forced): removed ${rel(x.file)}:${x.line} "${x.text}", which was not written by Upkeep\n`);
  if (plan.replacedLines.length) {
    const files = [...new Set(plan.replacedLines.map(l => `${rel(l.file)}:${l.line}`))];
    process.stdout.write(`the hand-written stanza replaced by "on --replace" stays commented out ("# upkeep-replaced: ", ${files.join(', ')})\n`);
  }
  for (const h of plan.handWritten) process.stderr.write(`warning: a hand-written maintenance stanza is still active in ${rel(h.file)} (${h.summary})\n`);
  reportApply(r, rel, g.verify);
  return EXIT.ok;
}

function runStatus(project: Project, abs: string): number {
  const s = maintenanceState(project, abs);
  if (s.damaged.length) {
    for (const d of s.damaged) process.stderr.write(`upkeep: damaged maintenance block: ${rel(d.split(': ')[0])}: ${d.slice(d.indexOf(': ') + 2)}\n`);
    process.stdout.write('unknown (a maintenance block is damaged)\n');
    return EXIT.refused;
  }
  const hand = s.handWritten.map(h => {
    const f = project.file(h.file);
    return `${rel(h.file)}:${f ? lineNumber(f.text, h.start) : '?'} (${h.summary})`;
  });
  if (s.managed) {
    process.stdout.write(`on (${s.files.map(rel).join(', ')})\n`);
    for (const h of hand) process.stdout.write(`also a hand-written maintenance stanza: ${h}\n`);
    return EXIT.ok;
  }
  if (hand.length) {
    process.stdout.write(`on: hand-written maintenance stanza, not managed by Upkeep: ${hand.join('; ')}\n`);
    return EXIT.ok;
  }
  process.stdout.write('off\n');
  return EXIT.off;
}

const MAIN_CONFIGS = ['httpd.conf', 'apache2.conf', 'apache.conf'];

/**
 * The folder to read the configuration from. A main config is read from its server folder; for any other
 * file (a virtual host or a drop-in an httpd.conf includes) the nearest main config above it is found, so
 * that on, off and status act on the whole configuration the file belongs to, as the editor does, and not
 * on the included file as if it were a configuration of its own (the engine still reads the file on its
 * own when that main config does not include it).
 */
export function configFolderFor(abs: string): string {
  if (MAIN_CONFIGS.includes(nodePath.basename(abs).toLowerCase())) return serverFolderOf(abs);
  let dir = nodePath.dirname(abs);
  for (let depth = 0; depth < 6; depth++) {
    for (const name of MAIN_CONFIGS) {
      for (const candidate of [nodePath.join(dir, name), nodePath.join(dir, 'conf', name)]) {
        if (nodeFileSystem.stat(candidate) === 'file') return serverFolderOf(candidate);
      }
    }
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return serverFolderOf(abs);
}

export const maintenanceCommand: CliCommand = {
  name: 'maintenance',
  usage: USAGE,
  run(argv) {
    const [sub, ...rest] = argv;
    const args = parseArgs(
      rest,
      new Set(['create-page', 'no-create-page', 'replace', 'resolve', ...GUARD_BOOLEANS]),
      new Set(['allow', 'status', 'page', 'assets', 'retry-after', 'config', ...GUARD_VALUED]),
    );
    const file = args.positional[0];
    if (!['on', 'off', 'status'].includes(sub ?? '') || !file || args.positional.length > 1) {
      throw new UsageError('maintenance takes on|off|status and one httpd.conf FILE');
    }
    if (sub !== 'on') {
      const onlyOn = ['allow', 'status', 'page', 'assets', 'retry-after', 'create-page', 'no-create-page', 'replace', 'resolve'].filter(k => args.flags.has(k));
      if (onlyOn.length) throw new UsageError(`--${onlyOn[0]} is an option of "maintenance on"`);
    }
    if (sub === 'status' && [...GUARD_BOOLEANS, ...GUARD_VALUED].some(k => args.flags.has(k))) throw new UsageError('maintenance status writes nothing: no --force, --backup or --verify');
    const abs = nodePath.resolve(file);
    const options = projectOptionsFrom({ positional: [], flags: new Map([...args.flags].filter(([k]) => k === 'config')) }, [configFolderFor(abs)]);
    const project = new Project(nodeFileSystem, options);
    try {
      checkTarget(project, file, 'httpd', args.flags.has('force'));
      if (sub === 'status') return runStatus(project, abs);
      if (sub === 'off') return runOff(project, abs, args);
      return runOn(project, abs, args, options).catch(e => {
        if (e instanceof MaintenanceError) throw new UsageError(e.message);
        return guardExit(e);
      });
    } catch (e) {
      if (e instanceof MaintenanceError) throw new UsageError(e.message);
      return guardExit(e);
    }
  },
};
