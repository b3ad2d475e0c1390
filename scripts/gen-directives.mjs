#!/usr/bin/env node
// Generates server/src/httpd/directives.json, the directive table of the httpd language support, from a real
// Apache httpd on this machine. See docs/directive-table.md for the schema and the method.
//
//   node scripts/gen-directives.mjs [--out FILE] [--keep] [--log FILE] [--jobs N]
//
//   --out FILE   where to write the table (default server/src/httpd/directives.json)
//   --keep       keep the scratch folder (its path is printed) for inspection
//   --log FILE   write every probe (config text, exit status, first error) as JSON, for checking the rules
//   --jobs N     probes run in parallel (default: twice the number of CPUs; each probe mostly waits)
//   --load-all   probe every directive with all modules loaded (slower; to cross-check the default, which
//                loads only the MPM and the directive's own module when that module loads on its own)
//   --no-third-party       leave out the third-party modules of Debian's libapache2-mod-* packages (PHP,
//                          mod_wsgi, ModSecurity, mod_jk ...; see scripts/apache/third-party.mjs). By default
//                          they are downloaded with apt-get, unpacked into the scratch folder (not installed)
//                          and probed like the bundled modules; their libraries are installed (root).
//   --third-party-dir DIR  unpack them into DIR, or reuse DIR when it already holds them
//
// Only facts are stored: names, modules, contexts, AllowOverride classes, argument counts. The description
// lines httpd prints with -L are Apache's own words and are read past, never kept.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  apacheVersion,
  findApacheBinary,
  findModulesDir,
  loadLines,
  orderModules,
  prepareAllModules,
  runApache,
  sourceNameCandidates,
  staticModuleSources,
} from './apache/modules.mjs';
import { fetchThirdParty, thirdPartyEntries } from './apache/third-party.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const opt = name => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const outFile = path.resolve(opt('--out') ?? path.join(root, 'server/src/httpd/directives.json'));
const keep = argv.includes('--keep');
const logFile = opt('--log');
const loadAll = argv.includes('--load-all');
const withThirdParty = !argv.includes('--no-third-party');
const thirdPartyDir = opt('--third-party-dir');
const jobs = Math.max(1, Number(opt('--jobs') ?? 2 * (os.availableParallelism?.() ?? os.cpus().length)));

const started = Date.now();
const bin = findApacheBinary();
if (!bin) {
  console.error(
    'gen-directives: no Apache httpd found (looked for $UPKEEP_APACHE_BIN, apache2, /usr/sbin/apache2, httpd).\n' +
      'The directive table is generated from a real httpd. Install one (Debian/Ubuntu: apt-get install apache2)\n' +
      'and run again. The committed server/src/httpd/directives.json stays valid meanwhile.',
  );
  process.exit(1);
}
const modulesDir = findModulesDir();
if (!modulesDir) {
  console.error('gen-directives: found httpd but no module folder with an MPM in it; set UPKEEP_APACHE_MODULES.');
  process.exit(1);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'upkeep-gen-directives-'));
const cleanup = () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanup);

// ---------------------------------------------------------------------------------------------------------
// 1. Load every module and read httpd's own directive list (-L).
const prep = prepareAllModules(work, { bin, modulesDir });
if (prep.skipped.length) {
  console.error('gen-directives: some modules could not be loaded together with the others:');
  for (const s of prep.skipped) console.error(`  ${s.so}: ${s.reason}`);
}
const version = apacheVersion(bin);
const mainMpm = prep.entries.find(e => e.so.startsWith('mod_mpm_'));
const otherMpms = readdirSync(modulesDir).filter(f => /^mod_mpm_.+\.so$/.test(f) && f !== mainMpm.so).sort();
const mpmEntry = so => ({ so, path: path.join(modulesDir, so), id: `${so.slice(4, -3)}_module` });
const preforkEntry = existsSync(path.join(modulesDir, 'mod_mpm_prefork.so')) ? mpmEntry('mod_mpm_prefork.so') : null;

