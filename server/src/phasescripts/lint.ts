// Runs the phase-script rules over one file: its name (phase, separator, module) and the updater's
import { isRuleOff } from '../engine/rules';
// environment variables it reads.
import type { Finding, Fix, RuleMeta } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import { closestNames, moduleInfo, parsePhaseName, PHASE_NAMES, phaseInfo, phaseSettings, type NamePart, type ParsedPhaseName, type PhaseScriptSettings } from './model';
import type { PhaseScriptTree } from './scanner';
import { PHASE_RULES } from './rules';


/**
 * Findings kept per file. A generated file can hold a mistake on every line; beyond this many the
 * editor is no help anyway, and the engine spreads the list into a call (argument count limit).
 */
export const MAX_FINDINGS = 5000;

export interface PhaseLintContext {
  project: Project;
  file: SourceFile<PhaseScriptTree>;
  tree: PhaseScriptTree;
  settings: PhaseScriptSettings;
  name: ParsedPhaseName;
  report(f: Finding): void;
}

export interface PhaseRule {
  meta: RuleMeta;
  check(ctx: PhaseLintContext): void;
}

export function lintPhaseScript(project: Project, file: SourceFile<PhaseScriptTree>): Finding[] {
  const findings: Finding[] = [];
  const settings = phaseSettings(project.options.phaseScripts);
  const tree = file.tree ?? { envRefs: [] };
  const ctx: PhaseLintContext = {
    project,
    file,
    tree,
    settings,
    name: parsePhaseName(file.path, settings.separator),
    report: f => {
      if (findings.length < MAX_FINDINGS) findings.push(f);
    },
  };
  for (const rule of PHASE_RULES) if (!isRuleOff(rule.meta, project.options.config)) rule.check(ctx);
  return findings;
}

/**
 * The one correction of a name part when it is unambiguous: a known part stays, an unknown one with
 * exactly one close candidate becomes that candidate, anything else stays as written.
 */
export function correctedPart(ctx: PhaseLintContext, which: 'phase' | 'module'): string | null {
  const { name, settings } = ctx;
  if (which === 'phase') {
    if (phaseInfo(name.phase.text)) return name.phase.text;
    const c = closestNames(name.phase.text, PHASE_NAMES);
    return c.length === 1 ? c[0] : null;
  }
  if (!name.module) return null;
  if (moduleInfo(name.module.text, settings)) return name.module.text;
  const c = closestNames(name.module.text, settings.modules);
  return c.length === 1 ? c[0] : null;
}

/**
 * A fix that renames the script, replacing one part of its name and correcting the others where that
 * is unambiguous (the configured separator, a phase or module with a single close candidate), so that
 * one rename leads to the right name instead of two renames that are each still wrong. None when a
 * file of the new name already exists (the rename would fail, and overwriting another script is never
 * what was meant). Never safe: the name decides whether, and when, the updater runs the script.
 */
export function renameFix(ctx: PhaseLintContext, part: NamePart, replacement: string): Fix | undefined {
  const { name, settings } = ctx;
  let stem: string;
  if (name.module !== null && name.separator !== null) {
    const sepStart = name.phase.end;
    const isPhase = part.start === name.phase.start && part.end === name.phase.end;
    const isModule = part.start === name.module.start && part.end === name.module.end;
    const isSep = !isPhase && !isModule && part.start === sepStart;
    const phase = isPhase ? replacement : correctedPart(ctx, 'phase') ?? name.phase.text;
    const sep = isSep ? replacement : settings.separator;
    const module = isModule ? replacement : correctedPart(ctx, 'module') ?? name.module.text;
    stem = phase + sep + module;
  } else {
    stem = name.stem.slice(0, part.start) + replacement + name.stem.slice(part.end);
  }
  const base = stem + name.ext;
  if (base === name.base) return undefined;
  const renameTo = name.dir + base;
  if (base.toLowerCase() !== name.base.toLowerCase() && ctx.project.fs.stat(renameTo) !== undefined) return undefined;
  return { title: `Rename to ${base}`, edits: [], otherFiles: [{ path: ctx.file.path, renameTo }], safe: false };
}

/** The name the script would have with the configured separator and the given parts. */
export function expectedName(ctx: PhaseLintContext, phase: string, module: string): string {
  return `${phase}${ctx.settings.separator}${module}${ctx.name.ext || '.ps1'}`;
}
