// What the configuration's maintenance state really is, read from the files: Upkeep's marked blocks,
// blocks whose markers were damaged by hand, lines an admin added inside a block, and maintenance
// stanzas written by hand (the vendor procedure's RewriteCond/RewriteRule [R=5xx] chain or its
// <Location> with Deny/Allow). `status`, `off`, the lint rule httpd/maintenance-marker and `on
// --replace` all read it from here, so they cannot disagree.
import type { Project } from '../engine/workspace';
import { allowRegex, cidrText, parseAllowEntry } from './addresses';
import type { HttpdConfig } from './config';
import { allowlistConds, isMaintenanceChain, rewriteChains, type RuleChain } from './rewrite';
import { lowerName, type HttpdTree, type SectionNode } from './syntax';

export const BEGIN_MARKER = '# >>> Upkeep maintenance mode';
export const END_MARKER = '# <<< Upkeep maintenance mode';
/** Prefix `on --replace` puts before each line of a hand-written stanza it replaces. */
export const REPLACED_PREFIX = '# upkeep-replaced: ';

export interface Block {
  /** The span to delete to undo the insertion (line breaks included). */
  start: number;
  end: number;
  /** Start of the begin marker line and end of the end marker line. */
  beginLine: number;
  endLine: number;
}

export interface DamagedMarker {
  /** Start and end of the marker line. */
  start: number;
  end: number;
  kind: 'begin-without-end' | 'end-without-begin';
}

export interface MarkerScan {
  blocks: Block[];
  damaged: DamagedMarker[];
}

const MARKER_LINE = /^[ \t]*# (>>>|<<<) Upkeep maintenance mode[^\r\n]*/gm;

/** The marked blocks of a text, and the marker lines that have lost their partner. Linear. */
export function scanMaintenanceMarkers(text: string): MarkerScan {
  const blocks: Block[] = [];
  const damaged: DamagedMarker[] = [];
  let open: { start: number; end: number } | null = null;
  MARKER_LINE.lastIndex = 0;
  for (let m = MARKER_LINE.exec(text); m; m = MARKER_LINE.exec(text)) {
    const here = { start: m.index, end: m.index + m[0].length };
    if (m[1] === '>>>') {
      if (open) damaged.push({ ...open, kind: 'begin-without-end' });
      open = here;
      continue;
    }
    if (!open) {
      damaged.push({ ...here, kind: 'end-without-begin' });
      continue;
    }
    let start = open.start;
    let end = here.end;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    else if (end === text.length) {
      // Inserted at the end of a file without a final line break: the break before it was ours.
      if (text.slice(0, start).endsWith('\r\n')) start -= 2;
      else if (start > 0 && (text[start - 1] === '\n' || text[start - 1] === '\r')) start -= 1;
    }
    blocks.push({ start, end, beginLine: open.start, endLine: here.end });
    open = null;
  }
  if (open) damaged.push({ ...open, kind: 'begin-without-end' });
  return { blocks, damaged };
}

