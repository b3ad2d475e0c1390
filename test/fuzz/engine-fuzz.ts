// The project's fuzzer: mutates the project's own fixtures and generates token soups for every
// language, then runs what the editor and the CLI run on them (lint, every fix with a re-lint, hover,
// completion, symbols, formatting, code actions, maintenance on/off, swap, drain/restore) through the
// same engine functions the LSP handlers call, and checks:
//   - no exception, and no input over the time limit (1 s);
//   - every range inside its document; fix edits inside, not overlapping, and changing the text;
//   - maintenance on/off, swap/swap and drain/restore give back the exact text, under CRLF, a BOM,
//     Latin-1 characters, no final line break and tabs.
// A failure is shrunk (delta debugging) to a small input, printed as JSON for a regression test.
// `npm run fuzz -- --count N [--language L] [--seed S]`; a bounded run is part of `npm test`.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import type { Finding } from '../../server/src/engine/rules';
import { applyOffsetEdits, type LineIndex, type OffsetEdit as OffsetEditLike } from '../../server/src/engine/text';
import { MemoryFileSystem, Project, type SourceFile } from '../../server/src/engine/workspace';
import { epagesHover } from '../../server/src/epages/hover';
import { httpdCompletions } from '../../server/src/httpd/complete';
import { httpdConfigFor } from '../../server/src/httpd/config';
import { formatHttpd } from '../../server/src/httpd/format';
import { httpdHover } from '../../server/src/httpd/hover';
import { enterMaintenance, leaveMaintenance, maintenanceState } from '../../server/src/httpd/maintenance';
import { httpdDocumentSymbols, httpdFoldingRanges } from '../../server/src/httpd/symbols';
import type { HttpdTree } from '../../server/src/httpd/syntax';
import { phaseScriptCodeLenses, phaseScriptHover } from '../../server/src/phasescripts/hover';
import { complete as pluginComplete } from '../../server/src/plugincfg/complete';
import { drainNode, restoreRouting } from '../../server/src/plugincfg/drain';
import { hover as pluginHover } from '../../server/src/plugincfg/hover';
import { allServers, hostOf, type PluginCfgTree } from '../../server/src/plugincfg/model';
import { codeLenses, swapActions, symbols as pluginSymbols } from '../../server/src/plugincfg/outline';
import { swapAll } from '../../server/src/plugincfg/swap';
import { bumpActions } from '../../server/src/sametime/bump';
import { complete as sametimeComplete } from '../../server/src/sametime/complete';
import { hover as sametimeHover } from '../../server/src/sametime/hover';
import type { SametimeTree } from '../../server/src/sametime/model';

export const LANGUAGES = ['apacheconf', 'plugincfg', 'sametime', 'phasescript', 'epages'] as const;
export type FuzzLanguage = (typeof LANGUAGES)[number];

export interface FuzzFailure {
  language: FuzzLanguage;
  check: string;
  message: string;
  input: string;
  /** The shrunk input that still fails the same check. */
  minimal?: string;
  /** The seed of the input's own checks (variants, which file is fuzzed): `--input FILE --seed` replays it. */
  inputSeed?: number;
}

export interface FuzzOptions {
  count: number;
  seed: number;
  languages?: FuzzLanguage[];
  /** Repository root (fixtures are read from examples/ and test/fixtures/). */
  root: string;
  timeLimitMs?: number;
  /** Stop after this many failures (default 20). */
  maxFailures?: number;
  /** Stop cleanly at this time (Date.now() milliseconds); the report says how many inputs ran. */
  deadline?: number;
  log?(line: string): void;
}

export interface FuzzReport {
  inputs: number;
  perLanguage: Record<string, number>;
  failures: FuzzFailure[];
  /** The slowest single engine call of the run, and what it was. */
  slowestMs: number;
  slowestLanguage: string;
  /** True when the run stopped at `deadline` before `count` inputs. */
  stoppedAtDeadline?: boolean;
  /** Milliseconds the run took (shrinking included). */
  elapsedMs?: number;
}

// ---------------------------------------------------------------------------------------------------
// Randomness: a small deterministic generator, so a seed reproduces a run.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

// ---------------------------------------------------------------------------------------------------
// Inputs

