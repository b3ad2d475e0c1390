// Third-party Apache modules that real deployments load (PHP, mod_wsgi, ModSecurity, mod_jk, mod_perl ...),
// taken from Debian's packages so that scripts/gen-directives.mjs can learn their directives from the real
// modules, the same way it learns the bundled ones.
//
// The packages are not installed: installing them would drop their .so files into the system's module
// folder (which the test harness loads wholesale) and enable them in /etc/apache2. Instead each .deb is
// downloaded with `apt-get download` and unpacked into a scratch folder with `dpkg-deb -x`; only the shared
// libraries they link against are installed (`apt-get install`, as root), which changes nothing in Apache.
//
//   node scripts/apache/third-party.mjs DIR     -> unpacks the modules into DIR, prints the LoadModule entries
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Debian packages whose modules go into the directive table. `resolve`: a metapackage whose first
 * libapache2-mod-* dependency is the real package (libapache2-mod-php -> libapache2-mod-php8.2).
 * `loadFiles`: libraries loaded with LoadFile before the module, for modules built against an httpd that
 * brought the library itself (mod_qos expects the old libpcre that httpd no longer links).
 * Left out: libapache2-mod-ruwsgi (same module identifier as mod_uwsgi, they cannot be loaded together) and
 * modules for niche runtimes (Lisp, Neko, Mono, Tcl, OCaml, map tiles).
 */
export const THIRD_PARTY_PACKAGES = [
  { pkg: 'libapache2-mod-php', resolve: true },
  { pkg: 'libapache2-mod-wsgi-py3' },
  { pkg: 'libapache2-mod-python' },
  { pkg: 'libapache2-mod-security2' },
  { pkg: 'libapache2-mod-jk' },
  { pkg: 'libapache2-mod-perl2' },
  { pkg: 'libapache2-mod-auth-openidc' },
  { pkg: 'libapache2-mod-shib' },
  { pkg: 'libapache2-mod-passenger' },
  { pkg: 'libapache2-mod-fcgid' },
  { pkg: 'libapache2-mod-evasive' },
  { pkg: 'libapache2-mod-auth-mellon' },
  { pkg: 'libapache2-mod-qos', loadFiles: ['libpcre.so.3'] },
  { pkg: 'libapache2-mod-auth-cas' },
  { pkg: 'libapache2-mod-auth-gssapi' },
  { pkg: 'libapache2-mod-auth-tkt' },
  { pkg: 'libapache2-mod-auth-pubtkt' },
  { pkg: 'libapache2-mod-authnz-external' },
  { pkg: 'libapache2-mod-authnz-pam' },
  { pkg: 'libapache2-mod-authz-unixgroup' },
  { pkg: 'libapache2-mod-oauth2' },
  { pkg: 'libapache2-mod-xsendfile' },
  { pkg: 'libapache2-mod-rpaf' },
  { pkg: 'libapache2-mod-removeip' },
  { pkg: 'libapache2-mod-svn' },
  { pkg: 'libapache2-mod-uwsgi' },
  { pkg: 'libapache2-mod-geoip' },
  { pkg: 'libapache2-mod-bw' },
  { pkg: 'libapache2-mod-upload-progress' },
  { pkg: 'libapache2-mod-log-slow' },
];

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, ...opts });
  return { status: r.error ? -1 : (r.status ?? -1), stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
};

/** `Depends:` of a package as apt-cache prints them (first alternative of each). */
function dependsOf(pkg) {
  const r = run('apt-cache', ['depends', '--no-recommends', '--no-suggests', pkg]);
  return [...r.stdout.matchAll(/^\s+Depends: (\S+)$/gm)].map(m => m[1]).filter(n => !n.startsWith('<'));
}

const installed = pkg => run('dpkg-query', ['-W', '-f=${Status}', pkg]).stdout.includes('install ok installed');

/** Where the dynamic loader finds a library (`libpcre.so.3` -> /usr/lib/x86_64-linux-gnu/libpcre.so.3). */
function librarySearch(name) {
  const m = new RegExp(`\\s${name.replace(/\./g, '\\.')} \\([^)]*\\) => (\\S+)`).exec(run('ldconfig', ['-p']).stdout);
  return m ? m[1] : null;
}

/**
 * Downloads and unpacks the packages into DIR/root and installs the libraries they link against.
 * Returns { root, packages: [{pkg, version}], problems: [text] }. Never throws for one package that fails.
 */
