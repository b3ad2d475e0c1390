// Test helpers for editor features, in the style of LemMinX's tests: the cursor is marked in the source
// text with `|` (or another marker when the text needs a literal `|`), and the file lives in an in-memory
// workspace so that Include targets, plugin-cfg.xml and error pages can be set up next to it.
import '../../../server/src/languages';
import { MemoryFileSystem, Project, type ProjectOptions, type SourceFile } from '../../../server/src/engine/workspace';
import { applyTextEdits, LineIndex } from '../../../server/src/engine/text';
import type { HttpdTree } from '../../../server/src/httpd/syntax';
import type { Range, TextEdit } from 'vscode-languageserver-types';

export const DEFAULT_PATH = '/ws/conf/httpd.conf';

/** Removes the first `marker` from `src`; returns the text and the marker's offset. */
export function cursor(src: string, marker = '|'): { text: string; offset: number } {
  const at = src.indexOf(marker);
  if (at < 0) throw new Error(`no cursor marker ${JSON.stringify(marker)} in ${JSON.stringify(src)}`);
  if (src.indexOf(marker, at + marker.length) >= 0) throw new Error(`more than one cursor marker ${JSON.stringify(marker)}: pass another marker`);
  return { text: src.slice(0, at) + src.slice(at + marker.length), offset: at };
}

export interface Setup {
  project: Project;
  file: SourceFile<HttpdTree>;
  offset: number;
  text: string;
}

/**
 * A workspace rooted at /ws with the file under test (cursor marked) and other files. The file under test
 * is /ws/conf/httpd.conf unless `path` says otherwise.
 */
export function setup(
  src: string,
  opts: { path?: string; files?: Record<string, string>; options?: ProjectOptions; marker?: string } = {},
): Setup {
  const { text, offset } = src.includes(opts.marker ?? '|') ? cursor(src, opts.marker) : { text: src, offset: 0 };
  const path = opts.path ?? DEFAULT_PATH;
  const fs = new MemoryFileSystem({ ...(opts.files ?? {}), [path]: text });
  const project = new Project(fs, { roots: ['/ws'], ...(opts.options ?? {}) });
  const file = project.file<HttpdTree>(path, 'apacheconf');
  if (!file) throw new Error(`${path} could not be read`);
  return { project, file, offset, text };
}

/** `{ line, character }` pairs as `L:C-L:C` (0-based), for compact range assertions. */
export function rangeText(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The text a range covers. */
export function textOf(text: string, r: Range): string {
  const ix = new LineIndex(text);
  return text.slice(ix.offsetAt(r.start), ix.offsetAt(r.end));
}

export function apply(text: string, edits: TextEdit[]): string {
  return applyTextEdits(text, edits);
}