const PATHS: Record<FuzzLanguage, string> = {
  apacheconf: '/ws/conf/httpd.conf',
  plugincfg: '/ws/plugin-cfg.xml',
  sametime: '/ws/updates/managed-community-configs.xml',
  phasescript: '/ws/updates/scripts/PREINSTALL_ecommerce.ps1',
  epages: '/ws/etc/sysconfig/epages-hotfix',
};

const COMMON = [' ', '  ', '\t', '\n', '\r\n', '\r', '"', "'", '\\', '\\\n', '#', '<', '>', '/', '=', '$', '{', '}', '(', ')', '[', ']', ',', ';', '&', '%', '*', '\u00a0', '\uFEFF', '\u00e9', '\u201c', '\u201d', '😀', '\0'];

const TOKENS: Record<FuzzLanguage, string[]> = {
  apacheconf: [
    'ServerRoot', 'Listen 80', 'LoadModule rewrite_module modules/mod_rewrite.so', '<VirtualHost *:443>', '</VirtualHost>', '<Location />', '</Location>',
    '<IfModule mod_rewrite.c>', '</IfModule>', '<Directory "/srv">', '</Directory>', 'RewriteEngine On', 'RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$',
    'RewriteCond %{REMOTE_HOST} !^127.0.0.1', 'RewriteRule ^ - [R=503,L]', 'RewriteRule !^/upgrading.htm$ /upgrading.htm [L,R=500]', '[L,R=503,NC,QSA]',
    'ErrorDocument 503 /maintenance.html', 'ErrorDocument 500 http://x/', 'Header set Retry-After "3600"', 'Include conf/*.conf', 'IncludeOptional x',
    'Order Deny,Allow', 'Deny from all', 'Allow from 10.1.2.3', 'Require ip 10.0.0.0/8', 'DocumentRoot /srv/htdocs', 'Define X', '${X}',
    'WebSpherePluginConfig /opt/plugin-cfg.xml', '# >>> Upkeep maintenance mode: begin.', '# <<< Upkeep maintenance mode: end.', '# upkeep-disable',
    '# upkeep-disable-next-line httpd/', 'ServerTokens Prod', '<If "%{HTTPS} == \'on\'">', '</If>', '<Macro M $a>', '</Macro>', 'Use M 1',
  ],
  plugincfg: [
    '<?xml version="1.0"?>', '<Config>', '</Config>', '<ServerCluster Name="A" LoadBalance="Round Robin">', '</ServerCluster>',
    '<Server Name="n1_s" CloneID="c1">', '<Server Name="n2_s" CloneId="c2">', '</Server>', '<Transport Hostname="10.20.0.11" Port="9080" Protocol="http"/>',
    '<Transport Hostname="was2.example.com" Port="9443" Protocol="https"/>', '<PrimaryServers>', '</PrimaryServers>', '<BackupServers>', '</BackupServers>',
    '<Server Name="n1_s"/>', '<Server Name="n2_s"/>', '<UriGroup Name="u">', '</UriGroup>', '<Uri Name="/app/*"/>', '<Route ServerCluster="A" UriGroup="u" VirtualHostGroup="v"/>',
    '<Property Name="keyring" Value="k.kdb"/>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x41;', '&bad;', 'RemoveSpecialHeaders="false"',
  ],
  sametime: [
    '<?xml version="1.0" encoding="UTF-8"?>', '<managed-community-configs>', '</managed-community-configs>', '<managed-communities>', '</managed-communities>',
    '<managed-community id="c" host="h" port="1533"/>', "<managed-community id='' host=\"a'b\"/>", '<managed-community-action type="update" managed-community-id="c"/>',
    '<ManagedSettings>', '</ManagedSettings>', '<settingGroup name="g" lastModDate="20240101T000000">', '</settingGroup>',
    '<setting name="loginByToken" value="true" isLocked="false" overwriteUnlocked="true"/>', '#comment', '\u201d', '\u2033', 'port="80', '<!-- c -->',
  ],
  phasescript: [
    'param($a)', '$env:E_SITE', '$env:E_NOPE', 'Write-Host "x"', '# comment', '<#', '#>', 'if ($x) {', '}', '@"', '"@', "@'", "'@", '`', '$(', 'function f {',
    'exit 1', 'Stop-Service W3SVC', 'Start-Service W3SVC',
  ],
  epages: [
    'MAILTO=', 'MAILTO= root', 'SYSTEMNAME=x', 'DAYS_OF_WEEK=0123456', 'DAYS_OF_WEEK=9', 'RANDOMWAIT=10', 'CHECK_ONLY=no', 'export EPAGES_CUSTOM_STORETYPES=a',
    'EPAGES_CUSTOM_STORETYPES=b', 'LOCK_TS=/var/lock/x', 'YUM_PARAMETER="--disablerepo \'*\'"', '$(date)', '`date`', '|', '&', '# x', 'X=$(', 'Y="',
  ],
};

