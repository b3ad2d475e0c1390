// `upkeep`: the command line face of the engine. Same rules as the language server.
//   upkeep lint [options] [paths...]      (cli/lint.ts)
//   upkeep rules | maintenance ... | plugin ...
// Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or settings file, 70 internal error.
import { allRules } from './engine/rules';
import { ConfigError, parseArgs, UsageError } from './cli/args';
export { parseArgs, projectOptionsFrom, UsageError } from './cli/args';
import { runLint } from './cli/lint';
import { PACKAGE } from './cli/package-info';
import { isLintWorker, runLintWorker } from './cli/workers';
import { CLI_COMMANDS } from './commands';
import './languages';

/** Exit codes (documented in README, "The command line"). */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;

function runRules(argv: string[]): number {
  const args = parseArgs(argv, new Set(['help']), new Set(), 'rules');
  if (args.flags.has('help')) {
    process.stdout.write(RULES_USAGE + '\n');
    return 0;
  }
  if (args.positional.length) throw new UsageError(`rules takes no arguments, got "${args.positional[0]}"`, 'rules');
  for (const r of allRules()) {
    const fix = r.fix === 'none' ? 'no fix' : r.fix === 'safe' ? 'safe fix' : 'unsafe fix';
    process.stdout.write(`${r.code.padEnd(34)} ${r.defaultSeverity.padEnd(11)} ${fix.padEnd(10)}  ${r.title}\n`);
  }
  return 0;
}

const RULES_USAGE = `usage: upkeep rules

Lists every rule: code, default severity, fix (safe: applied by --fix; unsafe: with --unsafe-fixes or
one by one in the editor; no fix) and what it reports.`;

const USAGE = `usage: upkeep <command> [options]

commands:
  lint [paths...]       check files (directories are walked; files are recognised by name, path and content)
                        (upkeep lint --help lists its options: --format, --fix, --diff, --config ...)
  rules                 list every rule with its code, default severity and fix (safe / unsafe / none)
${CLI_COMMANDS.map(c => c.usage).join('')}
  -h, --help            this help (upkeep COMMAND --help: the command's options)
  -V, --version         print the version

exit codes: 0 no error, 1 errors found, 2 bad usage or settings file, 70 internal error
(maintenance status: 3 when off)`;

/** `--help` or `-h` before a `--`: the command's help, whatever else is on the line. */
function wantsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

const io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === 'lint') return await runLint(rest, io);
    if (cmd === 'rules') return runRules(rest);
    if (cmd === '--version' || cmd === '-v' || cmd === '-V') {
      process.stdout.write(`${PACKAGE.version}\n`);
      return EXIT.ok;
    }
    const other = CLI_COMMANDS.find(c => c.name === cmd);
    if (other) {
      if (wantsHelp(rest)) {
        process.stdout.write(`usage:\n${other.usage}`);
        return EXIT.ok;
      }
      return await other.run(rest);
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      process.stdout.write(USAGE + '\n');
      return cmd === undefined ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(`unknown command "${cmd}" (commands: lint, rules, ${CLI_COMMANDS.map(c => c.name).join(', ')})`);
  } catch (e) {
    if (e instanceof UsageError) {
      const command = e.command ?? (CLI_COMMANDS.some(c => c.name === cmd) ? cmd : undefined);
      const help = command ? `upkeep ${command} --help` : 'upkeep --help';
      process.stderr.write(`upkeep: ${(e as Error).message}\n(${help} lists the options)\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      for (const line of e.lines) process.stderr.write(`upkeep: ${line}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`upkeep: internal error (please report it with the command line): ${(e as Error)?.stack ?? e}\n`);
    return EXIT.internal;
  }
}

if (isLintWorker()) runLintWorker();
else if (require.main === module) {
  void main(process.argv.slice(2)).then(code => (process.exitCode = code));
}
