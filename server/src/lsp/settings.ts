// The `upkeep.*` editor settings, read defensively (a user's settings.json can hold anything), and
// how they map onto the engine's ProjectOptions.
import type { SeveritySetting } from '../engine/rules';
import type { ProjectOptions } from '../engine/workspace';

export interface UpkeepSettings {
  /** Severity overrides by rule code or code prefix ending in `/` (`upkeep.rules`). */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: UpkeepSettings = { rules: {} };

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
  return { settings: { rules }, problems };
}

/** The settings section from a didChangeConfiguration payload or initializationOptions. */
export function settingsSectionOf(payload: unknown): unknown {
  if (!isObject(payload)) return undefined;
  // `{ upkeep: { rules } }` (the usual shape) or a bare `{ rules }`.
  if (isObject(payload.upkeep)) return payload.upkeep;
  if ('rules' in payload) return payload;
  return undefined;
}

export function applySettings(options: ProjectOptions, settings: UpkeepSettings): ProjectOptions {
  return { ...options, config: { ...options.config, rules: { ...settings.rules } } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