// Third-party modules (Debian's libapache2-mod-* packages, unpacked, not installed). Those that load next to
// the bundled ones join the main list; those that refuse a threaded MPM (PHP) are listed and probed with
// prefork only.
const thirdParty = { main: [], prefork: [], skipped: [], packages: [] };
if (withThirdParty) {
  const dir = path.resolve(thirdPartyDir ?? path.join(work, 'third-party'));
  if (!existsSync(path.join(dir, 'root', 'etc', 'apache2', 'mods-available'))) {
    const fetched = fetchThirdParty(dir);
    for (const p of fetched.problems) console.error(`gen-directives: third-party: ${p}`);
  }
  const check = path.join(work, 'third-party-check.load');
  const loads = entries => {
    writeFileSync(check, loadLines(entries));
    const r = runApache(bin, ['-t', '-f', prep.base, '-C', `Include ${check}`]);
    // An undefined symbol that another third-party module provides (mod_authz_svn needs mod_dav_svn): the
    // ordering below sorts it out.
    return r.status === 0 || /Cannot load \S+ into server: .*undefined symbol/.test(r.stderr) ? '' : r.stderr.trim().split('\n').pop();
  };
  for (const e of thirdPartyEntries(path.join(dir, 'root'))) {
    const why = loads([...prep.entries, e]);
    if (!why) thirdParty.main.push(e);
    else if (preforkEntry && !loads([...prep.entries.map(x => (x === mainMpm ? preforkEntry : x)), e])) thirdParty.prefork.push({ ...e, mpm: preforkEntry });
    else thirdParty.skipped.push(`${e.so} (${e.pkg}): ${why}`);
  }
  if (thirdParty.main.length) {
    const ordered = orderModules({ bin, workdir: work, modulesDir, initialOrder: [...prep.entries, ...thirdParty.main] });
    for (const s of ordered.skipped) thirdParty.skipped.push(`${s.so}: ${s.reason}`);
    prep.entries = ordered.entries;
  }
  for (const s of thirdParty.skipped) console.error(`gen-directives: third-party module left out: ${s}`);
}

