// Runs the ePages rules over /etc/sysconfig/epages-hotfix or /etc/default/epages6.
import { isRuleOff } from '../engine/rules';
import type { Finding, RuleMeta } from '../engine/rules';
import { minimalEdit, type OffsetEdit } from '../engine/text';
import type { Project, SourceFile } from '../engine/workspace';
import { epagesFileKind, type EpagesFileKind } from './keys';
import type { ShellAssignment, ShellTree } from './syntax';
import { EPAGES_RULES } from './rules';


/**
 * Findings kept per file. A generated file can hold a mistake on every line; beyond this many the
 * editor is no help anyway, and the engine spreads the list into a call (argument count limit).
 */
export const MAX_FINDINGS = 5000;

export interface EpagesLintContext {
  project: Project;
  file: SourceFile<ShellTree>;
  tree: ShellTree;
  kind: EpagesFileKind;
  report(f: Finding): void;
}

export interface EpagesRule {
  meta: RuleMeta;
  check(ctx: EpagesLintContext): void;
}

export function lintEpages(project: Project, file: SourceFile<ShellTree>): Finding[] {
  const kind = epagesFileKind(file.path);
  if (!kind || !file.tree) return [];
  const findings: Finding[] = [];
  const ctx: EpagesLintContext = { project, file, tree: file.tree, kind, report: f => {
      if (findings.length < MAX_FINDINGS) findings.push(f);
    } };
  for (const rule of EPAGES_RULES) if (!isRuleOff(rule.meta, project.options.config)) rule.check(ctx);
  return findings;
}

/** The last assignment of each name (the one the shell keeps). */
export function lastAssignments(tree: ShellTree): Map<string, ShellAssignment> {
  const out = new Map<string, ShellAssignment>();
  for (const a of tree.assignments) out.set(a.name, a);
  return out;
}

/** A value is checked only when the text is final: no expansion, quotes closed, written as one assignment. */
export function checkable(a: ShellAssignment): boolean {
  return !a.dynamic && !a.unterminated && a.spacedEquals === null;
}

/**
 * The edit that makes an assignment's value `value`, keeping the way it is quoted (double quotes
 * added when the new value holds blanks and the old one had none).
 */
export function valueEdit(text: string, a: ShellAssignment, value: string): OffsetEdit[] {
  let raw: string;
  if (a.quote === "'" && !value.includes("'")) raw = `'${value}'`;
  else if (a.quote === '"' || /[\s'"$`\\;&|<>()#]/.test(value)) raw = `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
  else raw = value;
  const e = minimalEdit(text, a.valueStart, a.valueEnd, raw);
  return e ? [e] : [];
}
