// What the updater of an on-premise installation knows about phase scripts: the phases it runs, the
// modules it updates, the environment variables it sets, and how a script's file name encodes the
// phase and the module (PHASE_module.ps1). Facts from the vendor's update procedure (seed 002), in our
// own words. Pure data and pure functions.
import { suggest } from '../engine/rules';
import type { ProjectOptions } from '../engine/workspace';

/** Where the vendor documents phase scripts (French-language help centre). */
export const PHASE_DOCS_URL = 'https://aide.altazion.com/fr-fr/administration/onpremise/versions.html';

export type Tristate = 'yes' | 'no';

export interface PhaseInfo {
  name: string;
  /** When the updater runs it, in one sentence. */
  when: string;
  /** What a script typically does there. */
  useFor: string;
  /** A web module still answers requests (not stopped, no app_offline.htm). */
  siteRunning: Tristate;
  /** app_offline.htm is in the module's folder, so IIS answers with the maintenance page. */
  appOffline: Tristate;
  /** The previous version has been archived under E_BACKUP_PATH. */
  backupDone: Tristate;
  /** Which version's files are in E_MODULE_PATH. */
  files: 'old' | 'new';
  /**
   * Facts the vendor states outright; the others follow from the order of the steps (e.g. the site
   * is offline between STARTUPDATE and POSTINSTALL because the page says it is not yet offline at
   * the first one and still offline at the other).
   */
  stated: ('siteRunning' | 'appOffline' | 'backupDone' | 'files')[];
}

export const PHASES: readonly PhaseInfo[] = [
  {
    name: 'STARTUPDATE',
    when: 'first step, before the updater changes anything in the module',
    useFor: 'checks and notifications while the module still works normally',
    siteRunning: 'yes',
    appOffline: 'no',
    backupDone: 'no',
    files: 'old',
    stated: ['siteRunning', 'appOffline'],
  },
  {
    name: 'PREBACKUP',
    when: 'right before the current version is compressed into a backup',
    useFor: 'tidying the module folder (logs, temporary files) or adding files that should be part of the backup',
    siteRunning: 'no',
    appOffline: 'yes',
    backupDone: 'no',
    files: 'old',
    stated: ['backupDone'],
  },
  {
    name: 'POSTBACKUP',
    when: 'right after the backup of the current version has been written',
    useFor: 'copying the fresh backup elsewhere or checking it',
    siteRunning: 'no',
    appOffline: 'yes',
    backupDone: 'yes',
    files: 'old',
    stated: ['backupDone'],
  },
  {
    name: 'PREINSTALL',
    when: 'before the files of the new version are put in place',
    useFor: 'saving local files or settings the new version would overwrite',
    siteRunning: 'no',
    appOffline: 'yes',
    backupDone: 'yes',
    files: 'old',
    stated: ['files'],
  },
  {
    name: 'POSTINSTALL',
    when: 'after the new files are copied and set up, just before the module is switched back on',
    useFor: 'adapting the new version to this server (web.config entries, local settings) before users reach it',
    siteRunning: 'no',
    appOffline: 'yes',
    backupDone: 'yes',
    files: 'new',
    stated: ['appOffline', 'files'],
  },
  {
    name: 'ENDUPDATE',
    when: 'last step, once every update operation is over',
    useFor: 'warm-up requests, notifications, clean-up of what earlier phases left behind',
    siteRunning: 'yes',
    appOffline: 'no',
    backupDone: 'yes',
    files: 'new',
    stated: [],
  },
];

export const PHASE_NAMES: readonly string[] = PHASES.map(p => p.name);

export function phaseInfo(name: string): PhaseInfo | undefined {
  const upper = name.toUpperCase();
  return PHASES.find(p => p.name === upper);
}

export interface ModuleInfo {
  name: string;
  description: string;
  /** A web application served by IIS (app_offline.htm applies). */
  web: boolean;
}

export const DEFAULT_MODULES: readonly ModuleInfo[] = [
  { name: 'gestioncommerciale', description: 'the sales management (back-office) application', web: true },
  { name: 'ecommerce', description: 'the online shop', web: true },
  { name: 'phygitalapi', description: 'the in-store application (store and signage)', web: true },
  { name: 'integration', description: 'the general API (integration hub)', web: true },
];

export interface EnvVarInfo {
  name: string;
  holds: string;
}

/** The variables the updater sets for phase scripts; both values end with a backslash. */
export const ENV_VARS: readonly EnvVarInfo[] = [
  { name: 'E_MODULE_PATH', holds: 'the folder the module is installed in' },
  { name: 'E_BACKUP_PATH', holds: 'the folder where the updater stores its backups' },
];

export function envVarInfo(name: string): EnvVarInfo | undefined {
  const upper = name.toUpperCase();
  return ENV_VARS.find(v => v.name === upper);
}

/** Names the updater's own variables use; only these are checked (other variables are the script's business). */
export function isUpdaterVariableName(name: string): boolean {
  return /^E_/i.test(name);
}

export interface PhaseScriptSettings {
  folder: string;
  modules: string[];
  separator: string;
}

export const DEFAULT_SEPARATOR = '_';
export const DEFAULT_FOLDER = 'updates/scripts';

