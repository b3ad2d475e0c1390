// The `upkeep.*` editor settings, read defensively (a user's settings.json can hold anything), and
// how they map onto the engine's ProjectOptions.
import type { UpkeepFileConfig } from '../engine/config-file';
import type { SeveritySetting } from '../engine/rules';
import type { ProjectOptions } from '../engine/workspace';

export interface UpkeepSettings {
  /** Severity overrides by rule code or code prefix ending in `/` (`upkeep.rules`). */
  rules: Record<string, SeveritySetting>;
  maintenance: { allow: string[]; status: 503 | 500; page: string; verify: string };
  httpdVersion?: '2.2' | '2.4';
  /** Globs of files to treat as httpd configuration (`upkeep.httpd.files`). */
  httpdFiles: string[];
  phaseScripts: { folder?: string; modules?: string[]; separator?: string };
  /** `upkeep.diagnostics.delay`: ms between a change and its diagnostics; null: adaptive (lsp/debounce.ts). */
  diagnostics: { delay: number | null };
}

export const DEFAULT_SETTINGS: UpkeepSettings = {
  rules: {},
  maintenance: { allow: [], status: 503, page: '/maintenance.html', verify: '' },
  httpdFiles: [],
  phaseScripts: {},
  diagnostics: { delay: null },
};

/** The longest `upkeep.diagnostics.delay` taken as given (ms); larger values are clamped to it. */
export const MAX_DIAGNOSTICS_DELAY_MS = 10_000;

const SEVERITY_WORDS: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
  none: 'off',
};

/**
 * Reads the `upkeep` settings section. Unknown keys and invalid values are dropped and reported in
 * `problems` (the server logs them) instead of failing.
 */
