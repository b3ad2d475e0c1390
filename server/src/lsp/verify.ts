// `upkeep.maintenance.verify` in the editor: after the palette commands have applied and saved a
// maintenance change, the client asks the server to run the server's own check (`apachectl -t`). When
// it fails, the server puts every file back to the text it had before (created files deleted) in one
// WorkspaceEdit, which the client saves: byte for byte the files as they were.
//
// The setting runs a command, so it is used only in trusted workspaces: package.json declares it a
// restricted configuration (VS Code ignores a workspace's value while the workspace is untrusted), and
// the client passes `vscode.workspace.isTrusted`, which the server checks again.
import { spawnSync } from 'node:child_process';
import type { FileChange } from '../engine/rules';
import type { ProjectOptions } from '../engine/workspace';
import type { Feature, UpkeepServices } from './features';

export const VERIFY_COMMAND = 'upkeep.server.maintenance.verify';

/** Project options as the editor sets them: the engine's plus the verify command. */
export type EditorOptions = ProjectOptions & { maintenanceVerify?: string };

interface Snapshot {
  files: { path: string; before: string | null }[];
  at: number;
}

const snapshots = new Map<string, Snapshot>();
let counter = 0;

/**
 * Remembers the files a change is about to touch, when a verify command is configured. Returns the
 * token the client sends back with the verify request (undefined: nothing to verify).
 */
export function snapshotFor(s: UpkeepServices, changes: FileChange[]): string | undefined {
  const cmd = (s.project.options as EditorOptions).maintenanceVerify;
  if (!cmd) return undefined;
  const files: Snapshot['files'] = [];
  for (const c of changes) {
    const before = c.create !== undefined ? null : (s.project.rawText(c.path)?.text ?? null);
    if (!files.some(f => f.path === c.path)) files.push({ path: c.path, before });
  }
  // Old snapshots (a client that never asked) are dropped after ten minutes.
  const now = Date.now();
  for (const [k, v] of snapshots) if (now - v.at > 600_000) snapshots.delete(k);
  const token = `v${++counter}`;
  snapshots.set(token, { files, at: now });
  return token;
}

export interface VerifyResult {
  /** true: passed; false: failed (and rolled back when `rolledBack`); null: not run. */
  ok: boolean | null;
  message: string;
  output?: string;
  rolledBack?: boolean;
  /** Files the rollback changed: the client saves them. */
  files?: string[];
}

export const verifyFeature: Feature = {
  name: 'verify',
  register(s: UpkeepServices) {
    s.commands.register({
      id: VERIFY_COMMAND,
      async run(args, ctx): Promise<VerifyResult> {
        const snap = snapshots.get(String(args[0] ?? ''));
        const trusted = (args[1] as { trusted?: unknown } | undefined)?.trusted === true;
        const cmd = (s.project.options as EditorOptions).maintenanceVerify;
        if (!snap || !cmd) return { ok: null, message: 'No verify command configured (upkeep.maintenance.verify).' };
        snapshots.delete(String(args[0]));
        if (!trusted) return { ok: null, message: `Not running "${cmd}": the workspace is not trusted.` };
        const r = spawnSync(cmd, { shell: true, cwd: s.project.options.roots?.[0], encoding: 'utf8', timeout: 120_000 });
        const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim();
        if (!r.error && r.status === 0) return { ok: true, message: `"${cmd}" passed.`, output };
        const [first, ...rest] = snap.files;
        const otherFiles: FileChange[] = rest.map(f =>
          f.before === null ? { path: f.path, delete: true } : { path: f.path, edits: [{ start: 0, end: s.project.rawText(f.path)?.text.length ?? 0, newText: f.before }] },
        );
        const firstEdits = first.before === null ? [] : [{ start: 0, end: s.project.rawText(first.path)?.text.length ?? 0, newText: first.before }];
        if (first.before === null) otherFiles.push({ path: first.path, delete: true });
        const edit = s.workspaceEditFor(first.path, { edits: firstEdits, otherFiles });
        const applied = edit ? (await ctx.applyEdit(edit, 'Roll back (verification failed)')).applied : false;
        return {
          ok: false,
          message: applied
            ? `"${cmd}" failed after the change, so every file was put back as it was.`
            : `"${cmd}" failed after the change, and the editor did not apply the rollback: undo the change (Ctrl+Z) before restarting the server.`,
          output,
          rolledBack: applied,
          files: snap.files.filter(f => f.before !== null).map(f => s.uriOf(f.path)),
        };
      },
    });
  },
};
