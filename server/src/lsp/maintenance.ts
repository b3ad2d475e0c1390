// Maintenance mode in the editor: code actions on httpd files ("Enter maintenance mode" / "Leave
// maintenance mode") and the server commands the palette commands call. The engine plans the edits
// (httpd/maintenance.ts); here they become one WorkspaceEdit the client applies (and can undo).
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import type { FileChange } from '../engine/rules';
import { enterMaintenance, leaveMaintenance, maintenanceState, MaintenanceError, type MaintenancePlan } from '../httpd/maintenance';
import type { Feature, UpkeepServices } from './features';

export const ENTER_COMMAND = 'upkeep.server.maintenance.enter';
export const LEAVE_COMMAND = 'upkeep.server.maintenance.leave';
const KIND = 'refactor.rewrite.upkeep.maintenance';

interface EnterOptions {
  status?: 503 | 500;
  page?: string;
  allow?: string[];
  createPage?: boolean;
}

/** Reads the options a client sends with the enter command; anything malformed is dropped. */
function enterOptions(raw: unknown): EnterOptions {
  if (typeof raw !== 'object' || raw === null) return {};
  const o = raw as Record<string, unknown>;
  const out: EnterOptions = {};
  if (o.status === 503 || o.status === 500) out.status = o.status;
  if (typeof o.page === 'string' && /^\/[^\s"']*$/.test(o.page)) out.page = o.page;
  if (Array.isArray(o.allow)) out.allow = o.allow.filter((x): x is string => typeof x === 'string');
  if (o.createPage === true) out.createPage = true;
  return out;
}

/** The primary file's edits and the other files' changes, as the engine's Fix shape. */
function asFix(path: string, changes: FileChange[]) {
  const own = changes.find(c => c.path === path && c.edits);
  return { edits: own?.edits ?? [], otherFiles: changes.filter(c => c !== own) };
}

function describe(plan: MaintenancePlan): string {
  const allowed = plan.allowed.map(a => a.entry.text).join(', ');
  const vh = plan.virtualHosts ? ` and ${plan.virtualHosts} virtual host${plan.virtualHosts === 1 ? '' : 's'}` : '';
  return `Maintenance mode on (status ${plan.status}, page ${plan.page}) at server level${vh}; allowlisted: ${allowed}.`;
}

export const maintenanceFeature: Feature = {
  name: 'maintenance',
  codeActionKinds: [KIND],
  register(s: UpkeepServices) {
    s.commands.register({
      id: ENTER_COMMAND,
      async run(args, ctx) {
        const uri = String(args[0] ?? '');
        const path = s.pathOf(uri);
        const opts = enterOptions(args[1]);
        const defaults = s.project.options.maintenance ?? {};
        let plan: MaintenancePlan;
        try {
          plan = enterMaintenance(s.project, path, {
            status: opts.status ?? defaults.status,
            page: opts.page ?? defaults.page,
            allow: opts.allow,
            allowSource: 'the command',
            createPage: opts.createPage,
          });
        } catch (e) {
          if (e instanceof MaintenanceError) return { applied: false, message: e.message };
          throw e;
        }
        const warnings = plan.skipped.map(x => x.reason);
        if (plan.alreadyOn) return { applied: false, message: 'Maintenance mode is already on: nothing inserted.', warnings };
        const edit = s.workspaceEditFor(path, asFix(path, plan.changes));
        if (!edit) return { applied: false, message: 'This editor cannot apply edits to several files.', warnings };
        const r = await ctx.applyEdit(edit, 'Enter maintenance mode');
        return {
          applied: r.applied,
          message: r.applied ? describe(plan) : `Not applied: ${r.failureReason ?? 'the editor refused the edit'}`,
          warnings,
          files: plan.changes.map(c => s.uriOf(c.path)),
        };
      },
    });
    s.commands.register({
      id: LEAVE_COMMAND,
      async run(args, ctx) {
        const uri = String(args[0] ?? '');
        const path = s.pathOf(uri);
        const { changes, blocks } = leaveMaintenance(s.project, path);
        if (!blocks) return { applied: false, message: 'Maintenance mode is not on: nothing to remove.' };
        const edit = s.workspaceEditFor(path, asFix(path, changes));
        if (!edit) return { applied: false, message: 'This editor cannot apply edits to several files.' };
        const r = await ctx.applyEdit(edit, 'Leave maintenance mode');
        return {
          applied: r.applied,
          message: r.applied ? `Maintenance mode off: ${blocks} block${blocks === 1 ? '' : 's'} removed.` : `Not applied: ${r.failureReason ?? 'refused'}`,
          files: changes.map(c => s.uriOf(c.path)),
        };
      },
    });
  },
  codeActions(params: CodeActionParams, s: UpkeepServices): CodeAction[] {
    const file = s.sourceFile(params.textDocument.uri);
    if (!file || file.language !== 'apacheconf') return [];
    const only = params.context?.only;
    if (only && !only.some(k => KIND === k || KIND.startsWith(k + '.'))) return [];
    // Offered when asked for (the refactor menu, or Ctrl+. which is an "invoked" request), not on the
    // automatic requests an editor sends at every cursor move.
    if (!only && params.context?.triggerKind !== 1) return [];
    if (maintenanceState(s.project, file.path).on) {
      const { changes } = leaveMaintenance(s.project, file.path);
      const edit = s.workspaceEditFor(file.path, asFix(file.path, changes));
      return edit ? [{ title: 'Upkeep: Leave maintenance mode', kind: KIND, edit }] : [];
    }
    const out: CodeAction[] = [];
    const defaults = s.project.options.maintenance ?? {};
    const statuses: (503 | 500)[] = defaults.status === 500 ? [500, 503] : [503, 500];
    for (const status of statuses) {
      const plan = enterMaintenance(s.project, file.path, { status, page: defaults.page });
      if (plan.alreadyOn) break;
      const edit = s.workspaceEditFor(file.path, asFix(file.path, plan.changes));
      if (!edit) continue;
      out.push({
        title: status === 503 ? 'Upkeep: Enter maintenance mode (503)' : 'Upkeep: Enter maintenance mode (500, for HCL Connections plug-ins)',
        kind: KIND,
        edit,
      });
    }
    return out;
  },
};
