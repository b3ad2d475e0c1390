// Differential test against the real Apache (issue 2): on every corpus file and fixture that
// `apache2 -t` (all modules loaded, DocumentRoot check off) accepts, Upkeep reports no error; on
// mutations of those files that Apache rejects (a closing tag removed, a directive misspelled, a directive
// moved into a context that forbids it), Upkeep reports an error. The agreement figures are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { directiveInfo } from '../../server/src/httpd/directives';
import { parseHttpd, type DirectiveNode, type Node } from '../../server/src/httpd/syntax';
import { defaultScratch, repoRoot, requireApache } from '../support/apache';

// UPKEEP_DIFF_CORPUS points the same comparison at another folder, e.g. ../shared/corpus-validation/httpd
// (files the tests were not written against): `UPKEEP_DIFF_CORPUS=... npm test -- differential`.
const CORPUS = process.env.UPKEEP_DIFF_CORPUS ? path.resolve(process.env.UPKEEP_DIFF_CORPUS) : path.resolve(repoRoot(), '..', 'shared', 'corpus', 'httpd');

function collect(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    if (st.isDirectory()) collect(p, out);
    else if (st.isFile() && name !== 'PROVENANCE.tsv' && !/\.(tar\.gz|md)$/.test(name)) out.push(p);
  }
  return out;
}

interface Reported {
  file: string;
  code: string;
  severity: string;
  /** `file:line code message`, the file relative to the corpus (or the repository). */
  text: string;
}

const shownPath = (file: string): string =>
  path.relative(file.startsWith(CORPUS + path.sep) ? CORPUS : repoRoot(), file);

/** Every finding Upkeep reports on a file linted on its own (every module assumed loaded, as apache2 -t runs it). */
function findingsOf(file: string): Reported[] {
  const project = new Project(nodeFileSystem, { roots: [], httpdAssumeAllModules: true });
  const r = lintFile(project, file, 'apacheconf');
  if (!r) return [];
  return r.findings.map(f => ({
    file,
    code: f.code,
    severity: f.severity,
    text: `${shownPath(file)}:${r.file.index.positionAt(f.start).line + 1} ${f.code} ${f.message}`,
  }));
}

const errorsOf = (file: string): string[] => findingsOf(file).filter(f => f.severity === 'error').map(f => f.text);

/** `code N` lines, most frequent first. */
function perCode(list: Reported[]): string[] {
  const counts = new Map<string, number>();
  for (const f of list) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c, n]) => `    ${c}: ${n}`);
}

/** Is a node read by Apache whatever the defines and modules (not inside a conditional or a macro)? */
function alwaysRead(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (/^(if|macro|else)/i.test(p.name)) return false;
  return true;
}

type Mutation = { kind: string; text: string };

function mutations(text: string): Mutation[] {
  const tree = parseHttpd(text);
  if (tree.problems.length) return [];
  const out: Mutation[] = [];
  const sec = tree.sections.find(s => s.close && alwaysRead(s));
  if (sec?.close) out.push({ kind: 'closing tag removed', text: text.slice(0, sec.close.start) + text.slice(sec.close.end) });
  const d = tree.directives.find(x => alwaysRead(x) && directiveInfo(x.name));
  if (d) out.push({ kind: 'directive misspelled', text: text.slice(0, d.nameSpan.end) + 'Zq' + text.slice(d.nameSpan.end) });
  const movable = tree.directives.find(
    (x: DirectiveNode) => x.parent === null && directiveInfo(x.name) && !directiveInfo(x.name)!.contexts.includes('directory') && !/^(define|undefine|include|includeoptional|loadmodule|loadfile)$/i.test(x.name),
  );
  const rr = tree.directives.find(x => alwaysRead(x) && /^rewriterule$/i.test(x.name) && /^\[.*\]$/.test(x.args[2]?.value ?? ''));
  if (rr) {
    const flags = rr.args[2];
    out.push({ kind: 'RewriteRule flags bracket removed', text: text.slice(0, flags.end - 1) + text.slice(flags.end) });
  }
  if (movable) {
    const line = text.slice(movable.nameSpan.start, movable.end);
    const without = text.slice(0, movable.nameSpan.start) + text.slice(movable.end);
    out.push({ kind: 'directive moved into <Location>', text: `${without}\n<Location "/upkeep-mutation">\n    ${line}\n</Location>\n` });
  }
  return out;
}

