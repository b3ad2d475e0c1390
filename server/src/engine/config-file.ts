// `.upkeep.json`: the one settings file the CLI and the language server share. Found by walking up
// from each checked file (the nearest wins, no merging), validated strictly (unknown keys, unknown rule
// codes, severities other than the five words are errors with a did-you-mean), and turned into
// ProjectOptions. Pure: reads through the engine's FileSystem, knows nothing of editors or the CLI.
import * as nodePath from 'node:path';
import { globToRegExp } from './glob';
import { allRules, defineRule, makeFinding, SEVERITIES, suggest, type Finding, type SeveritySetting } from './rules';
import type { FileSystem, ProjectOptions } from './workspace';

export const CONFIG_FILE_NAME = '.upkeep.json';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = [...SEVERITIES, 'off'];

/** A problem of a settings file, shown on the file itself (the editor; the CLI stops with exit 2 instead). */
export const configInvalidRule = defineRule({
  code: 'config/invalid',
  language: 'file',
  title: 'A .upkeep.json setting is invalid and ignored (bad JSON, unknown key or rule code, bad value)',
  defaultSeverity: 'error',
  fix: 'none',
});

/** Is this path a settings file (by name)? */
export function isConfigFilePath(path: string): boolean {
  return nodePath.basename(path) === CONFIG_FILE_NAME;
}

/** The validated content of a settings file. Every field is optional: absent means "the default". */
export interface UpkeepFileConfig {
  rules?: Record<string, SeveritySetting>;
  maintenance?: { allow?: string[]; status?: 503 | 500; page?: string };
  httpd?: { version?: '2.2' | '2.4'; files?: string[] };
  phaseScripts?: { folder?: string; modules?: string[]; separator?: string };
  /** Globs of files and folders not to check, relative to the settings file's folder. */
  ignores?: string[];
}

export interface ConfigProblem {
  /** Where in the file: `rules["httpd/foo"]`, `maintenance.status` ... ('' for the whole file). */
  where: string;
  message: string;
  /** Offset of the offending key or value in the text (0 when unknown). */
  offset: number;
}

export interface LoadedConfig {
  /** Absolute path of the settings file. */
  path: string;
  /** Folder the file's relative globs (`ignores`, `httpd.files`) are read from. */
  dir: string;
  config: UpkeepFileConfig;
  problems: ConfigProblem[];
}

const TOP_KEYS = ['$schema', 'rules', 'maintenance', 'httpd', 'phaseScripts', 'ignores'];
const SECTION_KEYS: Record<string, string[]> = {
  maintenance: ['allow', 'status', 'page'],
  httpd: ['version', 'files'],
  phaseScripts: ['folder', 'modules', 'separator'],
};

/** Is `code` a rule code, or a prefix ending in `/` that names at least one rule? */
export function isKnownRuleKey(code: string): boolean {
  const rules = allRules();
  if (code.endsWith('/')) return rules.some(r => r.code.startsWith(code));
  return rules.some(r => r.code === code);
}

/** One line explaining why `code` is not a rule code, with the closest codes. */
export function unknownRuleMessage(code: string): string {
  const codes = allRules().map(r => r.code);
  const prefixes = [...new Set(codes.map(c => c.slice(0, c.indexOf('/') + 1)))];
  const near = suggest(code, code.endsWith('/') ? prefixes : codes, 2);
  const hint = near.length ? ` (did you mean ${near.join(' or ')}?)` : code.includes('/') ? '' : ' (codes look like httpd/unknown-directive; `upkeep rules` lists them)';
  return `"${code}" is not a rule code${hint}`;
}

/** One line explaining why a severity is not accepted. */
export function badSeverityMessage(value: unknown): string {
  const near = typeof value === 'string' ? suggest(value, SEVERITY_SETTINGS, 1) : [];
  const alias: Record<string, string> = { warn: 'warning', info: 'information', none: 'off', ignore: 'off', note: 'information' };
  const hint = typeof value === 'string' && alias[value.toLowerCase()] ? ` (did you mean "${alias[value.toLowerCase()]}"?)` : near.length ? ` (did you mean "${near[0]}"?)` : '';
  return `${JSON.stringify(value)} is not a severity: use error, warning, information, hint or off${hint}`;
}

