// Helpers shared by the phase-script and ePages tests: lint a file of an in-memory workspace, apply
// and reverse fixes, find the repository root and the shared corpus, place a `|` cursor.
import assert from 'node:assert/strict';
import { lintFile, type LintResult } from '../../server/src/languages';
import type { Finding, Fix } from '../../server/src/engine/rules';
import { applyOffsetEdits, type OffsetEdit } from '../../server/src/engine/text';
import { MemoryFileSystem, Project, type ProjectOptions } from '../../server/src/engine/workspace';

export function lintMemory(path: string, text: string, options: ProjectOptions = {}, files: Record<string, string> = {}): LintResult {
  const project = new Project(new MemoryFileSystem({ ...files, [path]: text }), { roots: ['/ws'], ...options });
  const r = lintFile(project, path);
  assert.ok(r, `${path} was not recognised`);
  return r;
}

/** `code@line` for every finding (1-based lines), in order. */
export function summary(r: LintResult, prefix = ''): string[] {
  return r.findings.filter(f => f.code.startsWith(prefix)).map(f => `${f.code}@${r.file.index.positionAt(f.start).line + 1}`);
}

/** The edits that undo `edits` once applied to `before`. */
export function reverseEdits(before: string, edits: readonly OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  let shift = 0;
  for (const e of sorted) {
    const start = e.start + shift;
    out.push({ start, end: start + e.newText.length, newText: before.slice(e.start, e.end) });
    shift += e.newText.length - (e.end - e.start);
  }
  return out;
}

/** Applies a fix's edits, checks that reversing them restores the exact bytes, returns the new text. */
export function applyReversibly(text: string, fix: Fix): string {
  const after = applyOffsetEdits(text, fix.edits);
  assert.equal(applyOffsetEdits(after, reverseEdits(text, fix.edits)), text, `reversing "${fix.title}"`);
  return after;
}

export function firstFix(f: Finding | undefined): Fix {
  assert.ok(f, 'no finding');
  assert.ok(f.fixes?.length, `no fix on ${f.code}: ${f.message}`);
  return f.fixes[0];
}

/** Splits a text holding one `|` into the text without it and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0 && marked.indexOf('|', offset + 1) < 0, 'exactly one | marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export { corpusDir, repoRoot } from '../support/repo';
