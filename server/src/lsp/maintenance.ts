// Maintenance mode in the editor: code actions on httpd files ("Enter maintenance mode" / "Leave
// maintenance mode") and the server commands the palette commands call. The engine plans the edits
// (httpd/maintenance.ts); here they become one WorkspaceEdit the client applies (and can undo).
import * as nodePath from 'node:path';
import type { CodeAction, CodeActionParams, MessageActionItem } from 'vscode-languageserver/node';
import type { FileChange } from '../engine/rules';
import { httpdConfigFor } from '../httpd/config';
import { documentRoots, enterMaintenance, leaveMaintenance, maintenanceState, MaintenanceError, type MaintenancePlan } from '../httpd/maintenance';
import type { Feature, UpkeepServices } from './features';
import { snapshotFor } from './verify';

export const ENTER_COMMAND = 'upkeep.server.maintenance.enter';
export const LEAVE_COMMAND = 'upkeep.server.maintenance.leave';
const KIND = 'refactor.rewrite.upkeep.maintenance';

interface EnterOptions {
  status?: 503 | 500;
  page?: string;
  allow?: string[];
  createPage?: boolean;
  replace?: boolean;
  /**
   * When the block's page does not exist in DocumentRoot: ask the user (default), create it from the
   * template, or insert the block anyway.
   */
  missingPage?: 'ask' | 'create' | 'insert';
}

/** The answers of the missing-page question (window/showMessageRequest), in the order shown. */
export const PAGE_CREATE = 'Create the page from the template';
export const PAGE_INSERT_ANYWAY = 'Insert anyway';
export const PAGE_CANCEL = 'Cancel';

/** The page setting, unless it is the default: then the engine reuses the page an ErrorDocument names. */
function settingPage(page: string | undefined): string | undefined {
  return page === '/maintenance.html' ? undefined : page;
}

/** Clients that show a disabled action with its reason (LSP 3.16); others get no action at all. */
function disabledSupport(s: UpkeepServices): boolean {
  return s.clientCapabilities().textDocument?.codeAction?.disabledSupport === true;
}

/** Why a plan must not be applied from the editor (which has no --force): every refusal, in one line. */
function refusalText(refusals: { reason: string }[]): string | undefined {
  return refusals.length ? `Not applied: ${refusals.map(r => r.reason).join('; ')}.` : undefined;
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
  if (o.replace === true) out.replace = true;
  if (o.missingPage === 'ask' || o.missingPage === 'create' || o.missingPage === 'insert') out.missingPage = o.missingPage;
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
  const created = plan.changes.filter(c => c.create !== undefined).map(c => c.path);
  const page = created.length ? ` Created ${created.join(', ')} from the template: edit its text before users see it.` : '';
  return `Maintenance mode on (status ${plan.status}, page ${plan.page}) at server level${vh}; allowlisted: ${allowed}.${page}`;
}

/** The question asked before inserting a block whose page is missing. */
function pageQuestion(plan: MaintenancePlan, roots: string[]): string {
  const where = roots.length ? ` (${roots.join(', ')})` : '';
  return (
    `Upkeep: the maintenance page ${plan.page} does not exist in DocumentRoot${where}. ` +
    `Without it, clients outside the allowlist get a bare ${plan.status} error. Create it from Upkeep's template, insert the block anyway, or cancel?`
  );
}

/**
 * Asks the user what to do about a missing page. A client that cannot answer (an error, no choice)
 * counts as Cancel: nothing is inserted without the user knowing.
 */
