// `upkeep lint`: checks files and folders, or stdin; fixes (`--fix`, `--unsafe-fixes`) or shows the
// fixes as a diff (`--diff`); reports as text, json, sarif or github annotations. Each file gets the
// settings of the nearest `.upkeep.json` above it (or `--config`); every flag and settings file is
// validated before anything is printed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { LoadedConfig } from '../engine/config-file';
import { matchesAnyGlob } from '../engine/glob';
import { mayBeHttpd, onePerFile } from '../engine/files';
import { languageFor, lintFile } from '../languages';
import { decodeBytes, encodeText } from '../engine/text';
import { nodeFileSystem, OverlayFileSystem } from '../engine/workspace';
import { lastFlag, loadValidConfig, parseCommandArgs, ruleOverrides, UsageError, type OptionSpec } from './args';
import { Settings } from './settings';
import { unifiedDiff } from './diff';
import { fixInMemory } from './fix';
import { fileReport, formatReport, type FileReport } from './report';
import { Progress } from './progress';
import { atomicWrite, backupPath, EXIT as GUARD_EXIT, runVerify } from './guard';
import { lintInWorkers, shouldUseWorkers } from './workers';

export const LINT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  backup: { type: 'boolean' },
  verify: { type: 'string' },
  'unsafe-fixes': { type: 'boolean' },
  diff: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string' },
  allow: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'ignore-pattern': { type: 'string' },
  'stdin-filename': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
};

export const LINT_USAGE = `usage: upkeep lint [options] [paths...]

Checks files and folders (folders are walked; files are recognised by name, path, content and Include).
"-" reads stdin.

options:
  -f, --format text|json|sarif|github  output format (default text)
  -o, --output-file FILE               write the report to FILE instead of stdout
      --fix                            apply safe fixes in place
      --backup                         with --fix: keep each fixed file's previous content in FILE.bak
      --verify CMD                     with --fix: run CMD afterwards (e.g. "apachectl -t"); when it fails,
                                       every fixed file is put back byte for byte (exit 4)
      --unsafe-fixes                   with --fix or --diff: also apply unsafe fixes
      --diff                           print the changes --fix would make as a unified diff; change nothing
  -c, --config FILE                    settings file for every file (default: the nearest .upkeep.json
                                       above each file)
      --rule CODE=SEVERITY             override a rule's severity (error|warning|information|hint|off)
      --allow ADDR_OR_CIDR             host that must keep access during maintenance (repeatable)
      --ignore-pattern GLOB            do not check files or folders matching GLOB (repeatable; relative to
                                       the current folder)
      --max-warnings N                 exit 1 when there are more than N warnings
  -q, --quiet                          report errors only
      --stdin-filename PATH            the path stdin stands for (language, settings, messages)
  -j, --jobs N|auto                    worker threads for folders (default auto)
  -h, --help                           this help

exit codes: 0 no error, 1 errors found (or too many warnings, or --diff has changes), 2 bad usage or
settings file, 4 --verify failed (files put back), 70 internal error`;

const FORMATS = ['text', 'json', 'sarif', 'github'];
const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg']);

export interface LintFlags {
  format: string;
  outputFile?: string;
  fix: boolean;
  /** With --fix: keep FILE.bak, and run this check afterwards (rolling back when it fails). */
  backup: boolean;
  verify?: string;
  unsafeFixes: boolean;
  diff: boolean;
  quiet: boolean;
  maxWarnings?: number;
  jobs: number | 'auto';
  rules: ReturnType<typeof ruleOverrides>;
  allow: string[];
  ignorePatterns: string[];
  stdin: boolean;
  stdinFilename?: string;
  config?: LoadedConfig;
  paths: string[];
}

