// Where the repository and the shared corpus are, for tests compiled anywhere under the repository.
import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The repository root: the nearest folder above this file that holds package.json. */
export function repoRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'server', 'src'))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** `../shared/corpus/<kind>` next to the repository (where CI puts shared/), or that path when absent. */
export function corpusPath(kind: string): string {
  return path.join(repoRoot(), '..', 'shared', 'corpus', kind);
}

/** The corpus folder of a kind, or null when shared/ is not there (tests then skip with a message). */
export function corpusDir(kind: string): string | null {
  const dir = corpusPath(kind);
  return existsSync(dir) ? dir : null;
}
