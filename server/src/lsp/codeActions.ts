// Quick fixes and "fix all" for one document, from the engine's findings. Pure.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { selectSafeFixes, type Finding, type Fix } from '../engine/rules';
import type { OffsetEdit } from '../engine/text';
import { findingsInRange } from './diagnostics';
import { fixToWorkspaceEdit, type EditCapabilities, type EditTarget } from './edits';

export const KIND_QUICKFIX = 'quickfix';
/** Our "fix all" kind: editors run it for `source.fixAll` (e.g. VS Code's editor.codeActionsOnSave). */
export const KIND_FIX_ALL = 'source.fixAll.upkeep';
export const FIX_ALL_TITLE = 'Fix all safe Upkeep problems';

/** True when an action of `kind` is wanted by a request whose `only` filter is `only`. */
export function kindRequested(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some(o => o === '' || kind === o || kind.startsWith(o + '.'));
}

export function fixTitle(fix: Fix): string {
  return fix.safe ? fix.title : `${fix.title} (unsafe)`;
}

/** The edits of the fixes "fix all" applies (see selectSafeFixes in the engine). */
export function safeFixEdits(findings: readonly Finding[]): OffsetEdit[] {
  return selectSafeFixes(findings).flatMap(f => f.edits);
}

export interface CodeActionInput {
  path: string;
  findings: readonly Finding[];
  /** The diagnostic published for each finding (same order), attached to its quick fixes. */
  diagnostics: readonly Diagnostic[];
  /** The request's range, in offsets. */
  start: number;
  end: number;
  only?: readonly string[];
  lookup: (path: string) => EditTarget | undefined;
  caps: EditCapabilities;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  if (kindRequested(KIND_QUICKFIX, input.only)) {
    const inRange = new Set(findingsInRange(input.findings, input.start, input.end));
    input.findings.forEach((f, i) => {
      if (!inRange.has(f) || !f.fixes?.length) return;
      let preferredGiven = false;
      for (const fix of f.fixes) {
        const edit = fixToWorkspaceEdit(input.path, fix, input.lookup, input.caps);
        if (!edit) continue;
        const action: CodeAction = { title: fixTitle(fix), kind: KIND_QUICKFIX, edit };
        const diag = input.diagnostics[i];
        if (diag) action.diagnostics = [diag];
        if (fix.safe && !preferredGiven) {
          action.isPreferred = true;
          preferredGiven = true;
        }
        actions.push(action);
      }
    });
  }
  if (kindRequested(KIND_FIX_ALL, input.only)) {
    const edits = safeFixEdits(input.findings);
    if (edits.length) {
      const edit = fixToWorkspaceEdit(input.path, { edits }, input.lookup, input.caps);
      if (edit) actions.push({ title: FIX_ALL_TITLE, kind: KIND_FIX_ALL, edit });
    }
  }
  return actions;
}