/** The marked blocks in a text, with the exact span to delete to undo each insertion. */
export function findMaintenanceBlocks(text: string): Block[] {
  return scanMaintenanceMarkers(text).blocks;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The lines `enterMaintenance` writes between the markers, as patterns over a trimmed line. A line
// matching none of them was added by someone else.
const GENERATED: RegExp[] = [
  /^RewriteEngine On$/,
  /^<IfModule !mod_rewrite\.c>$/,
  /^LoadModule rewrite_module (?:\S+|"[^"]*")$/,
  /^<\/IfModule>$/,
  /^RewriteCond %\{REQUEST_URI\} !\^\S+$/,
  /^RewriteRule \^ - \[R=50[03],L\]$/,
  /^ErrorDocument 50[03] \/\S*$/,
  /^<IfModule mod_headers\.c>$/,
  /^Header always set Retry-After "\d+"$/,
];

export interface ForeignLine {
  start: number;
  end: number;
  text: string;
}

/**
 * Lines inside a block that Upkeep did not write. Each allowlist condition must follow its own
 * comment (`# 10.0.0.1: source`) and match the address it names, so an added RewriteCond is caught.
 */
export function foreignLines(text: string, block: Block): ForeignLine[] {
  const out: ForeignLine[] = [];
  const body = text.slice(block.beginLine, block.endLine);
  let at = block.beginLine;
  let pendingAddress: string | null = null;
  for (const raw of body.split('\n')) {
    const lineStart = at;
    at += raw.length + 1;
    const line = raw.replace(/\r$/, '').trim();
    if (lineStart === block.beginLine || at > block.endLine) continue; // the markers
    if (line === '') continue;
    const comment = /^# ([0-9A-Fa-f:.]+(?:\/\d+)?): \S.*$/.exec(line);
    if (comment) {
      pendingAddress = comment[1];
      continue;
    }
    const expected = pendingAddress;
    pendingAddress = null;
    if (expected !== null && line.startsWith('RewriteCond ')) {
      const entry = parseAllowEntry(expected);
      const re = entry.kind === 'ipv4' || entry.kind === 'ipv6' ? allowRegex(entry) : null;
      const want = re ? `RewriteCond %{REMOTE_ADDR} !${re}` : `RewriteCond expr "! -R '${entry.kind === 'ipv4' || entry.kind === 'ipv6' ? cidrText(entry) : expected}'"`;
      if (line === want) continue;
    }
    if (GENERATED.some(g => g.test(line))) continue;
    out.push({ start: lineStart, end: lineStart + raw.replace(/\r$/, '').length, text: line });
  }
  return out;
}

export interface HandWritten {
  file: string;
  kind: 'rewrite' | 'location';
  /** Where the stanza starts (the first condition, or the <Location> tag) and ends. */
  start: number;
  end: number;
  /** Spans of whole lines to comment out when replacing it (line starts). */
  lineStarts: number[];
  /** Allowlisted addresses the stanza names (converted to entries where they are addresses). */
  allow: string[];
  /** The status it answers with (403 for the Deny form). */
  status: number;
  /** Its page, from the ErrorDocument for that status in the same file, if any. */
  page: string | null;
  /** One line for messages. */
  summary: string;
}

function lineStartsOf(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let s = text.lastIndexOf('\n', from - 1) + 1;
  while (s < to) {
    out.push(s);
    const nl = text.indexOf('\n', s);
    if (nl === -1) break;
    s = nl + 1;
  }
  return out;
}

/** An address a hand-written condition pattern names (`^10.20.0.11`, `^10\.20\.0\.11$`), or null. */
function addressOfPattern(pattern: string): string | null {
  const plain = pattern.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.');
  const e = parseAllowEntry(plain);
  return e.kind === 'ipv4' || e.kind === 'ipv6' ? plain : null;
}

function isHandWrittenChain(ch: RuleChain): boolean {
  return isMaintenanceChain(ch) && (ch.status === 503 || allowlistConds(ch).length > 0);
}

/** Hand-written maintenance stanzas of one file (outside Upkeep's blocks). */
export function handWrittenStanzas(path: string, text: string, tree: HttpdTree, blocks: Block[] = scanMaintenanceMarkers(text).blocks): HandWritten[] {
  const inBlock = (offset: number) => blocks.some(b => offset >= b.start && offset < b.end);
  const out: HandWritten[] = [];
  const errorDocs = tree.directives.filter(d => lowerName(d.name) === 'errordocument' && d.args.length >= 2 && !inBlock(d.start));
  for (const ch of rewriteChains(tree)) {
    if (!isHandWrittenChain(ch) || inBlock(ch.rule.start)) continue;
    const first = ch.conds[0]?.node ?? ch.rule;
    const status = ch.status!;
    const doc = errorDocs.find(d => d.args[0].value === String(status) && d.parent === ch.rule.parent && d.args[1].value.startsWith('/'));
    const nodes = [...ch.conds.map(c => c.node), ch.rule, ...(doc ? [doc] : [])];
    const lineStarts = [...new Set(nodes.flatMap(n => lineStartsOf(text, n.lineStart, n.end)))].sort((a, b) => a - b);
    const allow = allowlistConds(ch).map(c => addressOfPattern(c.pattern)).filter((a): a is string => !!a);
    out.push({
      file: path,
      kind: 'rewrite',
      start: first.lineStart,
      end: ch.rule.end,
      lineStarts,
      allow,
      status,
      page: doc?.args[1].value ?? null,
      summary: text.slice(ch.rule.start, ch.rule.end).replace(/\s+/g, ' '),
    });
  }
  for (const sec of tree.sections) {
    if (!isDenyStanza(sec) || inBlock(sec.start)) continue;
    const ds = sec.children.filter(n => n.kind === 'directive');
    const allow = ds
      .filter(d => lowerName(d.name) === 'allow' && d.args[0]?.value.toLowerCase() === 'from')
      .flatMap(d => d.args.slice(1).map(a => a.value));
    out.push({
      file: path,
      kind: 'location',
      start: sec.lineStart,
      end: sec.close!.end,
      lineStarts: lineStartsOf(text, sec.lineStart, sec.close!.end),
      allow,
      status: 403,
      page: null,
      summary: `<${sec.name} ${sec.args.map(a => a.value).join(' ')}> with Deny from all`,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The vendor's <Location /> form: Deny from all plus Allow from lines. */
function isDenyStanza(sec: SectionNode): boolean {
  if (!/^(location|locationmatch)$/i.test(sec.name) || !sec.close) return false;
  const ds = sec.children.filter(n => n.kind === 'directive');
  return ds.some(d => lowerName(d.name) === 'deny' && d.args.map(a => a.value.toLowerCase()).join(' ') === 'from all');
}

export interface FileState {
  path: string;
  text: string;
  blocks: Block[];
  damaged: DamagedMarker[];
  foreign: ForeignLine[];
  handWritten: HandWritten[];
}

export interface MaintenanceReport {
  files: FileState[];
  /** Managed blocks are present. */
  managed: boolean;
  /** A hand-written stanza is present. */
  handWritten: boolean;
  /** A marker without its partner: the state cannot be told and `off` refuses. */
  damaged: boolean;
}

/** Reads the maintenance state of every file of the configuration (plus `extra`). */
export function readMaintenance(project: Project, cfg: HttpdConfig, extra: string[] = []): MaintenanceReport {
  const files: FileState[] = [];
  for (const p of new Set([...cfg.files, ...extra])) {
    const f = project.file<HttpdTree>(p, 'apacheconf');
    if (!f) continue;
    const { blocks, damaged } = scanMaintenanceMarkers(f.text);
    const foreign = blocks.flatMap(b => foreignLines(f.text, b));
    const handWritten = handWrittenStanzas(f.path, f.text, f.tree, blocks);
    if (blocks.length || damaged.length || handWritten.length) files.push({ path: f.path, text: f.text, blocks, damaged, foreign, handWritten });
  }
  return {
    files,
    managed: files.some(f => f.blocks.length > 0),
    handWritten: files.some(f => f.handWritten.length > 0),
    damaged: files.some(f => f.damaged.length > 0),
  };
}

/** 1-based line of an offset. */
export function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

/** A message line for a damaged marker. */
export function describeDamage(text: string, d: DamagedMarker): string {
  return d.kind === 'begin-without-end'
    ? `line ${lineNumber(text, d.start)}: an Upkeep maintenance block begins here but its end marker ("${END_MARKER}: end.") is missing: put the end marker back after the block's last line, or delete the block by hand`
    : `line ${lineNumber(text, d.start)}: an Upkeep maintenance end marker without its begin marker ("${BEGIN_MARKER}: begin ..."): put the begin marker back before the block, or delete the block's lines by hand`;
}

export { escapeRegex };
