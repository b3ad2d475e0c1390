// Helpers for the editor integration tests: open fixtures, wait for diagnostics, apply code actions.
// Every wait is bounded; a test that waits too long fails with what it saw.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'upkeep.upkeep';
export const DEFAULT_WAIT_MS = 20_000;

/** Absolute path of a file in the scratch copy of test/fixtures/editor (e.g. `ws1/httpd.conf`). */
export function fixturePath(rel: string): string {
  const root = process.env.UPKEEP_FIXTURES;
  if (root) return path.join(root, rel);
  // Fallback: the opened workspace folder is <fixtures>/ws1.
  const ws = vscode.workspace.workspaceFolders?.[0];
  assert.ok(ws, 'no workspace folder open and UPKEEP_FIXTURES unset');
  return path.join(path.dirname(ws.uri.fsPath), rel);
}

export function fixtureUri(rel: string): vscode.Uri {
  return vscode.Uri.file(fixturePath(rel));
}

/** Opens a fixture (path relative to the fixtures folder) in an editor and returns its document. */
export async function openFixture(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Reverts an open document to its saved content (undoes edits the test applied) and closes its editor. */
export async function revertAndClose(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

/**
 * Reverts every document with unsaved changes (edits a test applied, also to files it never showed: a
 * WorkspaceEdit opens them in the background) and closes all editors, so the next test sees the files
 * as they are on disk.
 */
export async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await closeAllEditors();
  const left = vscode.workspace.textDocuments.filter(d => d.isDirty).map(d => path.basename(d.uri.fsPath));
  assert.deepStrictEqual(left, [], 'documents still modified after revert');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function sleep(ms: number): Promise<void> {
  return new Promise(r => setTimeout(r, ms));
}

/** Polls `probe` every 50 ms until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = DEFAULT_WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** The diagnostic's code as a string (VS Code gives `{ value, target }` when the server sends a docs link). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** `code@line` (1-based line), the compact form the tests compare. */
export function brief(d: vscode.Diagnostic): string {
  return `${codeOf(d)}@${d.range.start.line + 1}`;
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => codeOf(d).includes('/'));
}

/**
 * Waits until the diagnostics of `uri` satisfy `until` (default: at least one) and returns them, sorted by
 * position. Only diagnostics with an Upkeep code (`lang/rule`) are considered.
 */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  until: (ds: vscode.Diagnostic[]) => boolean = ds => ds.length > 0,
  ms = DEFAULT_WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    return await waitFor(`diagnostics of ${path.basename(uri.fsPath)}`, () => {
      last = sortDiagnostics(ourDiagnostics(uri));
      return until(last) ? last : undefined;
    }, ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}; last seen: [${last.map(brief).join(', ')}]`);
  }
}

/** Waits until the diagnostics of `uri` are exactly `expected` (`code@line` strings, any order). */
export async function expectDiagnostics(uri: vscode.Uri, expected: string[], ms = DEFAULT_WAIT_MS): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort();
  let ds: vscode.Diagnostic[];
  try {
    ds = await waitForDiagnostics(uri, got => sameList(got.map(brief).sort(), want), ms);
  } catch (e) {
    throw new Error(`${(e as Error).message}; expected: [${want.join(', ')}]`);
  }
  return ds;
}

/**
 * Asserts that `uri` gets no Upkeep diagnostics during `ms` (there is no event for "nothing will come",
 * so this waits the whole time; keep it short and run it after the server is known to be up).
 */
export async function expectNoDiagnostics(uri: vscode.Uri, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ds = ourDiagnostics(uri);
    assert.deepStrictEqual(ds.map(brief), [], `unexpected diagnostics for ${path.basename(uri.fsPath)}`);
    await sleep(100);
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sortDiagnostics(ds: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return [...ds].sort((a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)));
}

/** Finds the diagnostic with `code` (and, if given, on 1-based `line`). */
export function findDiagnostic(ds: vscode.Diagnostic[], code: string, line?: number): vscode.Diagnostic {
  const d = ds.find(x => codeOf(x) === code && (line === undefined || x.range.start.line + 1 === line));
  assert.ok(d, `no ${code}${line ? ` on line ${line}` : ''} in [${ds.map(brief).join(', ')}]`);
  return d;
}

/** Code actions (not bare commands) the providers offer for `range`, optionally only `kind` (e.g. QuickFix). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, kind?.value)) ?? [];
  return all.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/**
 * Applies the first code action for `diagnostic` whose title matches `title` (a substring or RegExp;
 * any when omitted): its workspace edit, then its command. Returns the action applied.
 */
export async function applyFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title?: string | RegExp): Promise<vscode.CodeAction> {
  const actions = await waitFor(`code actions for ${brief(diagnostic)}`, async () => {
    const as = (await codeActions(doc.uri, diagnostic.range)).filter(a => matches(a.title, title));
    return as.length ? as : undefined;
  }, 10_000);
  const action = actions[0];
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return action;
}

/** Applies the first quick fix offered for the diagnostic `code` (on 1-based `line`) and returns the new text. */
export async function applyFirstFix(doc: vscode.TextDocument, code: string, line?: number, title?: string | RegExp): Promise<string> {
  const d = findDiagnostic(await waitForDiagnostics(doc.uri, ds => ds.some(x => codeOf(x) === code)), code, line);
  await applyFix(doc, d, title);
  return doc.getText();
}

function matches(s: string, pattern: string | RegExp | undefined): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s);
}

/** Activates the extension (opening an httpd file does that too) and waits for it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
  return ext;
}

/** Hover texts at a 0-based position, as plain strings. */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hs = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hs.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Completion labels at a 0-based position. */
export async function completionLabels(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
  return (list?.items ?? []).map(i => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Document symbol names, depth first, indented by nesting level with two spaces. */
export async function symbolOutline(uri: vscode.Uri): Promise<string[]> {
  const syms = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  const out: string[] = [];
  const walk = (s: vscode.DocumentSymbol[], depth: number) => {
    for (const x of s) {
      out.push('  '.repeat(depth) + x.name);
      walk(x.children ?? [], depth + 1);
    }
  };
  walk(syms, 0);
  return out;
}

/** Refactor code actions (maintenance mode, swap) the providers offer at `range`. */
export function refactorActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return codeActions(uri, range, vscode.CodeActionKind.Refactor);
}

/** Applies a code action as the editor does: its workspace edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `"${action.title}" has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** The document of a fixture, opened (in the background when no editor shows it) but not shown. */
export function fixtureDocument(rel: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(fixtureUri(rel));
}

/** The code lenses of a document, resolved (commands and titles filled in). */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** The formatter's edits for the whole document (tab size 4, spaces), not applied. */
export async function formattingEdits(uri: vscode.Uri): Promise<vscode.TextEdit[]> {
  return (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri,
    { tabSize: 4, insertSpaces: true })) ?? [];
}

/** Applies the document formatter and returns the formatted text. */
export async function formatDocument(doc: vscode.TextDocument): Promise<string> {
  const edits = (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri,
    { tabSize: 4, insertSpaces: true })) ?? [];
  const we = new vscode.WorkspaceEdit();
  we.set(doc.uri, edits);
  assert.ok(await vscode.workspace.applyEdit(we), 'applyEdit of the formatting edits failed');
  return doc.getText();
}

/** Replaces `search` (first occurrence) in the text of `doc`. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const i = text.indexOf(search);
  assert.ok(i >= 0, `"${search}" not found`);
  return text.slice(0, i) + replacement + text.slice(i + search.length);
}