/** Every flag checked before anything runs or prints. */
export function validateLintArgs(argv: string[]): LintFlags | 'help' {
  const args = parseCommandArgs(argv, LINT_OPTIONS, 'lint');
  if (args.flags.has('help')) return 'help';
  const format = lastFlag(args, 'format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json, sarif or github, not "${format}"`, 'lint');
  const mw = lastFlag(args, 'max-warnings');
  let maxWarnings: number | undefined;
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw.trim())) throw new UsageError(`--max-warnings takes a whole number, not "${mw}"`, 'lint');
    maxWarnings = Number(mw);
  }
  const j = lastFlag(args, 'jobs') ?? 'auto';
  let jobs: number | 'auto' = 'auto';
  if (j !== 'auto') {
    if (!/^\d+$/.test(j) || Number(j) < 1) throw new UsageError(`--jobs takes a number of threads (1 or more) or auto, not "${j}"`, 'lint');
    jobs = Number(j);
  }
  const fix = args.flags.has('fix');
  const diff = args.flags.has('diff');
  const unsafeFixes = args.flags.has('unsafe-fixes');
  const backup = args.flags.has('backup');
  const verify = lastFlag(args, 'verify');
  if ((backup || verify !== undefined) && !fix) throw new UsageError('--backup and --verify go with --fix', 'lint');
  if (verify !== undefined && !verify.trim()) throw new UsageError('--verify needs a command, e.g. --verify "apachectl -t"', 'lint');
  if (unsafeFixes && !fix && !diff) throw new UsageError('--unsafe-fixes only widens --fix or --diff; add one of them', 'lint');
  const outputFile = lastFlag(args, 'output-file');
  if (outputFile !== undefined) {
    if (outputFile === '') throw new UsageError('--output-file needs a file name', 'lint');
    if (nodeFileSystem.stat(nodePath.resolve(outputFile)) === 'dir') throw new UsageError(`--output-file ${outputFile} is a folder`, 'lint');
    // The folders above it are created; one of them being a file is a usage error, found before linting.
    let up = nodePath.dirname(nodePath.resolve(outputFile));
    while (nodeFileSystem.stat(up) === undefined && nodePath.dirname(up) !== up) up = nodePath.dirname(up);
    if (nodeFileSystem.stat(up) === 'file') throw new UsageError(`--output-file ${outputFile}: ${up} is a file, not a folder`, 'lint');
  }
  const stdinFilename = lastFlag(args, 'stdin-filename');
  const positional = args.positional;
  const stdin = positional.includes('-') || (stdinFilename !== undefined && positional.length === 0);
  if (stdin && positional.some(p => p !== '-')) throw new UsageError('"-" (stdin) cannot be mixed with paths; give the path with --stdin-filename', 'lint');
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename names what stdin holds; add "-" to read it', 'lint');
  const rules = ruleOverrides(args.flags.get('rule') ?? []);
  const configPath = lastFlag(args, 'config');
  const config = configPath !== undefined ? loadValidConfig(configPath, true) : undefined;
  for (const p of positional) if (p !== '-' && nodeFileSystem.stat(nodePath.resolve(p)) === undefined) throw new UsageError(`no such file or folder: ${p}`, 'lint');
  return {
    format,
    outputFile,
    fix,
    backup,
    verify,
    unsafeFixes,
    diff,
    quiet: args.flags.has('quiet'),
    maxWarnings,
    jobs,
    rules,
    allow: args.flags.get('allow') ?? [],
    ignorePatterns: args.flags.get('ignore-pattern') ?? [],
    stdin,
    stdinFilename,
    config,
    paths: stdin ? [] : positional.length ? positional : ['.'],
  };
}

export interface Target {
  abs: string;
  shown: string;
}

export function rootsOf(paths: string[]): string[] {
  return paths.map(p => {
    const abs = nodePath.resolve(p);
    return nodeFileSystem.stat(abs) === 'dir' ? abs : nodePath.dirname(abs);
  });
}

function joinShown(dir: string, rel: string): string {
  if (dir === '.' || dir === './') return rel;
  return dir.endsWith('/') || dir.endsWith(nodePath.sep) ? dir + rel : `${dir}/${rel}`;
}