test('differential: Upkeep agrees with apache2 -t on the corpus and on mutations of it', t => {
  if (!requireApache(t)) return;
  const own = [...collect(path.join(repoRoot(), 'examples')).filter(f => /\.conf$/.test(f)), ...collect(path.join(repoRoot(), 'test', 'fixtures', 'httpd'))].filter(f =>
    fs.existsSync(f),
  );
  const corpus = fs.existsSync(CORPUS) ? collect(CORPUS) : [];
  if (!corpus.length) t.diagnostic(`corpus not found at ${CORPUS}: checking the project's own fixtures only`);
  const s = defaultScratch();
  const files = [...new Set([...corpus, ...own].map(f => fs.realpathSync(f)))];

  let accepted = 0;
  const acceptedFiles: string[] = [];
  const falseErrors: string[] = [];
  const onAccepted: Reported[] = [];
  let mutants = 0;
  let caught = 0;
  const missed: string[] = [];
  const byKind = new Map<string, [number, number]>();
  files.forEach((file, i) => {
    const check = s.checkConfig(file);
    if (!check.ok) return;
    accepted++;
    acceptedFiles.push(file);
    const found = findingsOf(file);
    onAccepted.push(...found);
    falseErrors.push(...found.filter(f => f.severity === 'error').map(f => f.text));
    const text = fs.readFileSync(file, 'latin1');
    mutations(text).forEach((m, k) => {
      const mutant = s.write(`mutants/${i}-${k}/${path.basename(file)}`, '');
      fs.writeFileSync(mutant, Buffer.from(m.text, 'latin1'));
      if (s.checkConfig(mutant).ok) return; // Apache accepts this mutant: not a case
      mutants++;
      const kind = byKind.get(m.kind) ?? [0, 0];
      kind[0]++;
      if (errorsOf(mutant).length) {
        caught++;
        kind[1]++;
      } else missed.push(`${m.kind}: ${path.relative(CORPUS, file)}`);
      byKind.set(m.kind, kind);
    });
  });
  const errors = onAccepted.filter(f => f.severity === 'error');
  const warnings = onAccepted.filter(f => f.severity === 'warning');
  const filesWithErrors = new Set(errors.map(e => e.file));
  const inCorpus = (f: string) => f.startsWith(CORPUS + path.sep);
  const acceptedCorpus = acceptedFiles.filter(inCorpus).length;
  const corpusWarnings = warnings.filter(w => inCorpus(w.file));
  const summary = [
    `differential: ${CORPUS}`,
    `differential: ${files.length} files, apache2 -t accepted ${accepted}; Upkeep reported no error on ${accepted - filesWithErrors.size} of them`,
    `error-severity findings on accepted files: ${errors.length}`,
    ...perCode(errors),
    ...errors.map(e => `    error ${e.text}`),
    `warnings on accepted files: ${warnings.length} (${accepted ? (warnings.length / accepted).toFixed(3) : '0'} per accepted file)`,
    ...perCode(warnings),
    ...warnings.map(w => `    warning ${w.text}`),
    // The project's examples and fixtures show mistakes on purpose: the real-world figure leaves them out.
    `warnings on accepted corpus files (the project's own examples and fixtures left out): ${corpusWarnings.length} (${acceptedCorpus ? (corpusWarnings.length / acceptedCorpus).toFixed(3) : '0'} per accepted corpus file, ${acceptedCorpus} accepted)`,
    `information and hints on accepted files: ${onAccepted.length - errors.length - warnings.length}`,
    ...perCode(onAccepted.filter(f => f.severity !== 'error' && f.severity !== 'warning')),
    `mutants rejected by apache2 -t: ${mutants}; Upkeep reported an error on ${caught} (${mutants ? ((100 * caught) / mutants).toFixed(1) : '100'}%)`,
    ...[...byKind].map(([k, [n, c]]) => `  ${k}: ${c}/${n}`),
  ];
  // The runner's report gets the counts; stdout also gets every finding, one per line.
  for (const l of summary) if (!/^ {4}(?:error|warning) /.test(l)) t.diagnostic(l);
  console.log(summary.join('\n'));
  assert.ok(accepted >= (corpus.length ? 50 : 1), `too few accepted files (${accepted}) for the comparison to mean something`);
  assert.deepEqual(falseErrors, [], 'errors on files Apache accepts');
  assert.deepEqual(missed, [], 'mutants Apache rejects without an Upkeep error');
});