/** Parses `httpd -L`. Every entry starts with `Name (source.c)` in column 0; indented lines follow. */
function parseDirectiveList(text) {
  const out = [];
  let cur = null;
  for (const line of text.split('\n')) {
    const head = /^(<?)([A-Za-z0-9_]+) \(([A-Za-z0-9_][A-Za-z0-9_.-]*\.c(?:pp)?)\)$/.exec(line);
    if (head) {
      cur = { name: head[2], section: head[1] === '<', module: head[3], allowed: null, when: null };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const allowed = /^\tAllowed in \*\.conf (.*)$/.exec(line);
    if (allowed) cur.allowed = allowed[1];
    const when = /^\twhen AllowOverride (.*)$/.exec(line);
    if (when) cur.when = when[1];
    // Anything else is the description (possibly several lines): Apache's words, skipped on purpose.
  }
  for (const d of out) if (!d.allowed) throw new Error(`-L entry without an "Allowed in" line: ${d.name} (${d.module})`);
  return out;
}

/** Turns the "Allowed in" / "when AllowOverride" phrases into contexts and override classes. */
function contextsOf(d) {
  const a = d.allowed;
  const contexts = [];
  let rest;
  if (a.startsWith('anywhere')) {
    contexts.push('server', 'virtualhost', 'directory');
    rest = a.slice('anywhere'.length);
  } else if (a.startsWith('only outside <Directory>, <Files>, <Location>, or <If>')) {
    contexts.push('server', 'virtualhost');
    rest = a.slice('only outside <Directory>, <Files>, <Location>, or <If>'.length);
  } else if (a.startsWith('only inside <Directory>, <Files>, <Location>, or <If>')) {
    contexts.push('directory');
    rest = a.slice('only inside <Directory>, <Files>, <Location>, or <If>'.length);
  } else {
    throw new Error(`unknown "Allowed in" phrase for ${d.name}: ${a}`);
  }
  const result = { contexts };
  if (rest.startsWith(' [no per-dir config]')) {
    result.noPerDirConfig = true;
    rest = rest.slice(' [no per-dir config]'.length);
  }
  if (rest === ' and in .htaccess') {
    contexts.push('htaccess');
    if (d.when === "isn't None") result.override = ['*'];
    else if (d.when && d.when.startsWith('includes ')) result.override = d.when.slice('includes '.length).split(' or ');
    else throw new Error(`.htaccess entry without a readable AllowOverride line: ${d.name}: ${d.when}`);
  } else if (rest !== '') {
    throw new Error(`unknown tail of the "Allowed in" phrase for ${d.name}: ${rest}`);
  }
  return result;
}

const listing = runApache(bin, ['-f', prep.base, '-C', `Include ${prep.loadFile}`, '-L']);
if (listing.status !== 0) throw new Error(`httpd -L failed:\n${listing.stderr}`);
const mainList = parseDirectiveList(listing.stdout).map(d => ({ ...d, load: prep.loadFile }));

// The other MPMs' directives (MinSpareServers and friends exist only in prefork): same list with that MPM
// in place of the main one.
const mpmLists = [];
for (const so of otherMpms) {
  const entries = [
    ...prep.entries.map(e => (e === mainMpm ? mpmEntry(so) : e)),
    ...(so === preforkEntry?.so ? thirdParty.prefork : []),
  ];
  const load = path.join(work, `with-${so.slice(0, -3)}.load`);
  writeFileSync(load, loadLines(entries));
  const r = runApache(bin, ['-f', prep.base, '-C', `Include ${load}`, '-L']);
  if (r.status !== 0) {
    console.error(`gen-directives: skipping ${so}: httpd -L failed with it: ${r.stderr.trim().split('\n')[0]}`);
    continue;
  }
  mpmLists.push({ so, load, list: parseDirectiveList(r.stdout).map(d => ({ ...d, load })) });
}

// ---------------------------------------------------------------------------------------------------------
// 2. Probes: small configs checked by the real httpd.
let probeCount = 0;
const probeLog = [];
/** `httpd -t` on one config snippet; resolves to the exit status and the first error httpd reports. */
function probe(text, load) {
  const file = path.join(work, `probe-${++probeCount}.conf`);
  writeFileSync(file, text);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-t', '-T', '-f', prep.base, '-C', `Include ${load}`, '-c', `Include ${file}`]);
    let stderr = '';
    child.stderr.on('data', c => (stderr += c));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', status => {
      clearTimeout(timer);
      const result = { status, message: firstError(stderr, status) };
      if (logFile) probeLog.push({ text, load: path.basename(load), ...result });
      resolve(result);
    });
  });
}

/** The message of the first error in httpd's stderr ('' when it reported none). */
function firstError(stderr, status) {
  const lines = stderr.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^AH00526: Syntax error on line \d+ of .*:$/.test(lines[i])) return (lines[i + 1] ?? '').trim();
    const inline = /Syntax error on line \d+ of [^:]+: (.*)$/.exec(lines[i]);
    if (inline) return inline[1].trim();
  }
  if (status === 0) return '';
  // Not a syntax error (e.g. a post-config failure): the first line that is not a notice or a warning.
  const quiet = /^\[[^\]]*\] \[[^:\]]*:(notice|info|debug|warn)\]|^AH00112|^AH00558|WARNING:|^Syntax OK$/;
  return lines.find(l => l.trim() && !quiet.test(l))?.trim() ?? '';
}