/** Files to lint: named files as they are (with a warning when Upkeep does not handle them), folders walked. */
export function collectTargets(settings: Settings, paths: string[], warn: (line: string) => void): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  /** The real path of a file reached through no link below its walk's root (known without asking the system). */
  const knownReal = new Map<string, string>();
  const push = (abs: string, shown: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, shown });
  };
  for (const given of paths) {
    const abs = nodePath.resolve(given);
    const kind = nodeFileSystem.stat(abs);
    if (kind === 'file') {
      const why = settings.ignored(abs);
      if (why) warn(`${given}: ignored (matches an ignore pattern of ${why}); not checked`);
      else if (!languageFor(settings.projectFor(abs), abs)) warn(`${given}: not a file Upkeep checks (Apache httpd configuration, plugin-cfg.xml, Sametime managed settings, update phase scripts, ePages hotfix settings); not checked`);
      else push(abs, given);
    } else if (kind === 'dir') {
      const realRoot = realPathOf(abs);
      // One lstat per entry says both what it is and whether it is a link; only what lies behind a link
      // needs its real path worked out (a realpath per file costs a stat per folder of its path).
      const walk = (dir: string, rel: string, viaLink: boolean) => {
        for (const name of nodeFileSystem.readDir(dir)) {
          if (SKIP_DIRS.has(name)) continue;
          const p = nodePath.join(dir, name);
          const r = rel ? `${rel}/${name}` : name;
          let link = false;
          let k: 'file' | 'dir' | undefined;
          try {
            const st = fs.lstatSync(p);
            link = st.isSymbolicLink();
            k = link ? nodeFileSystem.stat(p) : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
          } catch {
            k = undefined;
          }
          if (k === 'dir') {
            if (!settings.ignored(p)) walk(p, r, viaLink || link);
          } else if (k === 'file') {
            if (name === '.upkeep.json' || settings.ignored(p)) continue;
            const project = settings.projectFor(p);
            const candidate = /\.(conf|xml|in|load)$/i.test(name) || matchesAnyGlob(p, project.options.httpdFiles) || mayBeHttpd(p);
            if (project.languageOf(p) || (candidate && languageFor(project, p))) {
              push(p, joinShown(given, r));
              if (!viaLink && !link && realRoot !== null) knownReal.set(p, realRoot + p.slice(abs.length));
            }
          }
        }
      };
      walk(abs, '', false);
    } else throw new UsageError(`no such file or folder: ${given}`, 'lint');
  }
  // A file reached twice through symlinks (Debian's mods-enabled -> mods-available) is checked once.
  return onePerFile(out, p => knownReal.get(p) ?? fs.realpathSync(p));
}