async function askAboutPage(s: UpkeepServices, plan: MaintenancePlan, roots: string[]): Promise<'create' | 'insert' | 'cancel'> {
  let answer: MessageActionItem | null | undefined;
  try {
    // window/showMessageRequest (a warning with three actions).
    answer = await s.connection.window.showWarningMessage(pageQuestion(plan, roots), { title: PAGE_CREATE }, { title: PAGE_INSERT_ANYWAY }, { title: PAGE_CANCEL });
  } catch (e) {
    s.log(`upkeep: the client did not answer the missing-page question (${(e as Error).message}); nothing inserted`);
    return 'cancel';
  }
  if (answer?.title === PAGE_CREATE) return 'create';
  if (answer?.title === PAGE_INSERT_ANYWAY) return 'insert';
  return 'cancel';
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
        // The document's Project, asked again after the question: the request context does not outlive an await.
        const planWith = (createPage: boolean | undefined): MaintenancePlan => {
          const project = s.projectFor(uri);
          const defaults = project.options.maintenance ?? {};
          return enterMaintenance(project, path, {
            status: opts.status ?? defaults.status,
            page: opts.page ?? settingPage(defaults.page),
            allow: opts.allow,
            allowSource: 'the command',
            createPage,
            replace: opts.replace,
          });
        };
        let plan: MaintenancePlan;
        try {
          plan = planWith(opts.createPage || opts.missingPage === 'create' || undefined);
          // Never a block whose page is missing without the user knowing: ask (create / insert anyway / cancel).
          if (plan.pageState === 'missing' && !plan.alreadyOn && !plan.refusals.length && opts.missingPage !== 'insert') {
            const project = s.projectFor(uri);
            const roots = documentRoots(project, httpdConfigFor(project, path)).map(r => nodePath.basename(r));
            const choice = await askAboutPage(s, plan, roots);
            if (choice === 'cancel') {
              return { applied: false, cancelled: true, message: `Cancelled: ${plan.page} does not exist in DocumentRoot; nothing inserted.` };
            }
            // Planned again after the answer: the user may have edited meanwhile.
            plan = planWith(choice === 'create' || undefined);
          }
        } catch (e) {
          if (e instanceof MaintenanceError) return { applied: false, message: e.message };
          throw e;
        }
        const warnings = plan.skipped.filter(x => x.origin === 'config').map(x => x.reason);
        if (plan.pageState === 'missing') warnings.push(`${plan.page} does not exist in DocumentRoot: clients get a bare error page until it is created.`);
        if (plan.alreadyOn) return { applied: false, message: 'Maintenance mode is already on: nothing inserted.', warnings };
        const refused = refusalText(plan.refusals);
        if (refused) return { applied: false, message: refused, warnings };
        const edit = s.workspaceEditFor(path, asFix(path, plan.changes));
        if (!edit) return { applied: false, message: 'This editor cannot apply edits to several files.', warnings };
        const verifyToken = snapshotFor(s, plan.changes);
        const r = await ctx.applyEdit(edit, 'Enter maintenance mode');
        return {
          applied: r.applied,
          message: r.applied ? describe(plan) : `Not applied: ${r.failureReason ?? 'the editor refused the edit'}`,
          warnings,
          files: plan.changes.map(c => s.uriOf(c.path)),
          verifyToken: r.applied ? verifyToken : undefined,
        };
      },
    });
    s.commands.register({
      id: LEAVE_COMMAND,
      async run(args, ctx) {
        const uri = String(args[0] ?? '');
        const path = s.pathOf(uri);
        const { changes, blocks, refusals, handWritten } = leaveMaintenance(s.project, path);
        const refused = refusalText(refusals);
        if (refused) return { applied: false, message: refused };
        if (!blocks) {
          return {
            applied: false,
            message: handWritten.length
              ? `No Upkeep block to remove, but a hand-written maintenance stanza is active (${handWritten[0].summary}): Upkeep does not remove lines it did not write.`
              : 'Maintenance mode is not on: nothing to remove.',
          };
        }
        const edit = s.workspaceEditFor(path, asFix(path, changes));
        if (!edit) return { applied: false, message: 'This editor cannot apply edits to several files.' };
        const verifyToken = snapshotFor(s, changes);
        const r = await ctx.applyEdit(edit, 'Leave maintenance mode');
        return {
          applied: r.applied,
          message: r.applied ? `Maintenance mode off: ${blocks} block${blocks === 1 ? '' : 's'} removed.` : `Not applied: ${r.failureReason ?? 'refused'}`,
          files: changes.map(c => s.uriOf(c.path)),
          verifyToken: r.applied ? verifyToken : undefined,
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
    const state = maintenanceState(s.project, file.path);
    const defaults = s.project.options.maintenance ?? {};
    if (state.managed || state.damaged.length) {
      const { changes, refusals } = leaveMaintenance(s.project, file.path);
      const refused = refusalText(refusals);
      if (refused) return disabledSupport(s) ? [{ title: 'Upkeep: Leave maintenance mode', kind: KIND, disabled: { reason: refused } }] : [];
      const edit = s.workspaceEditFor(file.path, asFix(file.path, changes));
      return edit ? [{ title: 'Upkeep: Leave maintenance mode', kind: KIND, edit }] : [];
    }
    const out: CodeAction[] = [];
    const statuses: (503 | 500)[] = defaults.status === 500 ? [500, 503] : [503, 500];
    // A hand-written stanza (the vendor procedure's) is turned into one managed block, reversibly: its
    // lines are commented out, not deleted, and the edit is one undo step.
    const replace = state.handWritten.length > 0;
    for (const status of statuses) {
      const plan = enterMaintenance(s.project, file.path, { status, page: settingPage(defaults.page), replace });
      if (plan.alreadyOn) break;
      const title = replace
        ? `Upkeep: Replace the hand-written maintenance stanza with a managed block (${status})`
        : status === 503
          ? 'Upkeep: Enter maintenance mode (503)'
          : 'Upkeep: Enter maintenance mode (500, for HCL Connections plug-ins)';
      const refused = refusalText(plan.refusals);
      if (refused) {
        if (disabledSupport(s)) out.push({ title, kind: KIND, disabled: { reason: refused } });
        continue;
      }
      if (plan.pageState === 'missing') {
        // The page is missing: the action runs the command, which asks the user before inserting.
        const args = [params.textDocument.uri, { status, replace: replace || undefined }];
        out.push({ title, kind: KIND, command: { title, command: ENTER_COMMAND, arguments: args } });
        continue;
      }
      const edit = s.workspaceEditFor(file.path, asFix(file.path, plan.changes));
      if (!edit) continue;
      out.push({ title, kind: KIND, edit });
    }
    return out;
  },
};