/** The project's own fixtures, by language (examples/ and test/fixtures/). */
export function loadSeeds(root: string): Record<FuzzLanguage, string[]> {
  const out: Record<FuzzLanguage, string[]> = { apacheconf: [], plugincfg: [], sametime: [], phasescript: [], epages: [] };
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const p = nodePath.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else {
        const text = fs.readFileSync(p, 'latin1');
        if (/\.conf$/.test(name) && !/nginx/.test(name)) out.apacheconf.push(text);
        else if (/^plugin-cfg.*\.xml$/.test(name)) out.plugincfg.push(text);
        else if (/^managed-.*\.xml$/.test(name)) out.sametime.push(text);
        else if (/\.ps1$/.test(name)) out.phasescript.push(text);
        else if (/^(epages-hotfix|epages6)$/.test(name)) out.epages.push(text);
      }
    }
  };
  walk(nodePath.join(root, 'examples'));
  walk(nodePath.join(root, 'test', 'fixtures'));
  for (const l of LANGUAGES) if (!out[l].length) out[l].push(TOKENS[l].join('\n'));
  return out;
}

function token(rng: Rng, language: FuzzLanguage): string {
  return rng.next() < 0.6 ? rng.pick(TOKENS[language]) : rng.pick(COMMON);
}

/** One random change: insert, delete, duplicate, replace, long repeat (for quadratic paths), truncate. */
function mutate(rng: Rng, text: string, language: FuzzLanguage): string {
  const at = rng.int(text.length + 1);
  const len = rng.int(Math.min(64, text.length - at) + 1);
  switch (rng.int(8)) {
    case 0:
      return text.slice(0, at) + token(rng, language) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + len);
    case 2:
      return text.slice(0, at) + text.slice(at, at + len).repeat(2) + text.slice(at);
    case 3:
      return text.slice(0, at) + rng.pick(COMMON) + text.slice(at + 1);
    case 4: {
      // A long run: blanks, one character, or a token, a few hundred to a few thousand times.
      const unit = rng.pick([' ', '\t', ',', 'a', '*', '<a>', '[', token(rng, language)]);
      return text.slice(0, at) + unit.repeat(100 + rng.int(3000)) + text.slice(at);
    }
    case 5:
      return text.slice(0, at);
    case 6: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    default:
      return text.slice(0, at) + token(rng, language) + rng.pick(COMMON) + token(rng, language) + text.slice(at);
  }
}

function soup(rng: Rng, language: FuzzLanguage): string {
  const n = 1 + rng.int(60);
  let out = '';
  for (let i = 0; i < n; i++) out += token(rng, language) + (rng.next() < 0.5 ? '\n' : rng.pick([' ', '', '\t', '\r\n']));
  return out;
}

/** The round-trip variants: CRLF, BOM, Latin-1 characters, no final line break, tabs. */
function variant(rng: Rng, text: string): string {
  let t = text;
  if (rng.next() < 0.3) t = t.replace(/\r?\n/g, '\r\n');
  if (rng.next() < 0.2) t = '\uFEFF' + t.replace(/^\uFEFF/, '');
  if (rng.next() < 0.2) t = t.replace(/e/g, '\u00e9');
  if (rng.next() < 0.2) t = t.replace(/(\r?\n)+$/, '');
  if (rng.next() < 0.2) t = t.replace(/^ {4}/gm, '\t');
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Checks

class CheckFailed extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(check: string, message: string): never {
  throw new CheckFailed(check, message);
}

/** The time limit applies to each engine call (one lint, one hover ...), as an editor request would. */
let LIMIT_MS = 1000;
let slowest = { ms: 0, what: '' };

function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { ms, what };
  if (ms > LIMIT_MS) fail('slow', `${what}: ${ms.toFixed(0)} ms (limit ${LIMIT_MS} ms)`);
  return r;
}

