// Engine fixes (offset edits, plus changes to other files) -> LSP WorkspaceEdits. Pure: everything the
// conversion needs about files (their URI, open version, line index) comes in through `FileLookup`.
import type {
  CreateFile,
  DeleteFile,
  OptionalVersionedTextDocumentIdentifier,
  RenameFile,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Fix } from '../engine/rules';
import { toTextEdit, type LineIndex, type OffsetEdit } from '../engine/text';

/** What the conversion knows about one file. */
export interface EditTarget {
  uri: string;
  /** The editor's version when the file is open (edits are then refused if it moved on), else null. */
  version: number | null;
  /** Line index of the text the edits' offsets refer to; undefined when the file cannot be read. */
  index: LineIndex | undefined;
}

/** What the client can apply (from ClientCapabilities.workspace.workspaceEdit). */
export interface EditCapabilities {
  documentChanges: boolean;
  /** Resource operations the client supports: 'create', 'rename', 'delete'. */
  resourceOperations: readonly string[];
}

export const FULL_EDIT_CAPABILITIES: EditCapabilities = { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] };

export function editCapabilitiesFrom(caps: {
  workspace?: { workspaceEdit?: { documentChanges?: boolean; resourceOperations?: readonly string[] } };
}): EditCapabilities {
  const we = caps.workspace?.workspaceEdit;
  return { documentChanges: !!we?.documentChanges, resourceOperations: we?.resourceOperations ?? [] };
}

/**
 * Converts a fix of the document at `docPath` into a WorkspaceEdit, or null when it cannot be expressed
 * for this client (it lacks create/rename support, or a file to edit cannot be read). `lookup` gives a
 * target for any path, existing or not (a file to create or a rename's new name has no `index`).
 *
 * Order of the operations: text edits first (the main document, then other files in the fix's order,
 * edits to the same file merged), then file creations with their content, then renames, so that every
 * text edit still refers to the file name it was computed for.
 */
export function fixToWorkspaceEdit(
  docPath: string,
  fix: Pick<Fix, 'edits' | 'otherFiles'>,
  lookup: (path: string) => EditTarget | undefined,
  caps: EditCapabilities = FULL_EDIT_CAPABILITIES,
): WorkspaceEdit | null {
  const textEdits: { target: EditTarget; edits: TextEdit[] }[] = [];
  const byUri = new Map<string, { target: EditTarget; edits: TextEdit[] }>();
  const addEdits = (path: string, edits: readonly OffsetEdit[]): boolean => {
    if (edits.length === 0) return true;
    const target = lookup(path);
    if (!target?.index) return false;
    let entry = byUri.get(target.uri);
    if (!entry) {
      entry = { target, edits: [] };
      byUri.set(target.uri, entry);
      textEdits.push(entry);
    }
    for (const e of edits) entry.edits.push(toTextEdit(target.index, e));
    return true;
  };
  if (!addEdits(docPath, fix.edits)) return null;

  const creates: { uri: string; content: string }[] = [];
  const renames: { oldUri: string; newUri: string }[] = [];
  const deletes: string[] = [];
  for (const change of fix.otherFiles ?? []) {
    if (change.delete) {
      deletes.push(lookup(change.path)?.uri ?? '');
    } else if (change.create !== undefined) {
      creates.push({ uri: lookup(change.path)?.uri ?? '', content: change.create });
    } else if (change.renameTo !== undefined) {
      renames.push({ oldUri: lookup(change.path)?.uri ?? '', newUri: lookup(change.renameTo)?.uri ?? '' });
    } else if (!addEdits(change.path, change.edits ?? [])) {
      return null;
    }
  }
  if (creates.some(c => !c.uri) || renames.some(r => !r.oldUri || !r.newUri) || deletes.some(d => !d)) return null;

  if (!caps.documentChanges) {
    if (creates.length || renames.length || deletes.length) return null;
    const changes: Record<string, TextEdit[]> = {};
    for (const { target, edits } of textEdits) changes[target.uri] = edits;
    return { changes };
  }
  if (creates.length && !caps.resourceOperations.includes('create')) return null;
  if (renames.length && !caps.resourceOperations.includes('rename')) return null;
  if (deletes.length && !caps.resourceOperations.includes('delete')) return null;

  const documentChanges: (TextDocumentEdit | CreateFile | RenameFile | DeleteFile)[] = [];
  const docId = (t: EditTarget): OptionalVersionedTextDocumentIdentifier => ({ uri: t.uri, version: t.version });
  for (const { target, edits } of textEdits) documentChanges.push({ textDocument: docId(target), edits });
  for (const c of creates) {
    documentChanges.push({ kind: 'create', uri: c.uri, options: { overwrite: false, ignoreIfExists: false } });
    if (c.content) {
      const at = { line: 0, character: 0 };
      documentChanges.push({ textDocument: { uri: c.uri, version: null }, edits: [{ range: { start: at, end: at }, newText: c.content }] });
    }
  }
  for (const r of renames) {
    documentChanges.push({ kind: 'rename', oldUri: r.oldUri, newUri: r.newUri, options: { overwrite: false, ignoreIfExists: false } });
  }
  for (const uri of deletes) documentChanges.push({ kind: 'delete', uri, options: { ignoreIfNotExists: true } });
  return { documentChanges };
}
