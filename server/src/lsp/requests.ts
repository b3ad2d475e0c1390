// The core request handlers: code actions (quick fixes and "fix all" from the document's findings,
// then what features contribute) and workspace/executeCommand (the command registry). Connection-free
// apart from the callbacks they are given; the server wraps them in `guard`.
import { CodeActionTriggerKind, type CancellationToken, type CodeAction, type CodeActionParams, type ExecuteCommandParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { codeActions, KIND_FIX_ALL, kindRequested } from './codeActions';
import type { ApplyEditResult, CommandRegistry } from './commands';
import { editCapabilitiesFrom } from './edits';
import type { Feature, UpkeepServices } from './features';
import type { DocumentLinter } from './linter';

/**
 * Code actions need the document's findings. Editors ask automatically after every edit and cursor move
 * (triggerKind Automatic): those requests use the last lint of the current text and never start one (the
 * scheduled lint publishes diagnostics, and the editor asks again). Asked by the user (Ctrl+.), or for
 * "fix all" (on save), the document is linted now if its lint is not current.
 */
export function codeActionHandler(linter: DocumentLinter, features: readonly Feature[], services: UpkeepServices) {
  return (params: CodeActionParams, token?: CancellationToken): CodeAction[] => {
    const uri = params.textDocument.uri;
    const automatic = params.context?.triggerKind === CodeActionTriggerKind.Automatic;
    const fixAll = params.context?.only?.some(k => kindRequested(KIND_FIX_ALL, [k])) ?? false;
    const out = automatic && !fixAll ? linter.lintedVersion(uri) : linter.lint(uri);
    if (!out && !(automatic && linter.sourceFile(uri))) return [];
    if ((out && !out.result) || token?.isCancellationRequested) return [];
    const contributed: CodeAction[] = [];
    for (const f of features) {
      if (!f.codeActions) continue;
      try {
        contributed.push(...f.codeActions(params, services));
      } catch (e) {
        services.error(`upkeep: feature ${f.name} failed to compute code actions`, e);
      }
    }
    if (!out?.result) return contributed;
    const index = out.result.file.index;
    return [
      ...codeActions({
        path: out.result.path,
        findings: out.result.findings,
        diagnostics: out.diagnostics,
        start: index.offsetAt(params.range.start),
        end: index.offsetAt(params.range.end),
        only: params.context?.only,
        lookup: path => linter.editTarget(path),
        caps: editCapabilitiesFrom(services.clientCapabilities()),
        text: out.result.file.text,
        language: out.result.file.language,
      }),
      ...contributed,
    ];
  };
}

export interface CommandHandlerOptions {
  commands: CommandRegistry;
  services: UpkeepServices;
  applyEdit(edit: WorkspaceEdit, label?: string): Promise<ApplyEditResult>;
  /** Tells the user a command failed (a notification every client shows). */
  showError(message: string): void;
}

export function executeCommandHandler(o: CommandHandlerOptions) {
  return async (params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> => {
    try {
      return await o.commands.execute(params.command, params.arguments, { services: o.services, token, applyEdit: o.applyEdit });
    } catch (e) {
      o.showError(`Upkeep: ${params.command} failed: ${(e as Error)?.message ?? e}`);
      throw e;
    }
  };
}