/** Finds the offset of `"key"` after `from` (good enough to place a diagnostic on the key). */
function keyOffset(text: string, key: string, from = 0): number {
  const i = text.indexOf(JSON.stringify(key), from);
  return i < 0 ? from : i;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the text of a settings file. Problems are errors: the caller decides how to report them. */
export function parseConfigText(text: string): { config: UpkeepFileConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: UpkeepFileConfig = {};
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    return { config, problems: [{ where: '', message: `not valid JSON: ${(e as Error).message}`, offset: m ? Number(m[1]) : 0 }] };
  }
  if (!isObject(raw)) return { config, problems: [{ where: '', message: 'must be a JSON object such as {"rules": {}}', offset: 0 }] };
  const add = (where: string, message: string, offset: number) => problems.push({ where, message, offset });
  const stringList = (v: unknown, where: string, at: number): string[] | undefined => {
    if (Array.isArray(v) && v.every(x => typeof x === 'string')) return v.map(x => x.trim()).filter(Boolean);
    add(where, 'must be a list of strings', at);
    return undefined;
  };
  for (const [key, value] of Object.entries(raw)) {
    const at = keyOffset(text, key);
    if (!TOP_KEYS.includes(key)) {
      const near = suggest(key, TOP_KEYS.filter(k => k !== '$schema'), 1);
      add(key, `unknown setting "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; known: ${TOP_KEYS.filter(k => k !== '$schema').join(', ')}`, at);
      continue;
    }
    if (key === '$schema') continue;
    if (key === 'ignores') {
      const list = stringList(value, 'ignores', at);
      if (list) config.ignores = list;
      continue;
    }
    if (!isObject(value)) {
      add(key, `must be an object`, at);
      continue;
    }
    if (key === 'rules') {
      const rules: Record<string, SeveritySetting> = {};
      for (const [code, sev] of Object.entries(value)) {
        const w = `rules[${JSON.stringify(code)}]`;
        const cat = keyOffset(text, code, at);
        if (!isKnownRuleKey(code)) add(w, unknownRuleMessage(code), cat);
        else if (typeof sev !== 'string' || !SEVERITY_SETTINGS.includes(sev as SeveritySetting)) add(w, badSeverityMessage(sev), cat);
        else rules[code] = sev as SeveritySetting;
      }
      config.rules = rules;
      continue;
    }
    for (const sub of Object.keys(value)) {
      if (!SECTION_KEYS[key].includes(sub)) {
        const near = suggest(sub, SECTION_KEYS[key], 1);
        add(`${key}.${sub}`, `unknown setting "${sub}"${near.length ? ` (did you mean "${near[0]}"?)` : ''}; known: ${SECTION_KEYS[key].join(', ')}`, keyOffset(text, sub, at));
      }
    }
    const sat = (sub: string) => keyOffset(text, sub, at);
    if (key === 'maintenance') {
      const m: NonNullable<UpkeepFileConfig['maintenance']> = {};
      if ('allow' in value) m.allow = stringList(value.allow, 'maintenance.allow', sat('allow'));
      if ('status' in value) {
        if (value.status === 503 || value.status === 500) m.status = value.status;
        else add('maintenance.status', `must be 503 or 500, not ${JSON.stringify(value.status)}`, sat('status'));
      }
      if ('page' in value) {
        if (typeof value.page === 'string' && /^\/[^\s"']*$/.test(value.page)) m.page = value.page;
        else add('maintenance.page', `must be a URL path such as "/maintenance.html", not ${JSON.stringify(value.page)}`, sat('page'));
      }
      config.maintenance = m;
    } else if (key === 'httpd') {
      const h: NonNullable<UpkeepFileConfig['httpd']> = {};
      if ('version' in value) {
        if (value.version === '2.2' || value.version === '2.4') h.version = value.version;
        else add('httpd.version', `must be "2.2" or "2.4", not ${JSON.stringify(value.version)}`, sat('version'));
      }
      if ('files' in value) h.files = stringList(value.files, 'httpd.files', sat('files'));
      config.httpd = h;
    } else if (key === 'phaseScripts') {
      const p: NonNullable<UpkeepFileConfig['phaseScripts']> = {};
      if ('folder' in value) {
        if (typeof value.folder === 'string' && value.folder.trim()) p.folder = value.folder.trim();
        else add('phaseScripts.folder', 'must be a folder path such as "updates/scripts"', sat('folder'));
      }
      if ('modules' in value) p.modules = stringList(value.modules, 'phaseScripts.modules', sat('modules'));
      if ('separator' in value) {
        if (typeof value.separator === 'string' && value.separator.length === 1) p.separator = value.separator;
        else add('phaseScripts.separator', `must be one character such as "_" or "-", not ${JSON.stringify(value.separator)}`, sat('separator'));
      }
      config.phaseScripts = p;
    }
  }
  return { config, problems };
}

/**
 * The span a problem at `offset` covers: the key (a JSON string) and, when its value is a string, a
 * number or a literal, the value too (`"httpd/x": "loud"`); for anything else one character (or none
 * at the end of the text).
 */
export function problemSpan(text: string, offset: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(offset, text.length));
  const stringEnd = (at: number): number => {
    let i = at + 1;
    while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    return Math.min(text.length, i + 1);
  };
  if (text[start] !== '"') return { start, end: Math.min(text.length, start + 1) };
  const keyEnd = stringEnd(start);
  let i = keyEnd;
  while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
  if (text[i] !== ':') return { start, end: keyEnd };
  i++;
  while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
  if (text[i] === '"') return { start, end: stringEnd(i) };
  const literal = /^(-?[0-9][0-9.eE+-]*|true|false|null)/.exec(text.slice(i, i + 40));
  return { start, end: literal ? i + literal[0].length : keyEnd };
}

/**
 * The problems of a settings file's text as `config/invalid` findings, placed on the offending key and
 * value: what the editor shows in `.upkeep.json` itself (editors without the JSON schema included). The
 * messages are the CLI's.
 */
export function configFindings(text: string): Finding[] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return parseConfigText(text).problems.map(p => {
    // JSON.parse positions count from after a byte order mark; key offsets are in the text as given.
    const { start, end } = problemSpan(text, p.where === '' && p.offset > 0 ? p.offset + bom : p.offset);
    return makeFinding(configInvalidRule, start, end, p.where ? `${p.where}: ${p.message}` : p.message);
  });
}

