// Argument parsing (node:util parseArgs, strict) and settings loading shared by the CLI commands.
// Usage errors are one line with a hint; the caller prints them and exits 2.
import * as nodePath from 'node:path';
import { parseArgs as utilParseArgs } from 'node:util';
import {
  badSeverityMessage,
  findConfigFile,
  formatConfigProblems,
  isKnownRuleKey,
  loadConfigFile,
  optionsFromConfig,
  SEVERITY_SETTINGS,
  unknownRuleMessage,
  type LoadedConfig,
} from '../engine/config-file';
import { suggest, type SeveritySetting } from '../engine/rules';
import { nodeFileSystem, type ProjectOptions } from '../engine/workspace';

export class UsageError extends Error {
  /** The command whose `--help` the hint points to (`lint`), or undefined for the top level. */
  command?: string;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A settings file that does not validate: every problem is printed, exit 2. */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/**
 * Parses argv strictly with node:util parseArgs. Every option may repeat (the last value wins where one
 * is expected); `--` ends options. Errors become one-line UsageErrors naming the closest option.
 */
export function parseCommandArgs(argv: string[], options: Record<string, OptionSpec>, command?: string): ParsedArgs {
  const spec: Record<string, { type: 'string' | 'boolean'; short?: string; multiple: true }> = {};
  for (const [name, o] of Object.entries(options)) spec[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), multiple: true };
  let parsed: ReturnType<typeof utilParseArgs>;
  try {
    parsed = utilParseArgs({ args: argv, options: spec, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as Error & { code?: string }, options, argv), command);
  }
  const flags = new Map<string, string[]>();
  for (const [k, v] of Object.entries(parsed.values)) {
    if (v === undefined) continue;
    flags.set(k, (Array.isArray(v) ? v : [v]).map(x => (typeof x === 'boolean' ? 'true' : x)));
  }
  return { positional: parsed.positionals, flags };
}

function usageMessage(e: Error & { code?: string }, options: Record<string, OptionSpec>, argv: string[]): string {
  const msg = e.message;
  const opt = /'(-[^' ]+)/.exec(msg)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = opt.replace(/^-+/, '').replace(/=.*$/, '');
    const near = suggest(name, Object.keys(options), 1);
    const shown = opt.startsWith('--') ? `--${name}` : opt;
    return `unknown option ${shown}${near.length ? ` (did you mean --${near[0]}?)` : ''}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(msg)?.[1] ?? opt;
    if (/does not take an argument/.test(msg)) return `--${name} takes no value`;
    const given = argv[argv.findIndex(a => a === `--${name}` || a === `-${options[name]?.short}`) + 1];
    if (given !== undefined && given.startsWith('-')) return `--${name} needs a value (got the option ${given}; write --${name}=${given} if that is the value)`;
    return `--${name} needs a value`;
  }
  return msg.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
}

export function lastFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

/**
 * The older interface used by `upkeep maintenance`: `booleans` are flags without values, `valued` take
 * one (`--name value` or `--name=value`).
 */
export function parseArgs(argv: string[], booleans: Set<string>, valued: Set<string>, command?: string): ParsedArgs {
  const options: Record<string, OptionSpec> = {};
  for (const b of booleans) options[b] = { type: 'boolean' };
  for (const v of valued) options[v] = { type: 'string' };
  return parseCommandArgs(argv, options, command);
}

/** Parses `--rule CODE=SEVERITY` values; unknown codes and severities are usage errors. */
export function ruleOverrides(values: readonly string[], command = 'lint'): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const r of values) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(r);
    if (!m) throw new UsageError(`--rule expects CODE=error|warning|information|hint|off, got "${r}"`, command);
    if (!isKnownRuleKey(m[1])) throw new UsageError(`--rule ${r}: ${unknownRuleMessage(m[1])}`, command);
    if (!SEVERITY_SETTINGS.includes(m[2] as SeveritySetting)) throw new UsageError(`--rule ${r}: ${badSeverityMessage(m[2])}`, command);
    rules[m[1]] = m[2] as SeveritySetting;
  }
  return rules;
}

/** Where messages show a path: relative to the current folder when below it, else absolute. */
export function shownPath(abs: string): string {
  const rel = nodePath.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel) ? rel.split(nodePath.sep).join('/') : abs;
}

/** Loads and validates a settings file; a file with problems is a ConfigError listing all of them. */
export function loadValidConfig(path: string, explicit: boolean): LoadedConfig {
  const loaded = loadConfigFile(nodeFileSystem, path);
  if (!loaded) {
    if (explicit) throw new UsageError(`settings file not found: ${path}`);
    throw new ConfigError([`${shownPath(path)}: cannot be read`]);
  }
  if (loaded.problems.length) throw new ConfigError(formatConfigProblems(shownPath(loaded.path), loaded.problems));
  return loaded;
}

/**
 * ProjectOptions for a command working on files under `roots`: the `--config` file, else the nearest
 * `.upkeep.json` above the first root (or the current folder), plus `--allow` from the command line.
 */
export function projectOptionsFrom(args: ParsedArgs, roots: string[]): ProjectOptions {
  const explicit = lastFlag(args, 'config');
  const path = explicit ?? findConfigFile(nodeFileSystem, roots[0] ?? process.cwd(), true);
  const loaded = path ? loadValidConfig(path, explicit !== undefined) : undefined;
  const options = optionsFromConfig(loaded?.config ?? {}, roots);
  options.config = { rules: { ...options.config?.rules, ...ruleOverrides(args.flags.get('rule') ?? []) } };
  options.maintenanceHosts = [...(options.maintenanceHosts ?? []), ...(args.flags.get('allow') ?? [])];
  return options;
}
