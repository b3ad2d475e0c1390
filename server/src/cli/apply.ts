// Writes planned FileChanges to disk for CLI commands: edits keep each file's encoding and bytes
// outside the edited spans; created files must not exist; renames refuse to overwrite.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { FileChange } from '../engine/rules';
import { applyOffsetEdits, decodeBytes, encodeText } from '../engine/text';

export function applyFileChanges(changes: FileChange[]): string[] {
  const touched: string[] = [];
  for (const c of changes) {
    if (c.create !== undefined) {
      if (fs.existsSync(c.path)) throw new Error(`${c.path} already exists; not overwriting it`);
      fs.mkdirSync(nodePath.dirname(c.path), { recursive: true });
      fs.writeFileSync(c.path, c.create);
      touched.push(c.path);
    } else if (c.renameTo !== undefined) {
      if (fs.existsSync(c.renameTo)) throw new Error(`${c.renameTo} already exists; not renaming ${c.path} onto it`);
      fs.renameSync(c.path, c.renameTo);
      touched.push(c.renameTo);
    } else if (c.edits && c.edits.length) {
      const d = decodeBytes(fs.readFileSync(c.path));
      fs.writeFileSync(c.path, encodeText(applyOffsetEdits(d.text, c.edits), d.encoding));
      touched.push(c.path);
    }
  }
  return touched;
}
