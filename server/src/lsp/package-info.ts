// Where the server's package is (for docs/rules links) and its version (for serverInfo, --version).
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';

/** The folder holding docs/rules: dist/.. for the bundle, the repository root for compiled tests. */
export function findPackageRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (nodeFs.existsSync(nodePath.join(dir, 'package.json')) && nodeFs.existsSync(nodePath.join(dir, 'docs'))) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return nodePath.dirname(start);
}

export function serverVersion(packageRoot: string): string {
  try {
    return JSON.parse(nodeFs.readFileSync(nodePath.join(packageRoot, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
