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

function errorsOf(file: string): string[] {
  const project = new Project(nodeFileSystem, { roots: [], httpdAssumeAllModules: true });
  const r = lintFile(project, file, 'apacheconf');
  if (!r) return [];
  return r.findings
    .filter(f => f.severity === 'error')
    .map(f => `${path.basename(file)}:${r.file.index.positionAt(f.start).line + 1} ${f.code} ${f.message}`);
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
  const falseErrors: string[] = [];
  let mutants = 0;
  let caught = 0;
  const missed: string[] = [];
  const byKind = new Map<string, [number, number]>();
  files.forEach((file, i) => {
    const check = s.checkConfig(file);
    if (!check.ok) return;
    accepted++;
    falseErrors.push(...errorsOf(file));
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
  const summary = [
    `differential: ${files.length} files, apache2 -t accepted ${accepted}; Upkeep reported no error on ${accepted - new Set(falseErrors.map(e => e.split(':')[0])).size} of them`,
    `mutants rejected by apache2 -t: ${mutants}; Upkeep reported an error on ${caught} (${mutants ? ((100 * caught) / mutants).toFixed(1) : '100'}%)`,
    ...[...byKind].map(([k, [n, c]]) => `  ${k}: ${c}/${n}`),
  ];
  for (const l of summary) t.diagnostic(l);
  console.log(summary.join('\n'));
  assert.ok(accepted >= (corpus.length ? 50 : 1), `too few accepted files (${accepted}) for the comparison to mean something`);
  assert.deepEqual(falseErrors, [], 'errors on files Apache accepts');
  assert.deepEqual(missed, [], 'mutants Apache rejects without an Upkeep error');
});
