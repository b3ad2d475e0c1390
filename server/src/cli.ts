// `upkeep`: the command line face of the engine. Same rules as the language server.
//   upkeep lint [paths...] [--format text|json|sarif|github] [--fix] [--config FILE] [--rule CODE=SEVERITY]
// Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or internal failure.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { languageFor, lintFile, type LintResult } from './languages';
import { allRules, ruleDocPath, selectSafeFixes, type Finding } from './engine/rules';
import { parseArgs, projectOptionsFrom, UsageError } from './cli/args';
export { parseArgs, projectOptionsFrom, UsageError } from './cli/args';
import { matchesAnyGlob } from './engine/glob';
import { applyOffsetEdits, encodeText } from './engine/text';
import { nodeFileSystem, Project } from './engine/workspace';
import { CLI_COMMANDS } from './commands';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg']);

/** Files to lint: given files as they are; directories walked, keeping files Upkeep recognises. */
function collectFiles(project: Project, paths: string[]): { abs: string; shown: string }[] {
  const out: { abs: string; shown: string }[] = [];
  const seen = new Set<string>();
  const push = (abs: string, shown: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, shown });
  };
  for (const given of paths) {
    const abs = nodePath.resolve(given);
    const kind = nodeFileSystem.stat(abs);
    if (kind === 'file') push(abs, given);
    else if (kind === 'dir') {
      const walk = (dir: string, rel: string) => {
        for (const name of nodeFileSystem.readDir(dir)) {
          if (SKIP_DIRS.has(name)) continue;
          const p = nodePath.join(dir, name);
          const r = rel ? `${rel}/${name}` : name;
          const k = nodeFileSystem.stat(p);
          if (k === 'dir') walk(p, r);
          else if (k === 'file') {
            const candidate = /\.(conf|xml|in|load)$/i.test(name) || matchesAnyGlob(p, project.options.httpdFiles);
            if (project.languageOf(p) || (candidate && languageFor(project, p))) push(p, joinShown(given, r));
          }
        }
      };
      walk(abs, '');
    } else throw new UsageError(`no such file or directory: ${given}`);
  }
  return out;
}

function joinShown(dir: string, rel: string): string {
  if (dir === '.' || dir === './') return rel;
  return dir.endsWith('/') || dir.endsWith(nodePath.sep) ? dir + rel : `${dir}/${rel}`;
}

