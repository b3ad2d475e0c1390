// Glob patterns of settings (`upkeep.httpd.files`): `**` (any folders), `*` and `?` (within a name),
// `{a,b}` and `[...]`. A pattern without a leading `/` or `**/` matches at any depth, like VS Code's
// files.associations. Paths are compared with forward slashes.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let g = glob.replace(/\\/g, '/');
  if (!g.startsWith('/') && !g.startsWith('**/')) g = '**/' + g;
  let re = '';
  let inBraces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches the rest.
        if (g[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces++;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces--;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  // An absolute pattern is anchored at the root; `**/...` may start after any slash.
  const out = new RegExp(g.startsWith('/') ? `^${re}$` : `(?:^|/)${re}$`);
  if (cache.size > 500) cache.clear();
  cache.set(glob, out);
  return out;
}

export function matchesAnyGlob(path: string, globs: readonly string[] | undefined): boolean {
  if (!globs?.length) return false;
  const p = path.replace(/\\/g, '/');
  return globs.some(g => globToRegExp(g).test(p));
}
