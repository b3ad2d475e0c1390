// Quick fixes and "fix all" for one document, from the engine's findings. Pure.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { selectSafeFixes, type Finding, type Fix, type LanguageId } from '../engine/rules';
import { planFixAllOfRule, planSuppressFile, planSuppressLine } from '../engine/suppress';
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
  /** The document's text and language: with them, "suppress" and "fix all of this rule" are offered. */
  text?: string;
  language?: LanguageId;
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
  if (kindRequested(KIND_QUICKFIX, input.only) && input.text !== undefined && input.language) {
    actions.push(...ruleActions(input, input.text, input.language));
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

/**
 * Per finding in the range: "Fix all CODE problems in this file" (when it has a safe fix and the rule
 * has more than one), "Suppress CODE on this line" and "Suppress CODE in this file". Each once per rule
 * (the line action once per line), after the findings' own fixes.
 */
function ruleActions(input: CodeActionInput, text: string, language: LanguageId): CodeAction[] {
  const fixAll: CodeAction[] = [];
  const lines: CodeAction[] = [];
  const files: CodeAction[] = [];
  const seen = new Set<string>();
  const inRange = new Set(findingsInRange(input.findings, input.start, input.end));
  const toEdit = (edits: OffsetEdit[]) => fixToWorkspaceEdit(input.path, { edits }, input.lookup, input.caps);
  const index = input.lookup(input.path)?.index;
  const sameText = index && index.text === text ? index : undefined;
  input.findings.forEach((f, i) => {
    // file/binary, file/too-large ...: about the bytes, not a line; a comment is no answer to them.
    if (!inRange.has(f) || f.code.startsWith('file/')) return;
    const diag = input.diagnostics[i];
    const withDiag = (a: CodeAction): CodeAction => (diag ? { ...a, diagnostics: [diag] } : a);
    if (!seen.has(`all:${f.code}`) && f.fixes?.some(x => x.safe)) {
      seen.add(`all:${f.code}`);
      const plan = planFixAllOfRule(input.findings, f.code);
      const edit = plan && toEdit(plan.edits);
      if (plan && edit) fixAll.push(withDiag({ title: plan.title, kind: KIND_QUICKFIX, edit }));
    }
    const line = planSuppressLine(text, language, f, sameText);
    const lineKey = line ? `line:${f.code}:${line[0].start}` : '';
    if (line && !seen.has(lineKey)) {
      seen.add(lineKey);
      const edit = toEdit(line);
      if (edit) lines.push(withDiag({ title: `Suppress ${f.code} on this line`, kind: KIND_QUICKFIX, edit }));
    }
    if (!seen.has(`file:${f.code}`)) {
      seen.add(`file:${f.code}`);
      const edit = toEdit(planSuppressFile(text, language, f.code, sameText));
      if (edit) files.push(withDiag({ title: `Suppress ${f.code} in this file`, kind: KIND_QUICKFIX, edit }));
    }
  });
  return [...fixAll, ...lines, ...files];
}
