// `--fix`, `--unsafe-fixes` and `--diff`: fix passes on one file, in memory (the editor-overlay file
// system), until no fix is left. The caller writes the result, prints it, or prints a diff.
import { lintFile } from '../languages';
import { selectFixes } from '../engine/rules';
import { applyOffsetEdits } from '../engine/text';
import type { OverlayFileSystem, Project } from '../engine/workspace';

/** The fixes one pass applies: the engine's selection, safe fixes only or unsafe ones too. */
export { selectFixes } from '../engine/rules';

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
