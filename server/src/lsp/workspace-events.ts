// Workspace-level events as data: the folders the Project searches, how a folder change alters them,
// and which files a watched-file notification names. Pure.
import * as nodePath from 'node:path';
import type { FileEvent, WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { uriToPath } from './uri';

/** The workspace roots from `initialize` (folders, else rootUri, else the deprecated rootPath). */
export function rootsOf(folders: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined, rootPath?: string | null): string[] {
  if (folders?.length) return folders.map(f => uriToPath(f.uri));
  if (rootUri) return [uriToPath(rootUri)];
  if (rootPath) return [nodePath.resolve(rootPath)];
  return [];
}

/** The roots after `workspace/didChangeWorkspaceFolders`. */
export function rootsAfterChange(roots: readonly string[], e: WorkspaceFoldersChangeEvent): string[] {
  const removed = new Set(e.removed.map(f => nodePath.resolve(uriToPath(f.uri))));
  const out = roots.filter(r => !removed.has(nodePath.resolve(r)));
  for (const f of e.added) out.push(uriToPath(f.uri));
  return out;
}

/** The absolute paths a `workspace/didChangeWatchedFiles` notification names (each once). */
export function changedPaths(changes: readonly FileEvent[] | undefined): string[] {
  const out = new Set<string>();
  for (const c of changes ?? []) {
    if (typeof c?.uri === 'string') out.add(nodePath.resolve(uriToPath(c.uri)));
  }
  return [...out];
}