/** Reads and validates one settings file; undefined when it cannot be read. */
export function loadConfigFile(fs: FileSystem, path: string): LoadedConfig | undefined {
  const abs = nodePath.resolve(path);
  const t = fs.readText(abs);
  if (!t) return undefined;
  return { path: abs, dir: nodePath.dirname(abs), ...parseConfigText(t.text) };
}

/**
 * The settings file that applies to a file or folder: the nearest `.upkeep.json` in its folder or
 * any folder above. `cache` (folder -> settings file path or null) saves repeated walks.
 */
export function findConfigFile(fs: FileSystem, fileOrDir: string, isDir = false, cache?: Map<string, string | null>): string | undefined {
  let dir = isDir ? nodePath.resolve(fileOrDir) : nodePath.dirname(nodePath.resolve(fileOrDir));
  const visited: string[] = [];
  let found: string | null = null;
  for (;;) {
    const hit = cache?.get(dir);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    visited.push(dir);
    const candidate = nodePath.join(dir, CONFIG_FILE_NAME);
    if (fs.stat(candidate) === 'file') {
      found = candidate;
      break;
    }
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const v of visited) cache?.set(v, found);
  return found ?? undefined;
}

/**
 * Does a path (relative to the folder the globs belong to, `/`-separated) match one of the ignore
 * globs? A glob matching a folder ignores everything below it. `x` matches at any depth, `/x` or `./x`
 * only at the top, `x/` is the folder x and its content.
 */
