// The security rules on real-world configurations (issue 14): on every corpus file that `apache2 -t`
// accepts, each security finding louder than information is checked against an independent reading
// of the line (a rule that warns must have a reason visible in the text), and every fix of a security
// rule, applied to the file, is accepted by `apache2 -t` again. Findings per rule are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { applyOffsetEdits, LineIndex } from '../../server/src/engine/text';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { defaultScratch, repoRoot, requireApache } from '../support/apache';
import { SECURITY_RULES } from '../../server/src/httpd/rules/security';

const SECURITY_CODES = SECURITY_RULES.map(r => r.meta.code);

const CORPUS = path.resolve(repoRoot(), '..', 'shared', 'corpus', 'httpd');

function collect(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    if (st.isDirectory()) collect(p, out);
    else if (st.isFile() && name !== 'PROVENANCE.tsv' && !/\.(tar\.gz|md)$/.test(name)) out.push(p);
  }
  return out;
}

/** What a warning of each rule must show on its line, read independently of the rule's code. */
const EVIDENCE: Record<string, RegExp> = {
  'httpd/weak-tls-cipher': /(RC4|RC2|3DES|DES-CBC|NULL|EXP|MD5|ADH|AECDH|LOW|\bALL\b|\b3[1-69A]\b|\b6[24]\b)/i,
  'httpd/weak-tls-protocol': /(^|\s)\+?(SSLv2|SSLv3|TLSv1|TLSv1\.1|TLSv10|TLSv11)(\s|$)/i,
  'httpd/open-proxy': /ProxyRequests\s+on/i,
  'httpd/unanchored-match': /<(LocationMatch|DirectoryMatch|Location\s+~|Directory\s+~)\s+"?[^"^]/i,
  'httpd/host-based-access': /(HostnameLookups\s+On|REMOTE_HOST)/i,
};

test('security rules on the corpus: warnings have visible evidence, every fix passes apache2 -t', t => {
  if (!requireApache(t)) return;
  if (!fs.existsSync(CORPUS)) {
    t.skip(`corpus not found at ${CORPUS}: nothing to check`);
    return;
  }
  const s = defaultScratch();
  const counts = new Map<string, number>();
  const unfounded: string[] = [];
  const rejectedFixes: string[] = [];
  let accepted = 0;
  let fixesChecked = 0;
  collect(CORPUS).forEach((file, i) => {
    if (!s.checkConfig(file).ok) return;
    accepted++;
    const project = new Project(nodeFileSystem, { roots: [], httpdAssumeAllModules: true });
    const r = lintFile(project, file, 'apacheconf');
    if (!r) return;
    const found = r.findings.filter(f => SECURITY_CODES.includes(f.code));
    const index = new LineIndex(r.file.text);
    for (const f of found) {
      const key = `${f.code} ${f.severity}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (f.severity === 'information' || f.severity === 'hint') continue;
      const line = index.lineText(index.lineAt(f.start));
      const evidence = EVIDENCE[f.code];
      if (!evidence || !evidence.test(line)) unfounded.push(`${path.relative(CORPUS, file)}:${index.lineAt(f.start) + 1} ${f.code}: ${line.trim()}`);
    }
    found.forEach((f, k) => {
      for (const fix of f.fixes ?? []) {
        fixesChecked++;
        const fixed = applyOffsetEdits(r.file.text, fix.edits);
        const target = s.write(`security-fixes/${i}-${k}/${path.basename(file)}`, '');
        fs.writeFileSync(target, Buffer.from(fixed, r.file.encoding === 'latin1' ? 'latin1' : 'utf8'));
        const check = s.checkConfig(target);
        if (!check.ok) rejectedFixes.push(`${path.relative(CORPUS, file)} ${f.code} "${fix.title}": ${check.stderr.trim()}`);
      }
    });
  });
  const summary = [
    `security rules: ${accepted} corpus files accepted by apache2 -t; ${fixesChecked} fixes applied and re-checked`,
    ...[...counts].sort().map(([k, n]) => `  ${k}: ${n}`),
  ];
  for (const l of summary) t.diagnostic(l);
  console.log(summary.join('\n'));
  assert.ok(accepted >= 50, `too few accepted files (${accepted})`);
  assert.ok(fixesChecked >= 10, `too few fixes checked (${fixesChecked})`);
  assert.deepEqual(unfounded, [], 'warnings without visible evidence');
  assert.deepEqual(rejectedFixes, [], 'fixes apache2 -t rejects');
});
