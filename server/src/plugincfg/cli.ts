// `upkeep plugin ...`: swap, drain, restore and which, on the command line. Files are edited in place
// with minimal edits, in their own encoding. Exit codes: 0 done, 1 refused (the message says why),
// 2 bad usage.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { CliCommand } from '../commands';
import type { FileChange } from '../engine/rules';
import { applyOffsetEdits, encodeText, type OffsetEdit } from '../engine/text';
import { nodeFileSystem, Project } from '../engine/workspace';
import { drainNode, formatWhich, PluginCfgRefusal, restoreRouting, whichServer } from './drain';
import type { PluginCfgTree } from './model';
import { swapAll, swapCluster } from './swap';

class Usage extends Error {}

const USAGE = `  plugin swap FILE [--cluster NAME]
                        swap primary and backup servers of one cluster (default: every cluster that has both)
  plugin drain FILE --node HOST [--httpd HTTPD_CONF]
                        write FILE's drain copy (no traffic to HOST) and point WebSpherePluginConfig at it
  plugin restore --httpd HTTPD_CONF
                        point WebSpherePluginConfig back from the drain copy to the original file
  plugin which FILE JSESSIONID
                        name the server(s) and host(s) whose CloneIDs a JSESSIONID value carries (exit 1: none)
`;

interface Args {
  positional: string[];
  flags: Map<string, string>;
}

function parse(argv: string[], valued: string[]): Args {
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
    if (!valued.includes(name)) throw new Usage(`unknown option --${name}`);
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || v === '') throw new Usage(`--${name} needs a value`);
    if (flags.has(name)) throw new Usage(`--${name} given twice`);
    flags.set(name, v);
  }
  return { positional, flags };
}

function existingFile(p: string | undefined, what: string): string {
  if (!p) throw new Usage(`${what} is missing`);
  const abs = nodePath.resolve(p);
  if (nodeFileSystem.stat(abs) !== 'file') throw new Usage(`no such file: ${p}`);
  return abs;
}

/** Writes edits to a file in its own encoding (re-read just before, so nothing else is lost). */
function writeEdits(path: string, edits: OffsetEdit[]): void {
  const ft = nodeFileSystem.readText(path);
  if (!ft) throw new PluginCfgRefusal(`Cannot read ${path}.`);
  if (!edits.length) return;
  fs.writeFileSync(path, encodeText(applyOffsetEdits(ft.text, edits), ft.encoding));
}

function applyChanges(changes: FileChange[], encoding: 'utf8' | 'latin1'): void {
  for (const c of changes) {
    if (c.create !== undefined) fs.writeFileSync(c.path, encodeText(c.create, encoding), { flag: 'wx' });
    else if (c.edits) writeEdits(c.path, c.edits);
  }
}

function rel(p: string): string {
  const r = nodePath.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

function runSwap(argv: string[]): number {
  const args = parse(argv, ['cluster']);
  if (args.positional.length !== 1) throw new Usage('plugin swap takes one FILE');
  const abs = existingFile(args.positional[0], 'FILE');
  const project = new Project(nodeFileSystem);
  const file = project.file<PluginCfgTree>(abs, 'plugincfg');
  if (!file?.tree) throw new PluginCfgRefusal(`Cannot read ${args.positional[0]}.`);
  const cluster = args.flags.get('cluster');
  if (cluster !== undefined) {
    const r = swapCluster(file.text, file.tree, cluster);
    if (!r.ok) {
      process.stderr.write(`upkeep: ${r.message}\n`);
      return 1;
    }
    writeEdits(abs, r.edits);
    process.stdout.write(`${rel(abs)}: cluster ${r.cluster} now has primary ${r.primary.join(', ')} and backup ${r.backup.join(', ')}.\n`);
    return 0;
  }
  const all = swapAll(file.text, file.tree);
  for (const s of all.skipped) process.stderr.write(`upkeep: skipped: ${s.message}\n`);
  if (!all.swapped.length) {
    process.stderr.write(`upkeep: no cluster of ${rel(abs)} has both a PrimaryServers and a BackupServers list to swap.\n`);
    return 1;
  }
  writeEdits(abs, all.edits);
  for (const s of all.swapped) process.stdout.write(`${rel(abs)}: cluster ${s.cluster} now has primary ${s.primary.join(', ')} and backup ${s.backup.join(', ')}.\n`);
  return 0;
}

function runDrain(argv: string[]): number {
  const args = parse(argv, ['node', 'httpd']);
  if (args.positional.length !== 1) throw new Usage('plugin drain takes one FILE');
  const abs = existingFile(args.positional[0], 'FILE');
  const node = args.flags.get('node');
  if (!node) throw new Usage('plugin drain needs --node HOST');
  const httpd = args.flags.has('httpd') ? existingFile(args.flags.get('httpd'), '--httpd') : undefined;
  const project = new Project(nodeFileSystem);
  const plan = drainNode(project, abs, node, httpd);
  const encoding = project.file(abs, 'plugincfg')?.encoding ?? 'utf8';
  applyChanges(plan.changes, encoding);
  process.stdout.write(`wrote ${rel(plan.copyPath)}: no traffic to ${node}.\n`);
  for (const c of plan.clusters) process.stdout.write(`  ${c.name}: primary ${c.primary.join(', ')}; backup ${c.backup.join(', ')}\n`);
  for (const c of plan.unchanged) process.stdout.write(`  ${c}: unchanged (its servers on ${node} are backups only)\n`);
  if (httpd) process.stdout.write(`${rel(httpd)}: WebSpherePluginConfig now names ${nodePath.basename(plan.copyPath)}; restart or reload the web server, then check with "upkeep plugin which".\n`);
  else process.stdout.write(`point WebSpherePluginConfig at ${nodePath.basename(plan.copyPath)} (or run again with --httpd) and restart the web server.\n`);
  return 0;
}

function runRestore(argv: string[]): number {
  const args = parse(argv, ['httpd']);
  if (args.positional.length) throw new Usage('plugin restore takes no FILE, only --httpd HTTPD_CONF');
  const httpd = existingFile(args.flags.get('httpd'), '--httpd HTTPD_CONF');
  const project = new Project(nodeFileSystem);
  const plan = restoreRouting(project, httpd);
  applyChanges(plan.changes, 'utf8');
  for (const r of plan.restored) process.stdout.write(`${rel(httpd)}:${r.line}: WebSpherePluginConfig names ${r.to} again (was ${r.from}); restart or reload the web server.\n`);
  return 0;
}

function runWhich(argv: string[]): number {
  const args = parse(argv, []);
  if (args.positional.length !== 2) throw new Usage('plugin which takes FILE and a JSESSIONID value');
  const abs = existingFile(args.positional[0], 'FILE');
  const r = whichServer(new Project(nodeFileSystem), abs, args.positional[1]);
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
        process.stderr.write(`upkeep: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