function realPathOf(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

function plural(n: number, w: string, ws = `${w}s`): string {
  return `${n} ${n === 1 ? w : ws}`;
}

export async function runLint(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const flags = validateLintArgs(argv);
  if (flags === 'help') {
    io.stdout(LINT_USAGE + '\n');
    return 0;
  }
  const warn = (line: string) => io.stderr(`upkeep: warning: ${line}\n`);
  const overlay = new OverlayFileSystem(nodeFileSystem);
  let targets: Target[];
  let stdinText: string | undefined;
  let settings: Settings;
  if (flags.stdin) {
    const name = flags.stdinFilename ?? 'stdin';
    const abs = nodePath.resolve(name);
    settings = new Settings(flags, [process.cwd()], overlay);
    stdinText = decodeBytes(fs.readFileSync(0)).text;
    overlay.set(abs, stdinText, 0);
    targets = [];
    if (settings.ignored(abs)) warn(`${name}: ignored (matches an ignore pattern); not checked`);
    else if (!languageFor(settings.projectFor(abs), abs)) warn(`${name}: not a file Upkeep checks (give its name with --stdin-filename, e.g. httpd.conf)`);
    else targets = [{ abs, shown: name }];
  } else {
    settings = new Settings(flags, rootsOf(flags.paths), overlay);
    targets = collectTargets(settings, flags.paths, warn);
  }
  const write = (text: string) => {
    if (flags.outputFile) {
      fs.mkdirSync(nodePath.dirname(nodePath.resolve(flags.outputFile)), { recursive: true });
      fs.writeFileSync(flags.outputFile, text);
    } else io.stdout(text);
  };

  // --diff: what --fix would change, as a patch; nothing is written.
  if (flags.diff) {
    const parts: string[] = [];
    let fixes = 0;
    let files = 0;
    for (const t of targets) {
      const o = fixInMemory(settings.projectFor(t.abs), overlay, t.abs, flags.unsafeFixes);
      if (!o || o.before === o.after) continue;
      fixes += o.applied;
      files++;
      parts.push(unifiedDiff(t.shown.split(nodePath.sep).join('/'), o.before, o.after));
    }
    write(parts.join(''));
    io.stderr(`upkeep: ${plural(fixes, 'fix', 'fixes')} would change ${plural(files, 'file')}${flags.unsafeFixes ? '' : ' (safe fixes only; --unsafe-fixes adds the others)'}\n`);
    return files > 0 ? 1 : 0;
  }

  let fixed = 0;
  let fixedStdin: string | undefined;
  const originals = new Map<string, Buffer>();
  if (flags.fix) {
    for (const t of targets) {
      const o = fixInMemory(settings.projectFor(t.abs), overlay, t.abs, flags.unsafeFixes);
      if (!o) continue;
      fixed += o.applied;
      if (flags.stdin) {
        fixedStdin = o.after;
        continue;
      }
      if (o.after !== o.before) {
        // Guarded: the original kept (and backed up on request) before an atomic write.
        if (!originals.has(t.abs)) {
          const before = fs.readFileSync(t.abs);
          originals.set(t.abs, before);
          if (flags.backup) {
            const b = backupPath(t.abs);
            atomicWrite(b, before);
            io.stderr(`backup: ${b}\n`);
          }
        }
        atomicWrite(t.abs, encodeText(o.after, o.encoding));
      }
      overlay.delete(t.abs);
      settings.projectFor(t.abs).touch([t.abs]);
    }
    if (flags.stdin && targets.length === 0) fixedStdin = stdinText;
    if (flags.verify && originals.size) {
      const v = runVerify(flags.verify);
      if (!v.ok) {
        for (const [p, bytes] of originals) atomicWrite(p, bytes);
        io.stderr(`upkeep: "${flags.verify}" failed after the fixes, so every fixed file was put back as it was (${[...originals.keys()].join(', ')}).\n${v.output.replace(/^/gm, '  | ')}\n`);
        return GUARD_EXIT.verifyFailed;
      }
      io.stderr(`verified: "${flags.verify}" passed\n`);
    }
  }

  const reports = await lintTargets(settings, targets, flags);
  if (flags.quiet) for (const r of reports) r.findings = r.findings.filter(f => f.severity === 'error');
  const errors = reports.reduce((n, r) => n + r.findings.filter(f => f.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.findings.filter(f => f.severity === 'warning').length, 0);
  const fixedNote = flags.fix ? `, ${plural(fixed, 'fix', 'fixes')} applied` : '';
  const report = formatReport(flags.format, reports, { files: reports.length, errors, warnings }, fixedNote);
  if (fixedStdin !== undefined) {
    // Like ruff: the fixed text on stdout, the report on stderr (or in --output-file).
    io.stdout(fixedStdin);
    if (flags.outputFile) write(report);
    else io.stderr(report);
  } else write(report);
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr(`upkeep: ${plural(warnings, 'warning')} found, more than --max-warnings ${flags.maxWarnings} allows: exit 1\n`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

async function lintTargets(settings: Settings, targets: Target[], flags: LintFlags): Promise<FileReport[]> {
  const progress = new Progress(targets.length, process.stderr);
  try {
    if (!flags.stdin && !flags.fix && shouldUseWorkers(targets.length, flags.jobs)) {
      const n = flags.jobs === 'auto' ? Math.min(os.availableParallelism?.() ?? os.cpus().length, 4) : flags.jobs;
      return await lintInWorkers(targets, flags, settings.roots, n, progress);
    }
    const out: FileReport[] = [];
    for (const t of targets) {
      const r = lintFile(settings.projectFor(t.abs), t.abs);
      if (r) out.push(fileReport(t.abs, t.shown, r));
      progress.tick();
    }
    return out;
  } finally {
    progress.done();
  }
}
