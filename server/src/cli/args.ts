// Argument parsing and settings loading shared by every CLI command.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { SEVERITIES, type RuleConfig, type SeveritySetting } from '../engine/rules';
import type { ProjectOptions } from '../engine/workspace';

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

/** Parses `--name value`, `--name=value` and boolean `--name`; `booleans` lists flags without values. */
export function parseArgs(argv: string[], booleans: Set<string>, valued: Set<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (booleans.has(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      add(name, 'true');
    } else if (valued.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      add(name, v);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positional, flags };
}

export function loadConfig(file: string | undefined, cwd: string): RuleConfig & Record<string, unknown> {
  const p = file ?? nodePath.join(cwd, '.upkeep.json');
  if (!fs.existsSync(p)) {
    if (file) throw new UsageError(`config file not found: ${file}`);
    return {};
  }
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${p}: ${(e as Error).message}`);
  }
}

export function projectOptionsFrom(args: ParsedArgs, roots: string[]): ProjectOptions {
  const cfg = loadConfig(args.flags.get('config')?.[0], process.cwd());
  const rules: Record<string, SeveritySetting> = { ...(cfg.rules ?? {}) };
  for (const r of args.flags.get('rule') ?? []) {
    const m = /^([\w/\-]+)=(\w+)$/.exec(r);
    if (!m || !([...SEVERITIES, 'off'] as string[]).includes(m[2])) throw new UsageError(`--rule expects CODE=error|warning|information|hint|off, got "${r}"`);
    rules[m[1]] = m[2] as SeveritySetting;
  }
  const maint = (cfg.maintenance ?? {}) as { allow?: string[]; status?: 503 | 500; page?: string };
  const httpd = (cfg.httpd ?? {}) as { version?: '2.2' | '2.4'; files?: unknown };
  const phase = (cfg.phaseScripts ?? {}) as { folder?: string; modules?: string[]; separator?: string };
  if (httpd.version !== undefined && httpd.version !== '2.2' && httpd.version !== '2.4') throw new UsageError('httpd.version in the settings file must be "2.2" or "2.4"');
  return {
    config: { rules },
    roots,
    maintenanceHosts: [...(maint.allow ?? []), ...(args.flags.get('allow') ?? [])],
    maintenance: { status: maint.status === 500 ? 500 : maint.status === 503 ? 503 : undefined, page: maint.page },
    httpdVersion: httpd.version,
    httpdFiles: Array.isArray(httpd.files) ? httpd.files.filter((g): g is string => typeof g === 'string') : undefined,
    phaseScripts: phase,
  };
}

