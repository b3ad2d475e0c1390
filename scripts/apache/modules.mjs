// Shared helpers for talking to a real Apache httpd: locating the binary and its module folder, writing a
// scratch base config, and building one LoadModule list that loads every shared module at once.
//
// This is the single home of the module-ordering logic. It is used two ways:
//   - imported by scripts/gen-directives.mjs (the directive table generator);
//   - run as a command by test/support/apache.ts (compiled to CommonJS, so it cannot import an .mjs file
//     synchronously):  node scripts/apache/modules.mjs WORKDIR   -> writes WORKDIR/base.conf and
//     WORKDIR/all-modules.load, prints a JSON summary on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** MPMs we never load next to the chosen one (Apache refuses a second MPM). */
const MPM_PREFERENCE = ['mpm_event', 'mpm_worker', 'mpm_prefork'];

/** Folders where distributions put httpd's shared modules, most likely first. */
const MODULE_DIR_GUESSES = [
  '/usr/lib/apache2/modules', // Debian, Ubuntu
  '/usr/lib64/httpd/modules', // Fedora, RHEL
  '/usr/lib/httpd/modules',
  '/usr/local/apache2/modules', // the official Docker image, source builds
  '/usr/libexec/apache2', // openSUSE, macOS
];

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * The httpd binary to use: $UPKEEP_APACHE_BIN, else `apache2` (Debian names it so), else `httpd`.
 * Debian keeps apache2 in /usr/sbin, which is not on every user's PATH, so that is tried too.
 * Returns null when none exists.
 */
export function findApacheBinary() {
  const fromEnv = process.env.UPKEEP_APACHE_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return onPath('apache2') ?? (existsSync('/usr/sbin/apache2') ? '/usr/sbin/apache2' : null) ?? onPath('httpd');
}

/** Folder holding mod_*.so: $UPKEEP_APACHE_MODULES or the first usual folder that has an MPM in it. */
export function findModulesDir() {
  const fromEnv = process.env.UPKEEP_APACHE_MODULES;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const dir of MODULE_DIR_GUESSES) {
    if (MPM_PREFERENCE.some(m => existsSync(path.join(dir, `mod_${m}.so`)))) return dir;
  }
  return null;
}

/** Runs httpd synchronously; never throws on a non-zero exit. */
export function runApache(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `Apache/2.4.x (Debian)` as printed by `httpd -v`. */
export function apacheVersion(bin) {
  const m = /Server version:\s*(.+)/.exec(runApache(bin, ['-v']).stdout);
  return m ? m[1].trim() : 'unknown';
}

/** Modules compiled into the binary, as source names (`core.c`, `mod_so.c`, ...), in `-l` order. */
export function staticModuleSources(bin) {
  return runApache(bin, ['-l'])
    .stdout.split('\n')
    .map(l => l.trim())
    .filter(l => /\.c$/.test(l));
}

/**
 * Writes WORKDIR/base.conf: the least a config needs for `httpd -t` to run without touching the system's
 * own files. Everything mutable lives under WORKDIR. Returns the absolute path.
 */
export function writeBaseConfig(workdir) {
  const dir = path.resolve(workdir);
  mkdirSync(path.join(dir, 'run'), { recursive: true });
  const file = path.join(dir, 'base.conf');
  const q = p => `"${p}"`;
  writeFileSync(
    file,
    [
      '# Scratch base config written by scripts/apache/modules.mjs',
      `ServerRoot ${q(dir)}`,
      `DefaultRuntimeDir ${q(path.join(dir, 'run'))}`,
      `PidFile ${q(path.join(dir, 'run', 'httpd.pid'))}`,
      `ErrorLog ${q(path.join(dir, 'error.log'))}`,
      // Without a ServerName httpd prints a warning (AH00558) on every run; it is noise for our parsers.
      'ServerName localhost',
      '',
    ].join('\n'),
  );
  return file;
}

/** Every mod_*.so in the folder, minus the MPMs we do not use. Sorted by file name. */
export function listSharedModules(modulesDir) {
  const files = readdirSync(modulesDir).filter(f => /^mod_.+\.so$/.test(f)).sort();
  const mpms = MPM_PREFERENCE.filter(m => files.includes(`mod_${m}.so`));
  if (mpms.length === 0) throw new Error(`no MPM module (mod_mpm_*.so) in ${modulesDir}`);
  const chosenMpm = mpms[0];
  return files
    .filter(f => !f.startsWith('mod_mpm_') || f === `mod_${chosenMpm}.so`)
    .map(f => ({ so: f, path: path.join(modulesDir, f), id: `${f.slice(4, -3)}_module` }));
}

/**
 * Names in a shared object that could be its module structure (`..._module`). The usual convention is
 * mod_foo.so -> foo_module, but third-party modules do not always follow it; this is the fallback list of
 * candidates, each of which is then tried with a real LoadModule.
 */
export function moduleSymbolCandidates(soPath) {
  const text = readFileSync(soPath).toString('latin1');
  const found = new Set();
  for (const m of text.matchAll(/(?<=\0)([A-Za-z_][A-Za-z0-9_]*_module)(?=\0)/g)) found.add(m[1]);
  return [...found];
}

/**
 * Strings in a shared object that could be the module's source name (`mod_foo.c`, `util_ldap.c`, `event.c`).
 * httpd uses the basename of __FILE__ as the module name, so the name is always among these (`.cpp` for
 * modules written in C++, such as mod_shib; dots and dashes occur too: `mod_rpaf-2.0.c`).
 */
export function sourceNameCandidates(soPath) {
  const text = readFileSync(soPath).toString('latin1');
  const found = new Set();
  // The name may be the tail of a longer path string (the compiler shares string tails), or follow other data
  // directly: any name that ends at a NUL counts.
  for (const m of text.matchAll(/(?<![A-Za-z0-9_.-])([A-Za-z0-9_][A-Za-z0-9_.-]*\.c(?:pp)?)(?=\0)/g)) found.add(m[1]);
  return [...found];
}

/** LoadModule lines (preceded by an entry's `pre` lines, e.g. a LoadFile it needs). */
export const loadLines = entries => entries.map(e => [...(e.pre ?? []), `LoadModule ${e.id} "${e.path}"`].join('\n')).join('\n') + '\n';

/** First error httpd printed for a config whose LoadModule lines came in through -C. */
const CANNOT_LOAD = /Cannot load (\S+?\.so) into server/;
const NO_STRUCT = /Can't locate API module structure `([^']+)' in file (\S+?\.so)/;

