// `upkeep plugin ...`: swap, drain, restore and which, on the command line. Files are edited in place
// with minimal edits, in their own encoding, through the guards of cli/guard.ts (input checked first,
// atomic writes, --backup, --verify with rollback). Exit codes: the table in README (0 done or nothing
// to do, 1 refused, 2 bad usage or an unknown node/cluster, 4 verification failed and rolled back).
import * as nodePath from 'node:path';
import type { CliCommand } from '../commands';
import { checkTarget, EXIT, GUARD_BOOLEANS, GUARD_VALUED, guardedApply, guardExit, guardOptions, reportApply, type GuardOptions } from '../cli/guard';
import { UsageError } from '../cli/args';
import type { FileChange } from '../engine/rules';
import { nodeFileSystem, Project } from '../engine/workspace';
import { serverFolderOf } from '../httpd/config';
import { drainNode, formatWhich, NothingToDo, PluginCfgRefusal, restoreRouting, UnknownNode, whichServer } from './drain';
import type { PluginCfgTree } from './model';
import { swapAll, swapCluster } from './swap';

class Usage extends Error {}

const USAGE = `  plugin swap FILE [--cluster NAME]
                        swap primary and backup servers of one cluster (default: every cluster that has both)
  plugin drain FILE --node HOST [--httpd HTTPD_CONF]
                        write FILE's drain copy (HOST in no server list) and point WebSpherePluginConfig at it
  plugin restore --httpd HTTPD_CONF
                        point WebSpherePluginConfig back from the drain copy to the original file
                        (and remove the drain copy when its original is next to it)
  plugin which FILE JSESSIONID
                        name the server(s) and host(s) whose CloneIDs a JSESSIONID value carries (exit 1: none);
                        a URL-encoded value (%3A) is decoded
  swap, drain and restore also take --force, --backup and --verify CMD (see maintenance)
`;

interface Args {
  positional: string[];
  flags: Map<string, string>;
}

function parse(argv: string[], valued: string[], writes = true): Args {
  const booleans = writes ? GUARD_BOOLEANS : [];
  valued = writes ? [...valued, ...GUARD_VALUED] : valued;
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.includes(name)) {
      if (eq > 0) throw new Usage(`--${name} takes no value`);
      flags.set(name, 'true');
      continue;
    }
    if (!valued.includes(name)) throw new Usage(`unknown option --${name}`);
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || v === '') throw new Usage(`--${name} needs a value`);
    if (flags.has(name)) throw new Usage(`--${name} given twice`);
    flags.set(name, v);
  }
  return { positional, flags };
}

function target(project: Project, p: string | undefined, what: string, kind: 'httpd' | 'plugincfg', force: boolean): string {
  if (!p) throw new Usage(`${what} is missing`);
  try {
    return checkTarget(project, p, kind, force);
  } catch (e) {
    if (e instanceof UsageError) throw new Usage(e.message);
    throw e;
  }
}

function guard(args: Args): GuardOptions {
  try {
    return guardOptions(args.flags);
  } catch (e) {
    if (e instanceof UsageError) throw new Usage(e.message);
    throw e;
  }
}

function apply(changes: FileChange[], g: GuardOptions): ReturnType<typeof guardedApply> {
  const r = guardedApply(changes, g);
  reportApply(r, rel, g.verify);
  return r;
}