function inside(text: string, start: number, end: number, what: string): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
    fail('range', `${what}: [${start}, ${end}) is outside the document (length ${text.length})`);
  }
}

function checkEdits(text: string, edits: readonly OffsetEditLike[], what: string): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    inside(text, sorted[i].start, sorted[i].end, what);
    if (i > 0 && sorted[i].start < sorted[i - 1].end) fail('fix-apply', `${what}: edits overlap at ${sorted[i].start}`);
  }
  return applyOffsetEdits(text, sorted);
}

interface Lsp {
  line: number;
  character: number;
}

function insideLsp(index: LineIndex, text: string, r: { start: Lsp; end: Lsp }, what: string): void {
  const last = index.positionAt(text.length);
  const ok = (p: Lsp) => p.line >= 0 && p.character >= 0 && (p.line < last.line || (p.line === last.line && p.character <= last.character));
  if (!ok(r.start) || !ok(r.end)) fail('range', `${what}: ${JSON.stringify(r)} is outside the document`);
}

function projectWith(path: string, text: string, extra: Record<string, string> = {}): Project {
  return new Project(new MemoryFileSystem({ ...extra, [path]: text }), { roots: ['/ws'] });
}

function lint(path: string, text: string, extra?: Record<string, string>): { project: Project; file: SourceFile | null; findings: Finding[] } {
  const project = projectWith(path, text, extra);
  const r = timed('lint', () => lintFile(project, path));
  return { project, file: r?.file ?? null, findings: (r?.findings ?? []) as Finding[] };
}

