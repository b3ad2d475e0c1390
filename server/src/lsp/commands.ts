// Server-side commands (`workspace/executeCommand`). A feature that changes files on request
// (maintenance on/off, plugin-cfg swap/drain, ...) registers a command here; the server advertises
// every registered id in its `executeCommandProvider` capability and routes requests to it.
//
// How to add a command:
//   1. In the feature's LSP module (e.g. server/src/lsp/maintenance.ts), export a Feature (see
//      features.ts) whose `register(services)` calls
//        services.commands.register({
//          id: 'upkeep.server.maintenance.enable',
//          async run(args, ctx) {
//            const uri = String(args[0]);                      // validate every argument: clients send anything
//            const result = ctx.services.lint(uri);           // engine results for an open document
//            const fix = ...;                                 // compute an engine Fix (offset edits)
//            const edit = ctx.services.workspaceEditFor(result.path, fix);
//            if (!edit) return { applied: false, reason: 'the client cannot apply this change' };
//            return ctx.applyEdit(edit, 'Enable maintenance');   // workspace/applyEdit in the client
//          },
//        });
//   2. Add the Feature to FEATURES in features.ts.
//   3. In the VS Code client, a UI command (quick pick, confirmation) calls it with
//      `client.sendRequest(ExecuteCommandRequest.type, { command: id, arguments: [...] })`. Do not list
//      the id under `contributes.commands`: vscode-languageclient registers server command ids itself,
//      and a client command of the same id would clash. Server ids are `upkeep.server.<feature>.<verb>`.
// Commands must be registered before the client's `initialize` is answered (features register at
// start-up), because the capability lists the ids. The engine work stays in the engine: a command only
// turns engine results into a WorkspaceEdit and applies it.
import type { CancellationToken, WorkspaceEdit } from 'vscode-languageserver';
import type { UpkeepServices } from './features';

export interface ApplyEditResult {
  applied: boolean;
  failureReason?: string;
}

export interface CommandContext {
  services: UpkeepServices;
  /** Asks the client to apply the edit (workspace/applyEdit). */
  applyEdit(edit: WorkspaceEdit, label?: string): Promise<ApplyEditResult>;
  token: CancellationToken;
}

export interface ServerCommand {
  /** Stable id, `upkeep.server.<feature>.<verb>`. */
  id: string;
  /** Runs the command; the value is the request's result (must be JSON). Throwing answers an error. */
  run(args: readonly unknown[], ctx: CommandContext): unknown | Promise<unknown>;
}

export class CommandRegistry {
  private readonly commands = new Map<string, ServerCommand>();
  private sealed = false;

  register(command: ServerCommand): void {
    if (this.sealed) throw new Error(`command ${command.id} registered after initialize; register it in a Feature's register()`);
    if (!/^upkeep\.[\w.\-]+$/.test(command.id)) throw new Error(`command id ${command.id} must start with "upkeep."`);
    if (this.commands.has(command.id)) throw new Error(`command ${command.id} registered twice`);
    this.commands.set(command.id, command);
  }

  /** Called when the capabilities are sent: the list of ids is final from then on. */
  seal(): void {
    this.sealed = true;
  }

  ids(): string[] {
    return [...this.commands.keys()].sort();
  }

  has(id: string): boolean {
    return this.commands.has(id);
  }

  async execute(id: string, args: readonly unknown[] | undefined, ctx: CommandContext): Promise<unknown> {
    const command = this.commands.get(id);
    if (!command) throw new Error(`unknown command ${id}`);
    const result = await command.run(args ?? [], ctx);
    return result === undefined ? null : result;
  }
}