/** Runs async tasks with at most `jobs` in flight. */
async function pool(items, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

// Messages httpd's core prints when the number of words does not fit the directive's declared shape. They are
// produced before the module's own handler runs, so they say nothing about the values, only the count.
// A reading is only kept when it checks out: the core accepts the minimum and refuses one word more (see
// probeDirective). The summary prints how often each message was seen. With Apache 2.4.71 "takes no
// arguments" never appears (directives declared without arguments accept and ignore extra words) and
// "takes one or three arguments" has no user; both stay for other builds.
const COUNT_RULES = [
  { re: /^ takes no arguments/, args: { min: 0, max: 0 } },
  { re: /^ takes one argument/, args: { min: 1, max: 1 } },
  { re: /^ takes two arguments/, args: { min: 2, max: 2 } },
  { re: /^ takes three arguments/, args: { min: 3, max: 3 } },
  { re: /^ takes 1-2 arguments/, args: { min: 1, max: 2 } },
  { re: /^ takes one, two or three arguments/, args: { min: 1, max: 3 } },
  { re: /^ takes two or three arguments/, args: { min: 2, max: 3 } },
  { re: /^ takes one or three arguments/, args: { min: 1, max: 3 } },
  { re: /^ requires at least one argument/, args: { min: 1, max: null } },
  { re: /^ requires at least two arguments/, args: { min: 2, max: null } },
  // On/Off: httpd only reads the first word and ignores any after it (checked below), hence max null.
  { re: /^ must be On or Off/, args: { min: 1, max: null }, flag: true },
];
function countRule(name, message) {
  if (!message.startsWith(`${name} `) && !message.startsWith(`<${name} `)) return null;
  // The core's text is `NAME takes one argument, <the directive's own help>`: match right after the name.
  const tail = message.slice(message.indexOf(' '));
  return COUNT_RULES.find(r => r.re.test(tail)) ?? null;
}

const CONTEXT_ERRORS = [
  { re: /cannot occur within <VirtualHost> section/, refuses: 'virtualhost', globalOnly: true },
  { re: /only used in <VirtualHost>|only valid in <VirtualHost>|must be (?:used |set )?(?:in|inside) (?:a )?<VirtualHost>/i, refuses: 'server' },
  { re: /not allowed here/, refuses: 'here' },
  { re: /cannot occur within <(Directory|Location|Files)[^>]*> section|not allowed in <(Directory|Location|Files)[^>]*> context/, refuses: 'directory' },
  // mod_md: a few directives belong inside <MDomain>/<MDomainSet> only; the table has no context for that.
  { re: /is only valid inside a '<\w+' context/, refuses: 'section' },
];
const contextError = message => CONTEXT_ERRORS.find(c => c.re.test(message)) ?? null;

const WRAP = {
  server: body => body,
  virtualhost: body => `<VirtualHost *:80>\n${body}\n</VirtualHost>\n`,
  directory: body => `<Directory "/">\n${body}\n</Directory>\n`,
};
const line = (d, words) => {
  const head = d.section ? `<${d.name}${words.length ? ' ' + words.join(' ') : ''}>` : [d.name, ...words].join(' ');
  return d.section ? `${head}\n</${d.name}>` : head;
};

/** Probes one -L entry: argument count, then where httpd's handler refuses it. */
async function probeDirective(d) {
  const facts = { name: d.name, module: d.module, section: d.section, ...contextsOf(d), notes: [] };
  const home = facts.contexts.includes('server') ? 'server' : facts.contexts.includes('directory') ? 'directory' : 'virtualhost';
  // Every result of the same config is remembered, so a refusal seen while counting arguments is not lost.
  const seen = new Map();
  const run = async (where, words) => {
    const key = `${where} ${words.join(' ')}`;
    if (!seen.has(key)) seen.set(key, await probe(WRAP[where](line(d, words)) + '\n', d.load));
    return seen.get(key);
  };

  // a. Argument count, from the core's count check. Sections parse their own arguments: no count check.
  if (!d.section) {
    let zero = await run(home, []);
    let where = home;
    if (!countRule(d.name, zero.message) && contextError(zero.message) && home === 'server') {
      where = 'virtualhost';
      zero = await run(where, []);
    }
    let rule = countRule(d.name, zero.message);
    if (!rule) {
      const one = await run(where, ['x']);
      const r = countRule(d.name, one.message);
      if (r && r.args.max === 0) rule = r;
    }
    if (rule) {
      // Check the reading: the core must accept the minimum count (or On), and refuse one word too many.
      const minWords = rule.flag ? ['On'] : Array(rule.args.min).fill('x');
      const atMin = await run(where, minWords);
      const okMin = countRule(d.name, atMin.message) === null;
      let okMax = true;
      if (rule.args.max !== null) {
        const over = await run(where, Array(rule.args.max + 1).fill('x'));
        okMax = countRule(d.name, over.message) !== null;
      } else if (rule.flag) {
        const extra = await run(where, ['On', 'x']);
        okMax = countRule(d.name, extra.message) === null;
      }
      if (okMin && okMax) {
        facts.rule = rule.re.source.slice(2);
        facts.args = { ...rule.args };
        if (rule.flag) facts.flag = true;
      } else {
        facts.notes.push(`count message "${zero.message.split(',')[0]}" not confirmed (min ok ${okMin}, max ok ${okMax})`);
      }
    }
  }

  // b. Context refusals by the module's handler, with a plausible number of dummy words.
  const attempts = () => {
    if (d.section) return [['x'], ['*:80']];
    if (facts.flag) return [['On']];
    const n = facts.args ? facts.args.min : 1;
    return n === 0 ? [[]] : [Array(n).fill('x'), Array(n).fill('1')];
  };
  const refusedIn = async where => {
    let last = null;
    // A handler that takes its words raw may refuse the place before looking at the (missing) words.
    const bare = seen.get(`${where} `);
    if (bare && contextError(bare.message)) return { refused: true, how: contextError(bare.message), message: bare.message };
    for (const words of attempts()) {
      const r = await run(where, words);
      const c = contextError(r.message);
      if (c) return { refused: true, how: c, message: r.message };
      if (r.status === 0) return { refused: false };
      last = r;
    }
    return { refused: false, unsure: last?.message };
  };
  if (facts.contexts.includes('virtualhost')) {
    const inVhost = await refusedIn('virtualhost');
    if (inVhost.refused && inVhost.how.globalOnly) facts.globalOnly = true;
    else if (inVhost.refused) facts.notes.push(`refused in <VirtualHost>: ${inVhost.message}`);
  }
  if (facts.contexts.includes('server')) {
    const atTop = await refusedIn('server');
    if (atTop.refused && atTop.how.refuses === 'server') {
      // e.g. ServerAlias: declared for the server config, but its handler wants a <VirtualHost>.
      facts.contexts = facts.contexts.filter(c => c !== 'server');
      facts.notes.push(`refused outside <VirtualHost>: ${atTop.message}`);
    } else if (atTop.refused) {
      facts.notes.push(`refused at top level: ${atTop.message}`);
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------
// 3. Module identity: LoadModule identifier, .so file, source name (used by -L and <IfModule>).
// The identifier is the one that loaded (a wrong one makes LoadModule fail). The source name is found by
// asking <IfModule>: among the `*.c` strings in the file, it is the one that turns true when this module is
// added to the modules loaded before it (for an MPM: when it replaces another MPM).
const MARK = 'UpkeepProbeMarker';
/** True when `<IfModule name>` is true with exactly these modules loaded. */
async function ifModule(name, load) {
  const r = await probe(`<IfModule ${name}>\n${MARK}\n</IfModule>\n`, load);
  return r.message.includes(`'${MARK}'`);
}
const listedSources = new Set([...mainList, ...mpmLists.flatMap(m => m.list)].map(d => d.module));
const nonMpm = prep.entries.filter(e => e !== mainMpm);
const allMpms = [mainMpm, ...otherMpms.map(mpmEntry)];
const shared = [
  ...allMpms.map(e => ({ ...e, with: [e], without: [allMpms.find(x => x !== e) ?? null] })),
  ...nonMpm.map((e, i) => ({ ...e, with: [mainMpm, ...nonMpm.slice(0, i + 1)], without: [mainMpm, ...nonMpm.slice(0, i)] })),
  ...thirdParty.prefork.map(e => ({ ...e, with: [e.mpm, ...nonMpm, e], without: [e.mpm, ...nonMpm] })),
];
const moduleFacts = await pool(shared, async (m, i) => {
  const withLoad = path.join(work, `ident-${i}-with.load`);
  const withoutLoad = path.join(work, `ident-${i}-without.load`);
  writeFileSync(withLoad, loadLines(m.with));
  const canCompare = !m.without.includes(null);
  if (canCompare) writeFileSync(withoutLoad, loadLines(m.without));
  const own = m.so.replace(/\.so$/, '.c');
  const candidates = sourceNameCandidates(m.path).sort(
    (a, b) => (b === own) - (a === own) || listedSources.has(b) - listedSources.has(a) || a.localeCompare(b),
  );
  // Last resort for a third-party module whose name is not stored as a string of its own: every name -L printed.
  if (m.pkg) candidates.push(...[...listedSources].filter(c => !candidates.includes(c)).sort());
  for (const c of candidates) {
    if (!(await ifModule(c, withLoad))) continue;
    if (canCompare && (await ifModule(c, withoutLoad))) continue;
    if (!canCompare && !listedSources.has(c)) continue; // a lone MPM: fall back to the names -L printed
    return { source: c, id: m.id, so: m.so, static: false, ...(m.pkg ? { package: m.pkg } : {}) };
  }
  if (m.pkg) {
    console.error(`gen-directives: third-party module left out: could not tell the source name of ${m.so} (${m.pkg})`);
    return null;
  }
  throw new Error(`could not tell the source name of ${m.so} (tried ${candidates.join(', ')})`);
});

// Compiled-in modules: `-l` gives source names, `-M` gives identifiers marked (static), both in the order
// of the server's built-in module table; <IfModule> must see every name.
const staticSources = staticModuleSources(bin);
const dump = runApache(bin, ['-M', '-f', prep.base, '-C', `Include ${prep.mpmFile}`]);
const staticIds = [...dump.stdout.matchAll(/^\s*(\S+) \(static\)$/gm)].map(m => m[1]);
if (staticIds.length !== staticSources.length) {
  throw new Error(`-l lists ${staticSources.length} built-in modules but -M lists ${staticIds.length}`);
}
for (const s of [...staticSources, ...staticIds]) {
  if (!(await ifModule(s, prep.mpmFile))) throw new Error(`built-in module ${s} is not seen by <IfModule>`);
}
const allDump = runApache(bin, ['-M', '-f', prep.base, '-C', `Include ${prep.loadFile}`]);
for (const m of prep.entries) {
  if (!new RegExp(`^\\s*${m.id} \\(shared\\)$`, 'm').test(allDump.stdout)) throw new Error(`-M does not list ${m.id}`);
}
const modules = [...staticSources.map((source, i) => ({ source, id: staticIds[i], so: '', static: true })), ...moduleFacts];

// Probes of a directive load as little as works: the MPM and the directive's own module when that loads on
// its own (a third of the time of loading all 116), else every module up to it in the load order.
const loadFor = new Map();
for (const s of staticSources) loadFor.set(s, prep.mpmFile);
moduleFacts.forEach((f, i) => {
  if (!f) return;
  const m = shared[i];
  const file = path.join(work, `alone-${f.so.slice(0, -3)}.load`);
  const alone = m.so.startsWith('mod_mpm_') ? [m] : [m.mpm ?? mainMpm, m];
  writeFileSync(file, loadLines(alone));
  const ok = runApache(bin, ['-t', '-f', prep.base, '-C', `Include ${file}`]).status === 0;
  if (!ok) writeFileSync(file, loadLines(m.with));
  loadFor.set(f.source, file);
});

const allEntries = [...mainList, ...mpmLists.flatMap(m => m.list.filter(d => !mainList.some(x => x.name === d.name && x.module === d.module)))];
if (!loadAll) for (const d of allEntries) d.load = loadFor.get(d.module) ?? d.load;
const probed = await pool(allEntries, probeDirective);

// ---------------------------------------------------------------------------------------------------------
// 4. IBM HTTP Server and WebSphere plug-in directives are not generated: no IHS binary can be probed here.
// They are written by hand in server/src/httpd/ihs-directives.ts and merged by server/src/httpd/directives.ts.

// ---------------------------------------------------------------------------------------------------------
// 5. Assemble: one entry per name (per kind: sections and directives are separate namespaces), other
// modules' definitions of the same name as `alternatives`.
const clean = f => {
  const o = { name: f.name, module: f.module, section: f.section, contexts: f.contexts };
  if (f.override) o.override = f.override;
  if (f.args) o.args = f.args;
  if (f.flag) o.flag = true;
  if (f.globalOnly) o.globalOnly = true;
  if (f.noPerDirConfig) o.noPerDirConfig = true;
  if (f.vendor) o.vendor = f.vendor;
  return o;
};
const byKey = new Map();
const add = f => {
  const key = `${f.section ? '<' : ''}${f.name.toLowerCase()}`;
  const have = byKey.get(key);
  if (!have) byKey.set(key, clean(f));
  else (have.alternatives ??= []).push(clean(f));
};
for (const f of probed) add(f);

const directives = [...byKey.values()].sort((a, b) =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.section - b.section,
);
const table = {
  generatedBy: 'scripts/gen-directives.mjs',
  apacheVersion: version,
  directives,
  modules: [...modules].sort((a, b) => a.source.localeCompare(b.source)),
};
// Facts only: a description slipping in would show up as a string with spaces. Names, modules, contexts and
// override classes never have one.
(function guard(v, where) {
  if (typeof v === 'string' && /\s/.test(v)) throw new Error(`refusing to write text with spaces at ${where}: ${v}`);
  if (Array.isArray(v)) v.forEach((x, i) => guard(x, `${where}[${i}]`));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) guard(x, `${where}.${k}`);
})({ directives: table.directives, modules: table.modules }, 'table');
// One entry per line: small, and a regeneration shows as a readable diff.
const rows = list => list.map(x => `    ${JSON.stringify(x)}`).join(',\n');
writeFileSync(
  outFile,
  `{\n  "generatedBy": ${JSON.stringify(table.generatedBy)},\n  "apacheVersion": ${JSON.stringify(table.apacheVersion)},\n` +
    `  "directives": [\n${rows(table.directives)}\n  ],\n  "modules": [\n${rows(table.modules)}\n  ]\n}\n`,
);
if (logFile) writeFileSync(logFile, JSON.stringify(probeLog, null, 1) + '\n');

// ---------------------------------------------------------------------------------------------------------
// 6. Summary.
const flat = directives.flatMap(d => [d, ...(d.alternatives ?? [])]);
const notes = probed.filter(f => f.notes.length);
console.log(`${version}: ${path.relative(process.cwd(), outFile)}`);
console.log(`  modules loaded together : ${prep.entries.length} shared (${prep.rounds} ordering round(s)), ${staticSources.length} built in`);
console.log(`  directive names         : ${directives.length} (${directives.filter(d => d.section).length} sections), ${flat.length} definitions`);
console.log(`  with argument count     : ${flat.filter(d => d.args).length}`);
console.log(`  On/Off flags            : ${flat.filter(d => d.flag).length}`);
console.log(`  global only             : ${flat.filter(d => d.globalOnly).length}`);
console.log(`  with alternatives       : ${directives.filter(d => d.alternatives).length}`);
const tpSources = new Set(table.modules.filter(m => m.package).map(m => m.source));
console.log(`  third-party definitions : ${flat.filter(d => tpSources.has(d.module)).length} from ${tpSources.size} modules of ${new Set(table.modules.filter(m => m.package).map(m => m.package)).size} packages`);
console.log(`  modules                 : ${table.modules.length}`);
const seenRules = new Map();
for (const f of probed) if (f.rule) seenRules.set(f.rule, (seenRules.get(f.rule) ?? 0) + 1);
console.log(`  count messages seen     : ${[...seenRules].map(([r, n]) => `"${r}" ${n}`).join(', ')}`);
console.log(`  probes                  : ${probeCount} in ${((Date.now() - started) / 1000).toFixed(1)} s with ${jobs} jobs`);
for (const f of notes) console.log(`  note: ${f.section ? '<' : ''}${f.name} (${f.module}): ${f.notes.join('; ')}`);
if (keep) console.log(`  scratch kept in ${work}`);