/** The effective settings, with defaults for anything unset or unusable. */
export function phaseSettings(options: ProjectOptions['phaseScripts'] | undefined): PhaseScriptSettings {
  const modules = (options?.modules ?? []).filter(m => typeof m === 'string' && m.trim() !== '').map(m => m.trim());
  const sep = options?.separator;
  return {
    folder: options?.folder?.trim() ? options.folder.trim() : DEFAULT_FOLDER,
    modules: modules.length ? modules : DEFAULT_MODULES.map(m => m.name),
    // A separator must be short and not something that belongs in a phase or module name.
    separator: typeof sep === 'string' && sep.length > 0 && sep.length <= 3 && !/[A-Za-z0-9\\/]/.test(sep) ? sep : DEFAULT_SEPARATOR,
  };
}

export function moduleInfo(name: string, settings: PhaseScriptSettings): ModuleInfo | undefined {
  const lower = name.toLowerCase();
  const configured = settings.modules.find(m => m.toLowerCase() === lower);
  if (!configured) return undefined;
  return DEFAULT_MODULES.find(m => m.name === configured.toLowerCase()) ?? { name: configured, description: 'a module named in your settings', web: false };
}

/**
 * Did-you-mean for short vocabularies: edit distance first, then names that contain the word or that
 * it contains ("phygital" -> "phygitalapi", "PREINSTALLATION" -> "PREINSTALL").
 */
export function closestNames(word: string, candidates: readonly string[], max = 3): string[] {
  if (!word) return [];
  const out = suggest(word, candidates, max);
  if (out.length) return out;
  const w = word.toLowerCase();
  if (w.length < 4) return [];
  const related = candidates.filter(c => {
    const l = c.toLowerCase();
    return l.length >= 4 && (l.includes(w) || w.includes(l));
  });
  related.sort((a, b) => Math.abs(a.length - word.length) - Math.abs(b.length - word.length) || a.localeCompare(b));
  if (related.length) return related.slice(0, max);
  return sameStem(word, candidates).slice(0, max);
}

/**
 * Names that differ only in their last word (`E_BACKUP_DIR` -> `E_BACKUP_PATH`): every word before it
 * is the same and one of them is a real word (three letters or more), so `E_X` does not match `E_Y`.
 */
function sameStem(word: string, candidates: readonly string[]): string[] {
  const words = word.toLowerCase().split(/[_\-.]/);
  if (words.length < 2) return [];
  const head = words.slice(0, -1);
  if (!head.some(w => w.length >= 3)) return [];
  return candidates.filter(c => {
    const cw = c.toLowerCase().split(/[_\-.]/);
    return cw.length === words.length && head.every((w, i) => cw[i] === w) && cw[cw.length - 1] !== words[words.length - 1];
  });
}

/** A part of a file name, with its offsets in the stem (the name without `.ps1`). */
export interface NamePart {
  text: string;
  start: number;
  end: number;
}

export interface ParsedPhaseName {
  /** File name without the folder. */
  base: string;
  /** Folder part of the path, with its trailing separator ('' when none). */
  dir: string;
  /** Name without the extension. */
  stem: string;
  /** The extension as written (`.ps1`, `.PS1`). */
  ext: string;
  phase: NamePart;
  /** null when the name holds no module part at all. */
  module: NamePart | null;
  /** The separator found between phase and module ('' when they are glued together), or null when there is no module part. */
  separator: string | null;
}

const OTHER_SEPARATORS = ['_', '-', '.', ' '];

/**
 * Splits a phase script's file name into phase, separator and module. The configured separator wins;
 * otherwise the first of `_ - . space`; otherwise a known phase glued to the module
 * (`PREINSTALLecommerce`). Never throws.
 */
export function parsePhaseName(path: string, separator: string): ParsedPhaseName {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const base = path.slice(cut + 1);
  const dir = path.slice(0, cut + 1);
  const dot = base.toLowerCase().endsWith('.ps1') ? base.length - 4 : base.length;
  const stem = base.slice(0, dot);
  const ext = base.slice(dot);
  const split = (at: number, sep: string): ParsedPhaseName => ({
    base,
    dir,
    stem,
    ext,
    phase: { text: stem.slice(0, at), start: 0, end: at },
    module: { text: stem.slice(at + sep.length), start: at + sep.length, end: stem.length },
    separator: sep,
  });
  const own = stem.indexOf(separator);
  if (own >= 0) return split(own, separator);
  let best = -1;
  let bestSep = '';
  for (const s of OTHER_SEPARATORS) {
    if (s === separator) continue;
    const i = stem.indexOf(s);
    if (i >= 0 && (best < 0 || i < best)) {
      best = i;
      bestSep = s;
    }
  }
  if (best >= 0) return split(best, bestSep);
  const upper = stem.toUpperCase();
  // Longest phase first, so that no phase name is taken for the prefix of a longer one.
  const glued = [...PHASE_NAMES].sort((a, b) => b.length - a.length).find(p => upper.startsWith(p) && upper.length > p.length);
  if (glued) return split(glued.length, '');
  return { base, dir, stem, ext, phase: { text: stem, start: 0, end: stem.length }, module: null, separator: null };
}

/** The file name for a phase and a module. */
export function phaseFileName(phase: string, module: string, separator = DEFAULT_SEPARATOR, ext = '.ps1'): string {
  return `${phase}${separator}${module}${ext}`;
}