export function fetchThirdParty(dir, packages = THIRD_PARTY_PACKAGES) {
  const debs = path.join(path.resolve(dir), 'debs');
  const root = path.join(path.resolve(dir), 'root');
  mkdirSync(debs, { recursive: true });
  mkdirSync(root, { recursive: true });
  const problems = [];
  const chosen = [];
  for (const p of packages) {
    const name = p.resolve ? (dependsOf(p.pkg).find(d => d.startsWith(p.pkg)) ?? null) : p.pkg;
    if (!name) problems.push(`${p.pkg}: no package it depends on`);
    else chosen.push({ ...p, pkg: name });
  }
  // apt-get download as root warns that the _apt user cannot write to the folder; harmless.
  const dl = run('apt-get', ['download', ...chosen.map(c => c.pkg)], { cwd: debs });
  if (dl.status !== 0) problems.push(`apt-get download: ${dl.stderr.trim().split('\n').pop()}`);
  const out = [];
  for (const c of chosen) {
    const file = readdirSync(debs).find(f => f.startsWith(`${c.pkg}_`) && f.endsWith('.deb'));
    if (!file) {
      problems.push(`${c.pkg}: not downloaded`);
      continue;
    }
    const x = run('dpkg-deb', ['-x', path.join(debs, file), root]);
    if (x.status !== 0) problems.push(`${c.pkg}: dpkg-deb -x failed: ${x.stderr.trim()}`);
    out.push({ ...c, version: file.split('_')[1] });
  }
  // The libraries the modules link against. Apache itself, other modules and interpreters are left alone.
  const libs = [...new Set(chosen.flatMap(c => dependsOf(c.pkg)))].filter(d => /^lib/.test(d) && !/^libapache2-/.test(d) && !installed(d));
  if (libs.length) {
    const ins = run('apt-get', ['install', '-y', '--no-install-recommends', ...libs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (ins.status !== 0) problems.push(`apt-get install ${libs.join(' ')} failed (root needed): ${ins.stderr.trim().split('\n').pop()}`);
  }
  return { root, packages: out, problems };
}

/**
 * The LoadModule entries of the unpacked packages, read from their own mods-available/*.load files (so the
 * module identifiers are the packages' own), with paths moved into the unpacked tree.
 * Each entry: { so, path, id, pkg, pre } where `pre` holds LoadFile lines to put before it.
 */
export function thirdPartyEntries(root, packages = THIRD_PARTY_PACKAGES) {
  const loadDir = path.join(root, 'etc/apache2/mods-available');
  if (!existsSync(loadDir)) return [];
  const owner = new Map();
  // Which package shipped which .load: dpkg-deb -c lists the files of each .deb.
  const debs = path.join(path.dirname(root), 'debs');
  if (existsSync(debs)) {
    for (const f of readdirSync(debs).filter(n => n.endsWith('.deb'))) {
      const pkg = f.split('_')[0];
      for (const m of run('dpkg-deb', ['-c', path.join(debs, f)]).stdout.matchAll(/\.\/etc\/apache2\/mods-available\/(\S+\.load)$/gm)) owner.set(m[1], pkg);
    }
  }
  const out = [];
  for (const name of readdirSync(loadDir).filter(n => n.endsWith('.load')).sort()) {
    const text = readFileSync(path.join(loadDir, name), 'utf8');
    const pkg = owner.get(name) ?? null;
    const spec = packages.find(p => pkg && (pkg === p.pkg || (p.resolve && pkg.startsWith(p.pkg))));
    const pre = (spec?.loadFiles ?? []).map(l => librarySearch(l)).filter(Boolean).map(p => `LoadFile "${p}"`);
    for (const m of text.matchAll(/^\s*LoadModule\s+(\S+)\s+(\S+)\s*$/gm)) {
      const file = path.join(root, m[2].replace(/^\//, ''));
      if (!existsSync(file)) continue;
      out.push({ so: path.basename(file), path: file, id: m[1], pkg, ...(pre.length ? { pre } : {}) });
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/apache/third-party.mjs DIR');
    process.exit(2);
  }
  const r = fetchThirdParty(dir);
  for (const p of r.problems) console.error(`third-party: ${p}`);
  process.stdout.write(JSON.stringify({ ...r, entries: thirdPartyEntries(r.root) }, null, 1) + '\n');
}
