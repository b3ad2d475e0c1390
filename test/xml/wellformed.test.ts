// Well-formedness agrees with xmllint: on every XML file of the shared corpus (plugin-cfg and
// Sametime), on CRLF and BOM variants of them, and on mutations of each (a closing tag removed, an
// attribute quote removed, a "<" inserted in text, a duplicate attribute, typographic quotes).
// For each case: same verdict (well-formed or not), and our first error is on the line xmllint
// reports (or, failing that, inside the same element). Prints the agreement figures.
import { corpusPath } from '../support/repo';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeBytes } from '../../server/src/engine/text';
import { parseXml, type XmlDocument, type XmlElement } from '../../server/src/xml/parser';

const CORPUS = corpusPath('');
const KINDS = ['plugin-cfg', 'sametime'];

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.xml')) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/** xmllint's verdict: null when well-formed, else the line of its first error. */
function xmllint(file: string): number | null {
  const r = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const m = /:(\d+): (?:parser )?error/.exec(r.stderr);
  return m ? Number(m[1]) : -1;
}

/** Lines the way libxml2 counts them: only "\n" starts a line (CRLF counts once, a lone CR not). */
function xmlLine(text: string, offset: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

function lineRangeHolds(doc: XmlDocument, el: XmlElement, line: number): boolean {
  return xmlLine(doc.text, el.start) <= line && line <= xmlLine(doc.text, el.end);
}

interface Case {
  name: string;
  bytes: Buffer;
}

/** Picks up to `k` items spread over the list, deterministically. */
function spread<T>(items: T[], k: number): T[] {
  if (items.length <= k) return items;
  const out: T[] = [];
  for (let m = 0; m < k; m++) out.push(items[Math.floor((m * (items.length - 1)) / (k - 1))]);
  return [...new Set(out)];
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function mutations(name: string, text: string): { name: string; text: string }[] {
  const doc = parseXml(text);
  const out: { name: string; text: string }[] = [];
  const withEnd = doc.elements.filter(e => e.endTag);
  for (const e of spread(withEnd, 4)) out.push({ name: `${name} without </${e.name}> @${e.endTag!.start}`, text: splice(text, e.endTag!.start, e.endTag!.end, '') });
  const quoted = doc.elements.flatMap(e => e.attributes).filter(a => a.valueSpan && (a.quote === '"' || a.quote === "'") && a.closeQuote === a.quote);
  for (const a of spread(quoted, 3)) {
    out.push({ name: `${name} ${a.name}: opening quote removed @${a.valueSpan!.start}`, text: splice(text, a.valueSpan!.start - 1, a.valueSpan!.start, '') });
    out.push({ name: `${name} ${a.name}: closing quote removed @${a.valueSpan!.end}`, text: splice(text, a.valueSpan!.end, a.valueSpan!.end + 1, '') });
    out.push({ name: `${name} ${a.name}: typographic quotes @${a.valueSpan!.start}`, text: splice(splice(text, a.valueSpan!.end, a.valueSpan!.end + 1, '”'), a.valueSpan!.start - 1, a.valueSpan!.start, '”') });
    out.push({ name: `${name} ${a.name}: typographic closing quote @${a.valueSpan!.end}`, text: splice(text, a.valueSpan!.end, a.valueSpan!.end + 1, '”') });
  }
  const texts = doc.elements.flatMap(e => e.children.filter(c => c.kind === 'text'));
  for (const t of spread(texts, 3)) {
    const at = t.start + Math.floor((t.end - t.start) / 2);
    out.push({ name: `${name} "<" inserted in text @${at}`, text: splice(text, at, at, '<') });
  }
  const withAttrs = doc.elements.filter(e => e.attributes.length > 0 && !e.startTagUnterminated);
  for (const e of spread(withAttrs, 3)) {
    const a = e.attributes[e.attributes.length - 1];
    out.push({ name: `${name} duplicate ${a.name} in <${e.name}> @${a.end}`, text: splice(text, a.end, a.end, ' ' + text.slice(a.start, a.end)) });
    const first = e.attributes[0];
    out.push({ name: `${name} duplicate ${first.name} before itself @${first.start}`, text: splice(text, first.start, first.start, text.slice(first.start, first.end) + ' ') });
  }
  return out;
}

test('well-formedness agrees with xmllint on the corpus, its variants and mutations', t => {
  if (!existsSync(CORPUS)) return t.skip(`corpus not found at ${CORPUS}`);
  if (!hasXmllint()) return t.skip('xmllint is not installed (apt-get install libxml2-utils)');
  const files = KINDS.flatMap(k => xmlFiles(path.join(CORPUS, k)));
  assert.ok(files.length >= 10, `expected the corpus XML files, found ${files.length}`);

  const cases: Case[] = [];
  for (const f of files) {
    const bytes = readFileSync(f);
    const rel = path.relative(CORPUS, f);
    const text = bytes.toString('utf8');
    cases.push({ name: rel, bytes });
    cases.push({ name: `${rel} (CRLF)`, bytes: Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8') });
    cases.push({ name: `${rel} (BOM)`, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) });
    cases.push({ name: `${rel} (Latin-1 é in a comment)`, bytes: Buffer.concat([bytes, Buffer.from('<!-- caf\xe9 -->\n', 'latin1')]) });
    for (const m of mutations(rel, text)) {
      cases.push({ name: m.name, bytes: Buffer.from(m.text, 'utf8') });
      if (/without|quote removed/.test(m.name)) cases.push({ name: `${m.name} (CRLF)`, bytes: Buffer.from(m.text.replace(/\r?\n/g, '\r\n'), 'utf8') });
    }
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'upkeep-wf-'));
  let verdicts = 0;
  let exactLines = 0;
  let sameElement = 0;
  let notWellFormed = 0;
  const failures: string[] = [];
  try {
    cases.forEach((c, k) => {
      const file = path.join(dir, `case${k}.xml`);
      writeFileSync(file, c.bytes);
      const theirs = xmllint(file);
      const decoded = decodeBytes(c.bytes);
      const doc = parseXml(decoded.text, { encoding: decoded.encoding });
      const first = doc.errors[0];
      const ours = first ? xmlLine(doc.text, first.at) : null;
      if (theirs !== null) notWellFormed++;
      if ((theirs === null) !== (ours === null)) {
        failures.push(`${c.name}: xmllint ${theirs === null ? 'well-formed' : `error on line ${theirs}`}, Upkeep ${ours === null ? 'well-formed' : `error on line ${ours}: ${first!.message}`}`);
        return;
      }
      verdicts++;
      if (theirs === null || theirs === ours) {
        exactLines++;
        return;
      }
      // Same element: the smallest element holding xmllint's line also holds our error.
      const holder = doc.elements.filter(e => lineRangeHolds(doc, e, theirs)).pop();
      if (holder && lineRangeHolds(doc, holder, xmlLine(doc.text, first!.start)) && holder !== doc.root) sameElement++;
      else failures.push(`${c.name}: xmllint line ${theirs}, Upkeep line ${ours}: ${first!.message}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const total = cases.length;
  console.log(
    `xmllint agreement: ${total} documents (${files.length} corpus files, their CRLF/BOM/Latin-1 variants and ${total - files.length * 4} mutations; ${notWellFormed} not well-formed): ` +
      `verdict ${verdicts}/${total}, same line ${exactLines}/${total}, same element ${sameElement}/${total}`,
  );
  assert.deepEqual(failures, []);
  assert.ok(notWellFormed > total / 2, 'the mutations should mostly break the files');
});

test('a well-formed file parses without errors; each kind of damage gives an error on its line', () => {
  const ok = '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- c -->\r\n<a x="1" y=\'2\'>\r\n  <b/>text &amp; &#x41;<![CDATA[<raw>]]>\r\n</a>\r\n';
  assert.deepEqual(parseXml(ok).errors, []);
  const cases: [string, number, RegExp][] = [
    ['<a>\n<b>\n</a>\n', 3, /<b> \(line 2\) is still open/],
    ['<a>\n<b x="1" x="2"/>\n</a>', 2, /appears twice/],
    ['<a>\n < \n</a>', 2, /starts no tag/],
    ['<a>\n<b x=”1”/>\n</a>', 2, /typographic quote ”/],
    ['<a>\n<b x="1/>\n<c/>\n</a>', 3, /no closing "/],
    ['  <?xml version="1.0"?>\n<a/>', 1, /very first thing/],
    ['# comment\n<a/>', 1, /before the root element/],
    ['<a/>\n<b/>', 2, /after the end of the root/],
    ['<a>\n&foo;</a>', 2, /not defined/],
    ['<a>\n<!-- a -- b -->\n</a>', 2, /"--"/],
    ['', 1, /empty/],
  ];
  for (const [text, line, message] of cases) {
    const doc = parseXml(text);
    assert.ok(doc.errors.length > 0, `expected an error in ${JSON.stringify(text)}`);
    assert.equal(xmlLine(text, doc.errors[0].at), line, JSON.stringify(text));
    assert.match(doc.errors[0].message, message);
  }
});
