// `--fix`, `--unsafe-fixes` and `--diff`: fix passes on one file, in memory (the editor-overlay file
// system), until no fix is left. The caller writes the result, prints it, or prints a diff.
import { lintFile } from '../languages';
import type { Finding, Fix } from '../engine/rules';
import { applyOffsetEdits } from '../engine/text';
import type { OverlayFileSystem, Project } from '../engine/workspace';

/**
 * The fixes one pass applies: the first applicable fix of each finding (safe only, or also unsafe ones),
 * single-file only, skipping any that overlaps one already taken or inserts exactly where the previous
 * one ends (the same selection as the engine's selectSafeFixes, widened to unsafe fixes on request).
 */
export function selectFixes(findings: readonly Finding[], unsafe: boolean): Fix[] {
  const fixes = findings
    .flatMap(f => (f.fixes ?? []).filter(x => (unsafe || x.safe) && !x.otherFiles?.length && x.edits.length).slice(0, 1))
    .map(fx => ({ fx, start: Math.min(...fx.edits.map(e => e.start)), end: Math.max(...fx.edits.map(e => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Fix[] = [];
  let lastEnd = -1;
  for (const { fx, start, end } of fixes) {
    if (start < lastEnd || (start === lastEnd && start === end)) continue;
    out.push(fx);
    lastEnd = end;
  }
  return out;
}

export interface FixOutcome {
  applied: number;
  before: string;
  after: string;
  encoding: 'utf8' | 'latin1';
}

let overlayVersion = 0;

/** Applies fixes to `abs` in the overlay until none is left (at most 10 passes). */
export function fixInMemory(project: Project, overlay: OverlayFileSystem, abs: string, unsafe: boolean): FixOutcome | null {
  const first = lintFile(project, abs);
  if (!first) return null;
  const before = first.file.text;
  const encoding = first.file.encoding;
  let applied = 0;
  let r = first;
  for (let pass = 0; pass < 10; pass++) {
    const chosen = selectFixes(r.findings, unsafe);
    const edits = chosen.flatMap(f => f.edits);
    if (edits.length === 0) break;
    applied += chosen.length;
    overlay.set(abs, applyOffsetEdits(r.file.text, edits), ++overlayVersion);
    project.touch([abs]);
    const next = lintFile(project, abs);
    if (!next) break;
    r = next;
  }
  return { applied, before, after: r.file.text, encoding };
}