export function isIgnored(relPath: string, globs: readonly string[] | undefined): boolean {
  if (!globs?.length || relPath === '' || relPath === '..' || relPath.startsWith('../')) return false;
  const parts = relPath.replace(/\\/g, '/').split('/');
  const prefixes = parts.map((_, i) => '/' + parts.slice(0, i + 1).join('/'));
  for (const raw of globs) {
    let g = raw.replace(/\\/g, '/');
    if (g.startsWith('./')) g = g.slice(1);
    if (g.endsWith('/')) g = g.slice(0, -1);
    if (!g) continue;
    const re = globToRegExp(g);
    if (prefixes.some(p => re.test(p))) return true;
  }
  return false;
}

/** ProjectOptions from a settings file (plus the roots, which come from the caller). */
export function optionsFromConfig(config: UpkeepFileConfig, roots: string[]): ProjectOptions {
  return {
    config: { rules: { ...(config.rules ?? {}) } },
    roots,
    maintenanceHosts: [...(config.maintenance?.allow ?? [])],
    maintenance: { status: config.maintenance?.status, page: config.maintenance?.page },
    httpdVersion: config.httpd?.version,
    httpdFiles: config.httpd?.files ? [...config.httpd.files] : undefined,
    phaseScripts: { ...(config.phaseScripts ?? {}) },
  };
}

/** "path/.upkeep.json: where: message" lines, for the CLI and logs. */
export function formatConfigProblems(shownPath: string, problems: readonly ConfigProblem[]): string[] {
  return problems.map(p => `${shownPath}: ${p.where ? `${p.where}: ` : ''}${p.message}`);
}

/**
 * The JSON schema of `.upkeep.json` (VS Code validates and completes the file with it through the
 * manifest's jsonValidation). Generated from the rule registry by `npm run docs:rules`; a test checks
 * that schemas/upkeep.schema.json is up to date.
 */
export function configJsonSchema(): unknown {
  const codes = allRules().map(r => r.code);
  const prefixes = [...new Set(codes.map(c => c.slice(0, c.indexOf('/') + 1)))].sort();
  const severity = { type: 'string', enum: [...SEVERITY_SETTINGS], description: 'error, warning, information, hint, or off (the rule does not run).' };
  const strings = (description: string) => ({ type: 'array', items: { type: 'string' }, description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/upkeep-tools/upkeep/blob/main/schemas/upkeep.schema.json',
    title: 'Upkeep settings (.upkeep.json)',
    description: 'Settings of the Upkeep linter and language server. The nearest .upkeep.json above a file applies to it; VS Code settings override it in the editor.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Severity per rule code, or per language with a prefix ending in "/" ("httpd/"); an exact code wins over a prefix.',
        propertyNames: { enum: [...prefixes, ...codes] },
        additionalProperties: severity,
      },
      maintenance: {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: strings('Addresses or CIDR ranges that keep access during maintenance (WebSphere servers of plugin-cfg.xml are added).'),
          status: { enum: [503, 500], description: 'Status of the maintenance block: 503, or 500 for HCL Connections desktop plug-ins.' },
          page: { type: 'string', pattern: '^/[^\\s"\']*$', description: 'URL path of the maintenance page, e.g. /maintenance.html.' },
        },
      },
      httpd: {
        type: 'object',
        additionalProperties: false,
        properties: {
          version: { enum: ['2.2', '2.4'], description: 'Apache version targeted: 2.2 (IHS 8.5) or 2.4 (IHS 9, current Apache). Detected when unset.' },
          files: strings('Globs of files to treat as httpd configuration whatever their name.'),
        },
      },
      phaseScripts: {
        type: 'object',
        additionalProperties: false,
        properties: {
          folder: { type: 'string', description: 'Folder (path suffix) of the update phase scripts.' },
          modules: strings('Modules the updater updates (the module part of PHASE_module.ps1).'),
          separator: { type: 'string', minLength: 1, maxLength: 1, description: 'Character between phase and module (_ or -).' },
        },
      },
      ignores: strings('Globs of files and folders not to check, relative to this file\'s folder ("legacy/", "*.bak.conf").'),
    },
  };
}
