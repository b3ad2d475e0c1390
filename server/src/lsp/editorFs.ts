// The file system the server's Project reads: the editor's open documents over the disk. The
// overlay knows no bytes, only text; a document whose text holds NUL characters near its start is
// reported as binary (like a binary file on disk), so the engine skips parsing it and says why.
import { OverlayFileSystem, type FileText } from '../engine/workspace';

/** How far into a document NUL characters are looked for (the disk reader's probe size). */
const BINARY_PROBE = 8192;

export class EditorFileSystem extends OverlayFileSystem {
  override readText(path: string): FileText | undefined {
    const ft = super.readText(path);
    if (!ft || ft.binary || !this.has(path)) return ft;
    const probe = ft.text.length > BINARY_PROBE ? ft.text.slice(0, BINARY_PROBE) : ft.text;
    return probe.includes('\0') ? { ...ft, binary: true } : ft;
  }
}
