// A symbolic link checked out as a plain file. Git stores a link as a blob holding the link's target path
// (no line break); where symbolic links are turned off (core.symlinks=false, the default of Git for
// Windows) the checkout writes that blob as an ordinary file. Debian's layout is full of such links
// (mods-enabled/*.load -> ../mods-available/*.load, sites-enabled/*), so a configuration checked out on
// a Windows workstation would read as dozens of "unknown directive" lines and miss every module and site
// those links enable. On the server, Apache follows the link; the model does the same here.
import * as nodePath from 'node:path';
import type { Project, SourceFile } from '../engine/workspace';
import type { HttpdTree } from './syntax';

/** A link target as Git writes it: one relative path with a slash, no white space, no markup or quotes. */
const TARGET = /^(?![#<])[^\s"'`<>|*?\u0000-\u001f\u007f]*\/[^\s"'`<>|*?\u0000-\u001f\u007f]*$/;
/** Longer texts are not link blobs (PATH_MAX is 4096). */
const MAX_LENGTH = 4096;
/** A chain of placeholders longer than this is not followed (the kernel stops at 40 links; a cycle ends here too). */
const MAX_HOPS = 8;

/**
 * The path a file's text names when the text is only a relative link target ("../mods-available/ssl.load",
 * one trailing line break allowed, as an editor may add one), else null. Syntax only: no file is read.
 */
export function placeholderPath(text: string): string | null {
  if (text.length === 0 || text.length > MAX_LENGTH) return null;
  const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body.startsWith('/') || !TARGET.test(body)) return null;
  return body;
}

export interface LinkPlaceholder {
  /** The target as written in the file. */
  written: string;
  /** The file it ends at (every placeholder on the way followed). */
  target: string;
}

/**
 * When the httpd file at `path` is a link placeholder whose target exists in the workspace as a file:
 * what it names and the file it leads to. A placeholder whose target is not there is not one Upkeep can
 * vouch for (it is linted as the text it holds).
 */
export function linkPlaceholder(project: Project, path: string, text?: string): LinkPlaceholder | null {
  let current = path;
  let body = text;
  let written: string | null = null;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (body === undefined) {
      const sf = project.file<HttpdTree>(current, 'apacheconf');
      if (!sf) return null;
      body = sf.text;
    }
    const next = placeholderPath(body);
    if (next === null) return written === null ? null : { written, target: current };
    if (written === null) written = next;
    const resolved = nodePath.resolve(nodePath.dirname(current), next);
    if (resolved === current || project.fs.stat(resolved) !== 'file') return null;
    current = resolved;
    body = undefined;
  }
  return null;
}

/** Could this parsed file be a placeholder? One directive (the path), nothing else, a short text. */
export function mayBePlaceholder(sf: SourceFile<HttpdTree>): boolean {
  const t = sf.tree;
  return t.directives.length === 1 && t.sections.length === 0 && t.comments.length === 0 && sf.text.length <= MAX_LENGTH + 2;
}

/**
 * The file Apache reads for `path` and its parse: the placeholder's target when `path` is a link
 * placeholder, else `path` itself (undefined when it cannot be read). One parse lookup for an ordinary file.
 */
export function followPlaceholder(project: Project, path: string): { path: string; sf: SourceFile<HttpdTree> } | undefined {
  const sf = project.file<HttpdTree>(path, 'apacheconf');
  if (!sf) return undefined;
  if (!mayBePlaceholder(sf)) return { path, sf };
  const link = linkPlaceholder(project, path, sf.text);
  if (!link) return { path, sf };
  const target = project.file<HttpdTree>(link.target, 'apacheconf');
  return target ? { path: link.target, sf: target } : { path, sf };
}