function rel(p: string): string {
  const r = nodePath.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

function runSwap(argv: string[]): number {
  const args = parse(argv, ['cluster']);
  if (args.positional.length !== 1) throw new Usage('plugin swap takes one FILE');
  const g = guard(args);
  const project = new Project(nodeFileSystem);
  const abs = target(project, args.positional[0], 'FILE', 'plugincfg', g.force);
  const file = project.file<PluginCfgTree>(abs, 'plugincfg');
  if (!file?.tree) throw new PluginCfgRefusal(`Cannot read ${args.positional[0]}.`);
  const cluster = args.flags.get('cluster');
  if (cluster !== undefined) {
    const r = swapCluster(file.text, file.tree, cluster);
    if (!r.ok) {
      if (/^There is no ServerCluster named/.test(r.message)) throw new Usage(r.message);
      process.stderr.write(`upkeep: refused: ${r.message}\n`);
      return EXIT.refused;
    }
    apply([{ path: abs, edits: r.edits }], g);
    process.stdout.write(`${rel(abs)}: cluster ${r.cluster} now has primary ${r.primary.join(', ')} and backup ${r.backup.join(', ')}.\n`);
    return 0;
  }
  const all = swapAll(file.text, file.tree);
  for (const s of all.skipped) process.stderr.write(`upkeep: skipped: ${s.message}\n`);
  if (!all.swapped.length) {
    process.stderr.write(`upkeep: refused: no cluster of ${rel(abs)} has both a PrimaryServers and a BackupServers list to swap.\n`);
    return EXIT.refused;
  }
  apply([{ path: abs, edits: all.edits }], g);
  for (const s of all.swapped) process.stdout.write(`${rel(abs)}: cluster ${s.cluster} now has primary ${s.primary.join(', ')} and backup ${s.backup.join(', ')}.\n`);
  return 0;
}

function runDrain(argv: string[]): number {
  const args = parse(argv, ['node', 'httpd']);
  if (args.positional.length !== 1) throw new Usage('plugin drain takes one FILE');
  const g = guard(args);
  const project = new Project(nodeFileSystem);
  const abs = target(project, args.positional[0], 'FILE', 'plugincfg', g.force);
  const node = args.flags.get('node');
  if (!node) throw new Usage('plugin drain needs --node HOST');
  const httpd = args.flags.has('httpd') ? target(project, args.flags.get('httpd'), '--httpd', 'httpd', g.force) : undefined;
  let plan;
  try {
    plan = drainNode(project, abs, node, httpd);
  } catch (e) {
    if (e instanceof UnknownNode) throw new Usage(e.message);
    throw e;
  }
  const encoding = project.file(abs, 'plugincfg')?.encoding ?? 'utf8';
  // The copy keeps the original's encoding (a Latin-1 plugin-cfg.xml gives a Latin-1 copy).
  apply(plan.changes.map(c => (c.create !== undefined ? { ...c, encoding } : c)), g);
  process.stdout.write(`wrote ${rel(plan.copyPath)}: no traffic to ${node}.\n`);
  for (const c of plan.clusters) process.stdout.write(`  ${c.name}: primary ${c.primary.join(', ')}; backup ${c.backup.join(', ') || 'none'}\n`);
  for (const c of plan.unchanged) process.stdout.write(`  ${c}: unchanged (its servers on ${node} are in no server list)\n`);
  if (httpd) process.stdout.write(`${rel(httpd)}: WebSpherePluginConfig now names ${nodePath.basename(plan.copyPath)}; restart or reload the web server, then check with "upkeep plugin which".\n`);
  else process.stdout.write(`point WebSpherePluginConfig at ${nodePath.basename(plan.copyPath)} (or run again with --httpd) and restart the web server.\n`);
  return 0;
}

function runRestore(argv: string[]): number {
  const args = parse(argv, ['httpd']);
  if (args.positional.length) throw new Usage('plugin restore takes no FILE, only --httpd HTTPD_CONF');
  const g = guard(args);
  const given = args.flags.get('httpd');
  // The server's folder is the workspace, so the drain copy named by the server's path is found.
  const project = new Project(nodeFileSystem, given ? { roots: [serverFolderOf(nodePath.resolve(given))] } : {});
  const httpd = target(project, given, '--httpd HTTPD_CONF', 'httpd', g.force);
  let plan;
  try {
    plan = restoreRouting(project, httpd);
  } catch (e) {
    if (e instanceof NothingToDo) {
      process.stdout.write(`${e.message}\n`);
      return EXIT.ok;
    }
    throw e;
  }
  apply(plan.changes, g);
  for (const r of plan.restored) process.stdout.write(`${rel(httpd)}:${r.line}: WebSpherePluginConfig names ${r.to} again (was ${r.from}); restart or reload the web server.\n`);
  for (const p of plan.removed) process.stdout.write(`removed the drain copy ${rel(p)}\n`);
  for (const k of plan.kept) process.stdout.write(`kept ${rel(k.path)}: ${k.why}\n`);
  return EXIT.ok;
}

function runWhich(argv: string[]): number {
  const args = parse(argv, [], false);
  if (args.positional.length !== 2) throw new Usage('plugin which takes FILE and a JSESSIONID value');
  const project = new Project(nodeFileSystem);
  const abs = target(project, args.positional[0], 'FILE', 'plugincfg', false);
  const r = whichServer(project, abs, args.positional[1]);
  for (const line of formatWhich(r)) process.stdout.write(line + '\n');
  return r.cloneIds.some(c => c.matches.length) ? 0 : 1;
}

export const pluginCommand: CliCommand = {
  name: 'plugin',
  usage: USAGE,
  run(argv) {
    const [sub, ...rest] = argv;
    try {
      if (sub === 'swap') return runSwap(rest);
      if (sub === 'drain') return runDrain(rest);
      if (sub === 'restore') return runRestore(rest);
      if (sub === 'which') return runWhich(rest);
      throw new Usage(sub ? `unknown plugin command "${sub}"` : 'plugin needs a command: swap, drain, restore or which');
    } catch (e) {
      if (e instanceof Usage) {
        process.stderr.write(`upkeep: ${e.message}\n\nusage:\n${USAGE}`);
        return 2;
      }
      if (e instanceof PluginCfgRefusal) {
        process.stderr.write(`upkeep: refused: ${e.message}\n`);
        return EXIT.refused;
      }
      return guardExit(e);
    }
  },
};