/** Every check of one input. Throws CheckFailed or anything the engine throws. */
export function checkInput(language: FuzzLanguage, text: string, rng: Rng): void {
  const path = PATHS[language];
  const { project, file, findings } = lint(path, text);
  for (const f of findings) {
    inside(text, f.start, f.end, `finding ${f.code}`);
    for (const r of f.related ?? []) if (r.path === path && r.line === undefined) inside(text, r.start, r.end, `related of ${f.code}`);
  }
  // Every fix applies cleanly, changes the text, and the result lints without an exception.
  let fixes = 0;
  for (const f of findings) {
    for (const fx of f.fixes ?? []) {
      if (++fixes > 12) break;
      const after = checkEdits(text, fx.edits, `fix "${fx.title}" of ${f.code}`);
      if (after === text && !fx.otherFiles?.length) fail('fix-noop', `fix "${fx.title}" of ${f.code} changes nothing`);
      lint(path, after);
    }
  }
  if (!file) return;
  const offsets = [0, text.length, rng.int(text.length + 1), rng.int(text.length + 1), rng.int(text.length + 1)];
  if (language === 'apacheconf') {
    const f = file as SourceFile<HttpdTree>;
    for (const o of offsets) {
      const h = timed('hover', () => httpdHover(project, f, o));
      if (h) inside(text, h.start, h.end, 'hover');
      for (const c of timed('completion', () => httpdCompletions(project, f, o, { snippets: true }))) {
        const te = (c as { textEdit?: { range?: { start: Lsp; end: Lsp } } }).textEdit;
        if (te?.range) insideLsp(f.index, text, te.range, `completion ${c.label}`);
      }
    }
    const walk = (syms: { range: { start: Lsp; end: Lsp }; selectionRange: { start: Lsp; end: Lsp }; children?: unknown[] }[]): void => {
      for (const s of syms) {
        insideLsp(f.index, text, s.range, 'symbol');
        insideLsp(f.index, text, s.selectionRange, 'symbol selection');
        if (s.children) walk(s.children as never);
      }
    };
    walk(timed('symbols', () => httpdDocumentSymbols(f.tree, f.index)) as never);
    for (const r of timed('folding', () => httpdFoldingRanges(f.tree, f.index))) if (r.startLine < 0 || r.endLine > f.index.lineCount) fail('range', `folding ${JSON.stringify(r)}`);
    const spaces = rng.next() < 0.5;
    checkEdits(text, timed('format', () => formatHttpd(f.tree, { tabSize: 4, insertSpaces: spaces })), 'format');
    const a = rng.int(text.length + 1);
    const b = rng.int(text.length + 1);
    checkEdits(text, timed('range format', () => formatHttpd(f.tree, { tabSize: 2, insertSpaces: true }, { start: Math.min(a, b), end: Math.max(a, b) })), 'range format');
    maintenanceRoundTrip(text, rng);
  } else if (language === 'plugincfg') {
    const f = file as SourceFile<PluginCfgTree>;
    const input = { text, tree: f.tree };
    for (const o of offsets) {
      const h = timed('hover', () => pluginHover(input, o));
      if (h) inside(text, h.start, h.end, 'hover');
      for (const c of timed('completion', () => pluginComplete(input, o))) inside(text, c.replaceStart, c.replaceEnd, `completion ${c.label}`);
      for (const fx of timed('swap actions', () => swapActions(input, o))) checkEdits(text, fx.edits, 'swap action');
    }
    const walk = (syms: ReturnType<typeof pluginSymbols>): void => {
      for (const s of syms) {
        inside(text, s.start, s.end, 'symbol');
        inside(text, s.selectionStart, s.selectionEnd, 'symbol selection');
        if (s.children) walk(s.children);
      }
    };
    walk(timed('symbols', () => pluginSymbols(input)));
    for (const l of timed('code lens', () => codeLenses(input))) inside(text, l.start, l.end, 'code lens');
    pluginRoundTrips(text, f.tree);
  } else if (language === 'sametime') {
    const f = file as SourceFile<SametimeTree>;
    const input = { text, tree: f.tree, path };
    const clock = { now: () => new Date('2026-01-02T03:04:05Z'), offsetMinutes: () => 60 };
    for (const o of offsets) {
      const h = timed('hover', () => sametimeHover(input, o));
      if (h) inside(text, h.start, h.end, 'hover');
      for (const c of timed('completion', () => sametimeComplete(input, o, clock))) inside(text, c.replaceStart, c.replaceEnd, `completion ${c.label}`);
      for (const a of timed('bump actions', () => bumpActions(input, o, Math.min(text.length, o + 10), clock))) checkEdits(text, a.edits, 'bump action');
    }
  } else if (language === 'phasescript') {
    for (const o of offsets) {
      const h = timed('hover', () => phaseScriptHover(project, file, o));
      if (h?.range) insideLsp(file.index, text, h.range, 'hover');
    }
    for (const l of timed('code lens', () => phaseScriptCodeLenses(project, file))) insideLsp(file.index, text, l.range, 'code lens');
  } else if (language === 'epages') {
    for (const o of offsets) {
      const h = timed('hover', () => epagesHover(project, file, o));
      if (h?.range) insideLsp(file.index, text, h.range, 'hover');
    }
  }
}

/**
 * Maintenance on then off gives back every file's text (the root and an included file; the fuzzed text
 * is either), and `status` agrees with what on and off did, asked about the root or the included file.
 */