export interface JsonFinding {
  file: string;
  code: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function toJson(shown: string, r: LintResult, f: Finding): JsonFinding {
  const s = r.file.index.positionAt(f.start);
  const e = r.file.index.positionAt(f.end);
  return {
    file: shown,
    code: f.code,
    severity: f.severity,
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
  };
}

/** Applies safe fixes until none is left (at most 10 passes), then writes the file if it changed. */
function fixFile(project: Project, abs: string): number {
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const r = lintFile(project, abs);
    if (!r) break;
    const chosen = selectSafeFixes(r.findings);
    const edits = chosen.flatMap(f => f.edits);
    applied += chosen.length;
    if (edits.length === 0) break;
    const next = applyOffsetEdits(r.file.text, edits);
    fs.writeFileSync(abs, encodeText(next, r.file.encoding));
    project.touch();
  }
  return applied;
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

function sarif(results: { shown: string; r: LintResult }[]): unknown {
  const rules = allRules();
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'upkeep',
            rules: rules.map(r => ({ id: r.code, shortDescription: { text: r.title }, helpUri: ruleDocPath(r.code) })),
          },
        },
        results: results.flatMap(({ shown, r }) =>
          r.findings.map(f => {
            const j = toJson(shown, r, f);
            return {
              ruleId: f.code,
              level: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note',
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: shown },
                    region: { startLine: j.line, startColumn: j.column, endLine: j.endLine, endColumn: j.endColumn },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}

function runLint(argv: string[]): number {
  const args = parseArgs(argv, new Set(['fix', 'quiet']), new Set(['format', 'config', 'rule', 'allow', 'max-warnings']));
  const format = args.flags.get('format')?.[0] ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`--format must be text, json, sarif or github, not "${format}"`);
  const paths = args.positional.length ? args.positional : ['.'];
  const roots = paths.map(p => {
    const abs = nodePath.resolve(p);
    return nodeFileSystem.stat(abs) === 'dir' ? abs : nodePath.dirname(abs);
  });
  const project = new Project(nodeFileSystem, projectOptionsFrom(args, roots));
  const files = collectFiles(project, paths);
  let fixed = 0;
  if (args.flags.has('fix')) for (const f of files) fixed += fixFile(project, f.abs);
  const results: { shown: string; r: LintResult }[] = [];
  for (const f of files) {
    const r = lintFile(project, f.abs);
    if (r) results.push({ shown: f.shown, r });
  }
  const quiet = args.flags.has('quiet');
  const all = results.flatMap(({ shown, r }) =>
    r.findings.filter(f => !quiet || f.severity === 'error').map(f => ({ shown, r, f })),
  );
  const errors = all.filter(x => x.f.severity === 'error').length;
  const warnings = all.filter(x => x.f.severity === 'warning').length;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(all.map(x => toJson(x.shown, x.r, x.f)), null, 2) + '\n');
  } else if (format === 'sarif') {
    process.stdout.write(JSON.stringify(sarif(results), null, 2) + '\n');
  } else if (format === 'github') {
    for (const x of all) {
      const j = toJson(x.shown, x.r, x.f);
      const level = j.severity === 'error' ? 'error' : j.severity === 'warning' ? 'warning' : 'notice';
      const msg = `${j.message} [${j.code}]`.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
      process.stdout.write(`::${level} file=${j.file},line=${j.line},col=${j.column},endLine=${j.endLine},endColumn=${j.endColumn},title=${j.code}::${msg}\n`);
    }
  } else {
    for (const x of all.sort((a, b) => a.shown.localeCompare(b.shown) || a.f.start - b.f.start || SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity])) {
      const j = toJson(x.shown, x.r, x.f);
      process.stdout.write(`${j.file}:${j.line}:${j.column}: ${j.severity} ${j.code}: ${j.message}\n`);
    }
    const fixedNote = args.flags.has('fix') ? `, ${fixed} fix${fixed === 1 ? '' : 'es'} applied` : '';
    process.stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${fixedNote}\n`);
  }
  const maxWarnings = args.flags.get('max-warnings')?.[0];
  if (maxWarnings !== undefined) {
    const n = Number(maxWarnings);
    if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings takes a whole number');
    if (warnings > n) return 1;
  }
  return errors > 0 ? 1 : 0;
}

function runRules(): number {
  for (const r of allRules()) {
    process.stdout.write(`${r.code.padEnd(34)} ${r.defaultSeverity.padEnd(11)} ${r.fix === 'none' ? '   ' : 'fix'}  ${r.title}\n`);
  }
  return 0;
}

const USAGE = `usage: upkeep <command> [options]

commands:
  lint [paths...]       check files (directories are walked; files are recognised by name, path and content)
      --format text|json|sarif|github   output format (default text)
      --fix                             apply safe fixes in place
      --config FILE                     settings file (default ./.upkeep.json)
      --rule CODE=SEVERITY              override a rule's severity (error|warning|information|hint|off)
      --max-warnings N                  exit 1 when there are more than N warnings
      --quiet                           report errors only
  rules                 list every rule with its code, default severity and fix availability
${CLI_COMMANDS.map(c => c.usage).join('')}
exit codes: 0 no error, 1 errors found, 2 bad usage`;

export function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'lint') return runLint(rest);
    if (cmd === 'rules') return runRules();
    if (cmd === '--version' || cmd === '-v') {
      process.stdout.write(`${require('../../package.json').version}\n`);
      return 0;
    }
    const other = CLI_COMMANDS.find(c => c.name === cmd);
    if (other) return other.run(rest);
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stdout.write(USAGE + '\n');
      return cmd === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`upkeep: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`upkeep: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
