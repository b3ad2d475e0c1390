// Document URIs <-> the file paths the engine works with. `file:` URIs map to their path; any other
// scheme (`untitled:` buffers, for instance) gets a stable virtual path that exists in no real folder,
// so the overlay file system can serve the buffer under it.
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Folder (never created) under which documents without a file path are kept in the overlay. */
export const VIRTUAL_ROOT = nodePath.resolve('/', '.upkeep-virtual');

export function uriToPath(uri: string): string {
  if (/^file:/i.test(uri)) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A file URI with a host (file://server/share) on POSIX, or a malformed one: keep it virtual.
    }
  }
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : 'unknown';
  let rest = colon > 0 ? uri.slice(colon + 1) : uri;
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // keep it encoded
  }
  // One path segment per URI, readable in logs; the file name is kept so classification by name works.
  const name = rest.replace(/[?#].*$/, '').split(/[\\/]/).filter(Boolean).pop() || 'document';
  const safe = (s: string) => s.replace(/[^\w.\-]+/g, '_').slice(0, 120);
  return nodePath.join(VIRTUAL_ROOT, safe(scheme), hash(uri), safe(name));
}

export function isVirtualPath(path: string): boolean {
  return path === VIRTUAL_ROOT || path.startsWith(VIRTUAL_ROOT + nodePath.sep);
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Small stable hash (FNV-1a, hex) so two buffers with the same name get different virtual paths. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