function maintenanceRoundTrip(text: string, rng: Rng): void {
  const root = PATHS.apacheconf;
  const site = '/ws/conf/site.conf';
  const fuzzedIsIncluded = rng.next() < 0.3;
  const files: Record<string, string> = fuzzedIsIncluded
    ? { [root]: variant(rng, 'Listen 80\nInclude conf/site.conf\n'), [site]: text }
    : { [root]: text + (text.endsWith('\n') || !text ? '' : '\n') + 'Include conf/site.conf\n', [site]: variant(rng, '<VirtualHost *:443>\n    ServerName a\n</VirtualHost>\n') };
  const mem = new MemoryFileSystem(files);
  const project = new Project(mem, { roots: ['/ws'] });
  // Status and off asked about the included file answer for the whole configuration, when it is included.
  const siteIncluded = httpdConfigFor(project, root).files.includes(site);
  const asked = () => (siteIncluded && rng.next() < 0.3 ? site : root);
  const replace = rng.next() < 0.5;
  const before = timed('maintenance status', () => maintenanceState(project, asked()));
  const plan = timed('maintenance on', () => enterMaintenance(project, root, { allow: ['10.1.2.3'], replace }));
  if (before.damaged.length && !plan.refusals.length) fail('maintenance-state', `status reports a damaged block (${before.damaged[0]}) but on does not refuse`);
  if (before.managed !== plan.alreadyOn) fail('maintenance-state', `status says managed=${before.managed}, on says alreadyOn=${plan.alreadyOn}`);
  if (!before.managed && !before.damaged.length) {
    const idle = timed('maintenance off', () => leaveMaintenance(project, asked()));
    if (idle.blocks || idle.changes.length) fail('maintenance-state', `off finds ${idle.blocks} block(s) that status does not see`);
  }
  if (plan.alreadyOn || plan.refusals.length) return;
  for (const c of plan.changes) {
    if (c.create !== undefined) mem.write(c.path, c.create);
    else if (c.edits) mem.write(c.path, checkEdits(mem.readText(c.path)!.text, c.edits, `maintenance on ${c.path}`));
  }
  project.touch();
  const on = timed('maintenance status', () => maintenanceState(project, asked()));
  if (on.damaged.length) fail('maintenance-state', `after on, status reports damage: ${on.damaged[0]}`);
  if (!on.managed || !on.files.includes(root)) fail('maintenance-state', `after on, status does not see the block in httpd.conf (files: ${on.files.join(', ') || 'none'})`);
  if (replace && on.handWritten.length) fail('maintenance-state', `after on --replace, a hand-written stanza is still active: ${on.handWritten[0].summary}`);
  const left = timed('maintenance off', () => leaveMaintenance(project, asked()));
  if (left.refusals.length) fail('roundtrip', `off refuses what on wrote: ${left.refusals.map(r => r.reason).join('; ')}`);
  for (const c of left.changes) if (c.edits) mem.write(c.path, checkEdits(mem.readText(c.path)!.text, c.edits, `maintenance off ${c.path}`));
  project.touch();
  const off = timed('maintenance status', () => maintenanceState(project, asked()));
  if (off.managed || off.damaged.length) fail('maintenance-state', `after off, status says managed=${off.managed}${off.damaged.length ? `, damaged: ${off.damaged[0]}` : ''}`);
  if (plan.handWritten.length && replace) return; // replaced stanzas stay commented out, by design
  for (const [p, t] of Object.entries(files)) if (mem.readText(p)!.text !== t) fail('roundtrip', `maintenance on/off changed ${p}`);
}

/** Swap twice gives back the text; drain then restore gives back httpd.conf and the original. */
function pluginRoundTrips(text: string, tree: PluginCfgTree): void {
  if (tree.doc.errors.length) return;
  const once = timed('swap', () => swapAll(text, tree));
  if (once.swapped.length) {
    const swapped = checkEdits(text, once.edits, 'swap');
    const again = lint(PATHS.plugincfg, swapped);
    const back = swapAll(swapped, (again.file as SourceFile<PluginCfgTree>).tree);
    if (checkEdits(swapped, back.edits, 'swap back') !== text) fail('roundtrip', 'swap then swap does not give back the text');
  }
  const host = allServers(tree.model).map(hostOf).find(Boolean);
  if (!host) return;
  const httpd = '/ws/conf/httpd.conf';
  const httpdText = 'Listen 80\r\nWebSpherePluginConfig "/opt/IBM/Plugins/config/webserver1/plugin-cfg.xml"\r\n';
  const mem = new MemoryFileSystem({ [PATHS.plugincfg]: text, [httpd]: httpdText });
  const project = new Project(mem, { roots: ['/ws'] });
  let plan;
  try {
    plan = timed('drain', () => drainNode(project, PATHS.plugincfg, host, httpd));
  } catch (e) {
    if ((e as Error).name === 'PluginCfgRefusal') return;
    throw e;
  }
  for (const c of plan.changes) {
    if (c.create !== undefined) mem.write(c.path, c.create);
    else if (c.edits) mem.write(c.path, checkEdits(mem.readText(c.path)!.text, c.edits, `drain ${c.path}`));
  }
  project.touch();
  const restore = timed('restore', () => restoreRouting(project, httpd));
  for (const c of restore.changes) {
    if (c.delete) mem.remove(c.path);
    else if (c.edits) mem.write(c.path, checkEdits(mem.readText(c.path)!.text, c.edits, `restore ${c.path}`));
  }
  if (mem.readText(httpd)!.text !== httpdText) fail('roundtrip', 'drain then restore does not give back httpd.conf');
  if (mem.readText(PATHS.plugincfg)!.text !== text) fail('roundtrip', 'drain touched the original plugin-cfg.xml');
}