export function parseSettings(raw: unknown): { settings: UpkeepSettings; problems: string[] } {
  const problems: string[] = [];
  const rules: Record<string, SeveritySetting> = {};
  const section = isObject(raw) ? raw : {};
  const rawRules = section.rules;
  if (rawRules !== undefined && rawRules !== null && !isObject(rawRules)) {
    problems.push('upkeep.rules must be an object of "code": "severity" pairs; ignored.');
  } else if (rawRules) {
    for (const [code, value] of Object.entries(rawRules)) {
      const sev = typeof value === 'string' ? SEVERITY_WORDS[value.trim().toLowerCase()] : undefined;
      if (!sev) {
        problems.push(`upkeep.rules["${code}"]: "${String(value)}" is not one of error, warning, information, hint, off; ignored.`);
        continue;
      }
      rules[code.trim()] = sev;
    }
  }
  const maintenance = { ...DEFAULT_SETTINGS.maintenance, allow: [] as string[] };
  const m = isObject(section.maintenance) ? section.maintenance : {};
  if (m.allow !== undefined) {
    if (Array.isArray(m.allow)) maintenance.allow = m.allow.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map(x => x.trim());
    else problems.push('upkeep.maintenance.allow must be a list of addresses or CIDR ranges; ignored.');
  }
  if (m.status !== undefined) {
    if (m.status === 503 || m.status === 500) maintenance.status = m.status;
    else problems.push(`upkeep.maintenance.status must be 503 or 500, not ${JSON.stringify(m.status)}; using 503.`);
  }
  if (m.page !== undefined) {
    if (typeof m.page === 'string' && /^\/[^\s"']*$/.test(m.page)) maintenance.page = m.page;
    else problems.push('upkeep.maintenance.page must be a URL path such as /maintenance.html; ignored.');
  }
  if (m.verify !== undefined && m.verify !== null) {
    if (typeof m.verify === 'string') maintenance.verify = m.verify.trim();
    else problems.push('upkeep.maintenance.verify must be a command line such as "apachectl -t"; ignored.');
  }
  const h = isObject(section.httpd) ? section.httpd : {};
  let httpdVersion: '2.2' | '2.4' | undefined;
  if (h.version === '2.2' || h.version === '2.4') httpdVersion = h.version;
  else if (h.version !== undefined && h.version !== null) problems.push('upkeep.httpd.version must be "2.2" or "2.4"; detecting it instead.');
  let httpdFiles: string[] = [];
  if (Array.isArray(h.files)) httpdFiles = h.files.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map(g => g.trim());
  else if (h.files !== undefined && h.files !== null) problems.push('upkeep.httpd.files must be a list of glob patterns; ignored.');
  const ps = isObject(section.phaseScripts) ? section.phaseScripts : {};
  const phaseScripts: UpkeepSettings['phaseScripts'] = {};
  if (typeof ps.folder === 'string' && ps.folder.trim()) phaseScripts.folder = ps.folder.trim();
  if (Array.isArray(ps.modules)) phaseScripts.modules = ps.modules.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  if (typeof ps.separator === 'string' && ps.separator.length === 1) phaseScripts.separator = ps.separator;
  const diag = isObject(section.diagnostics) ? section.diagnostics : {};
  let delay: number | null = null;
  if (typeof diag.delay === 'number' && Number.isFinite(diag.delay) && diag.delay >= 0) {
    delay = Math.min(MAX_DIAGNOSTICS_DELAY_MS, Math.round(diag.delay));
    if (diag.delay > MAX_DIAGNOSTICS_DELAY_MS) problems.push(`upkeep.diagnostics.delay is at most ${MAX_DIAGNOSTICS_DELAY_MS} ms; using ${MAX_DIAGNOSTICS_DELAY_MS}.`);
  } else if (diag.delay !== undefined && diag.delay !== null) {
    problems.push(`upkeep.diagnostics.delay must be a number of milliseconds (0 or more) or null, not ${JSON.stringify(diag.delay)}; using the adaptive delay.`);
  }
  return { settings: { rules, maintenance, httpdVersion, httpdFiles, phaseScripts, diagnostics: { delay } }, problems };
}

/** Keys of the `upkeep` section: a payload holding one of them is the section itself. */
const SECTION_KEYS = ['rules', 'maintenance', 'httpd', 'phaseScripts', 'diagnostics'];
/**
 * A settings file (`.upkeep.json`) under the editor settings: the file gives the base, and every editor
 * setting that differs from its default overrides it (rule severities code by code). lsp/scopes.ts
 * picks the file and the editor settings of each document.
 */
export function mergeFileConfig(file: UpkeepFileConfig, editor: UpkeepSettings): UpkeepSettings {
  const d = DEFAULT_SETTINGS;
  const m = file.maintenance ?? {};
  return {
    rules: { ...(file.rules ?? {}), ...editor.rules },
    maintenance: {
      allow: editor.maintenance.allow.length ? editor.maintenance.allow : [...(m.allow ?? [])],
      status: editor.maintenance.status !== d.maintenance.status ? editor.maintenance.status : m.status ?? d.maintenance.status,
      page: editor.maintenance.page !== d.maintenance.page ? editor.maintenance.page : m.page ?? d.maintenance.page,
      // The check command runs programs: it comes from the editor's (trusted) settings only, never from a file.
      verify: editor.maintenance.verify,
    },
    httpdVersion: editor.httpdVersion ?? file.httpd?.version,
    httpdFiles: editor.httpdFiles.length ? editor.httpdFiles : [...(file.httpd?.files ?? [])],
    phaseScripts: { ...(file.phaseScripts ?? {}), ...editor.phaseScripts },
    diagnostics: editor.diagnostics,
  };
}

/** The settings section from a didChangeConfiguration payload or initializationOptions. */
export function settingsSectionOf(payload: unknown): unknown {
  if (!isObject(payload)) return undefined;
  // `{ upkeep: { rules } }` (the usual shape) or a bare `{ rules, diagnostics, ... }`.
  if (isObject(payload.upkeep)) return payload.upkeep;
  if (SECTION_KEYS.some(k => k in payload)) return payload;
  return undefined;
}

export function applySettings(options: ProjectOptions, settings: UpkeepSettings): ProjectOptions & { maintenanceVerify?: string } {
  return {
    ...options,
    ...(settings.maintenance.verify ? { maintenanceVerify: settings.maintenance.verify } : {}),
    config: { ...options.config, rules: { ...settings.rules } },
    maintenanceHosts: [...settings.maintenance.allow],
    maintenance: { status: settings.maintenance.status, page: settings.maintenance.page },
    httpdVersion: settings.httpdVersion,
    httpdFiles: [...settings.httpdFiles],
    phaseScripts: { ...settings.phaseScripts },
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