/**
 * Finds an order of LoadModule lines in which every module loads, by asking httpd: load all, and when one
 * fails (usually an undefined symbol that another module provides) move it to the end and try again. When a
 * module's structure is not named after its file, the candidates found in the file are tried in turn.
 * A module that keeps failing after every other module has had a chance to load before it is left out and
 * reported in `skipped`.
 *
 * Writes WORKDIR/all-modules.load and returns { loadFile, entries, rounds, skipped }.
 */
export function orderModules({ bin, workdir, modulesDir, initialOrder }) {
  const dir = path.resolve(workdir);
  const base = path.join(dir, 'base.conf');
  if (!existsSync(base)) writeBaseConfig(dir);
  const loadFile = path.join(dir, 'all-modules.load');
  let entries = initialOrder ? [...initialOrder] : listSharedModules(modulesDir);
  const moves = new Map();
  const idTried = new Map();
  const skipped = [];
  const maxRounds = 4 * entries.length + 10;
  for (let round = 1; round <= maxRounds; round++) {
    writeFileSync(loadFile, loadLines(entries));
    const r = runApache(bin, ['-t', '-f', base, '-C', `Include ${loadFile}`]);
    if (r.status === 0) return { loadFile, entries, rounds: round, skipped };
    const err = r.stderr;
    let m;
    if ((m = NO_STRUCT.exec(err))) {
      // Wrong identifier: try the next `*_module` name found inside the file.
      const file = m[2];
      const entry = entries.find(e => e.path === file);
      if (!entry) throw new Error(`httpd named a module file we did not load: ${file}\n${err}`);
      const tried = idTried.get(file) ?? new Set([entry.id]);
      tried.add(m[1]);
      idTried.set(file, tried);
      const next = moduleSymbolCandidates(file).find(c => !tried.has(c));
      if (next) {
        entries = entries.map(e => (e === entry ? { ...entry, id: next } : e));
      } else {
        skipped.push({ so: entry.so, reason: `no module structure found (tried ${[...tried].join(', ')})` });
        entries = entries.filter(e => e !== entry);
      }
      continue;
    }
    if ((m = CANNOT_LOAD.exec(err))) {
      const entry = entries.find(e => e.path === m[1]);
      if (!entry) throw new Error(`httpd named a module file we did not load: ${m[1]}\n${err}`);
      const n = (moves.get(entry.so) ?? 0) + 1;
      moves.set(entry.so, n);
      entries = entries.filter(e => e !== entry);
      if (n > entries.length + 1) {
        skipped.push({ so: entry.so, reason: err.trim().split('\n')[0] });
      } else {
        entries.push(entry);
      }
      continue;
    }
    throw new Error(`httpd rejected the module list for a reason other than loading a module:\n${err}`);
  }
  throw new Error(`could not order the modules in ${maxRounds} rounds`);
}

/** Everything a caller needs in one go: base config plus the all-modules list, in WORKDIR. */
export function prepareAllModules(workdir, opts = {}) {
  const bin = opts.bin ?? findApacheBinary();
  if (!bin) throw new Error('apache2 (httpd) not found: apt-get install apache2, or set UPKEEP_APACHE_BIN');
  const modulesDir = opts.modulesDir ?? findModulesDir();
  if (!modulesDir) throw new Error('no httpd module folder found: set UPKEEP_APACHE_MODULES');
  const base = writeBaseConfig(workdir);
  const { loadFile, entries, rounds, skipped } = orderModules({ bin, workdir, modulesDir });
  const mpm = entries.find(e => e.so.startsWith('mod_mpm_'));
  const mpmFile = path.join(path.resolve(workdir), 'mpm-only.load');
  writeFileSync(mpmFile, loadLines([mpm]));
  return { bin, modulesDir, base, loadFile, mpmFile, entries, rounds, skipped };
}

// Command-line use (by the test harness):
//   node scripts/apache/modules.mjs --which    -> {"bin": path or null, "modulesDir": path or null}
//   node scripts/apache/modules.mjs WORKDIR    -> writes the files, prints prepareAllModules()'s result
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workdir = process.argv[2];
  if (!workdir) {
    console.error('usage: node scripts/apache/modules.mjs --which | WORKDIR');
    process.exit(2);
  }
  if (workdir === '--which') {
    const bin = findApacheBinary();
    process.stdout.write(JSON.stringify({ bin, modulesDir: bin ? findModulesDir() : null }) + '\n');
    process.exit(0);
  }
  try {
    const r = prepareAllModules(workdir);
    process.stdout.write(JSON.stringify(r) + '\n');
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