// ---------------------------------------------------------------------------------------------------
// The run

export interface Outcome {
  check: string;
  message: string;
}

function attempt(language: FuzzLanguage, text: string, seed: number, timeLimitMs: number): Outcome | null {
  LIMIT_MS = timeLimitMs;
  try {
    checkInput(language, text, new Rng(seed));
  } catch (e) {
    if (e instanceof CheckFailed) return { check: e.check, message: e.message };
    return { check: 'exception', message: `${(e as Error).name}: ${(e as Error).message}\n${((e as Error).stack ?? '').split('\n').slice(1, 6).join('\n')}` };
  }
  return null;
}

/** All checks of one input (null: it passes). */
export function checkOne(language: FuzzLanguage, text: string, seed = 1, timeLimitMs = 1000): Outcome | null {
  return attempt(language, text, seed, timeLimitMs);
}

/** Delta debugging: removes chunks while the same check still fails (bounded number of attempts). */
export function shrink(language: FuzzLanguage, text: string, check: string, seed: number, timeLimitMs: number, budget = 300, budgetMs = 20_000): string {
  let best = text;
  let tries = 0;
  const until = performance.now() + budgetMs;
  for (let chunk = Math.max(1, Math.floor(best.length / 2)); chunk >= 1 && tries < budget && performance.now() < until; chunk = Math.floor(chunk / 2)) {
    for (let at = 0; at < best.length && tries < budget && performance.now() < until; ) {
      const candidate = best.slice(0, at) + best.slice(at + chunk);
      tries++;
      const o = attempt(language, candidate, seed, timeLimitMs);
      if (o && o.check === check) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

export function runFuzz(opts: FuzzOptions): FuzzReport {
  const rng = new Rng(opts.seed);
  const languages = opts.languages ?? [...LANGUAGES];
  const seeds = loadSeeds(opts.root);
  const limit = opts.timeLimitMs ?? 1000;
  const report: FuzzReport = { inputs: 0, perLanguage: {}, failures: [], slowestMs: 0, slowestLanguage: '' };
  const t0 = Date.now();
  for (let i = 0; i < opts.count; i++) {
    if (opts.deadline !== undefined && Date.now() >= opts.deadline) {
      report.stoppedAtDeadline = true;
      break;
    }
    const language = languages[i % languages.length];
    let text: string;
    if (rng.next() < 0.3) text = soup(rng, language);
    else {
      text = rng.pick(seeds[language]);
      const n = 1 + rng.int(4);
      for (let k = 0; k < n; k++) text = mutate(rng, text, language);
    }
    text = variant(rng, text);
    const seed = rng.int(0x7fffffff);
    slowest = { ms: 0, what: '' };
    const o = attempt(language, text, seed, limit);
    if (slowest.ms > report.slowestMs) {
      report.slowestMs = slowest.ms;
      report.slowestLanguage = `${language} ${slowest.what}`;
    }
    report.inputs++;
    report.perLanguage[language] = (report.perLanguage[language] ?? 0) + 1;
    if (o) {
      // A slow input is measured twice more before it counts (the machine is shared): it fails only
      // when every measurement is over the limit.
      if (o.check === 'slow' && (!attempt(language, text, seed, limit) || !attempt(language, text, seed, limit))) continue;
      const minimal = shrink(language, text, o.check, seed, limit);
      const failure: FuzzFailure = { language, check: o.check, message: o.message, input: text.length > 2000 ? text.slice(0, 2000) + '…' : text, minimal, inputSeed: seed };
      report.failures.push(failure);
      opts.log?.(
        `FAIL ${language} ${o.check}: ${o.message.split('\n')[0]}\n  minimal input (replay: --input FILE --language ${language} --seed ${seed}): ${JSON.stringify(minimal.length > 400 ? minimal.slice(0, 400) + '…' : minimal)}`,
      );
      if (report.failures.length >= (opts.maxFailures ?? 20)) break;
    }
    if (opts.log && (i + 1) % 1000 === 0) opts.log(`${i + 1} inputs, ${report.failures.length} failures`);
  }
  report.elapsedMs = Date.now() - t0;
  return report;
}
