// Incremental reparse (issue 10): after any edit, reparseHttpd(old, text) must give exactly the tree
// parseHttpd(text) gives, while parsing only the top-level nodes the edit touches. Checked with random
// edits (typing, deleting, pasting tags, backslashes, line breaks, CRLF) on configurations written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpd, reparseHttpd, type HttpdTree, type Node } from '../../server/src/httpd/syntax';
import { rewriteChains } from '../../server/src/httpd/rewrite';
import { incrementalStats } from '../../server/src/httpd/lint';
import '../../server/src/languages';
import { lintFile } from '../../server/src/engine/languages';
import { OverlayFileSystem, Project } from '../../server/src/engine/workspace';

/** A plain picture of a tree: every node with its offsets and its parent's start, no cycles. */
function picture(t: HttpdTree): unknown {
  const node = (n: Node): unknown => {
    const base = { kind: n.kind, start: n.start, end: n.end, lineStart: n.lineStart, parent: n.parent?.start ?? null };
    if (n.kind === 'comment') return base;
    const args = n.args.map(a => ({ ...a }));
    if (n.kind === 'directive') return { ...base, name: n.name, nameSpan: { ...n.nameSpan }, args };
    return {
      ...base,
      name: n.name,
      nameSpan: { ...n.nameSpan },
      args,
      open: { ...n.open },
      close: n.close ? { start: n.close.start, end: n.close.end, nameSpan: { ...n.close.nameSpan } } : null,
      openUnterminated: n.openUnterminated ?? false,
      children: n.children.map(c => c.start),
    };
  };
  return {
    children: t.children.map(node),
    directives: t.directives.map(node),
    sections: t.sections.map(node),
    comments: t.comments.map(node),
    problems: t.problems.map(p => ({ kind: p.kind, start: p.start, end: p.end, message: p.message })),
  };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sample(vhosts: number, eol: string): string {
  const out = ['# main', 'ServerRoot "/etc/httpd"', 'Listen 80', 'LoadModule rewrite_module modules/mod_rewrite.so'];
  for (let i = 0; i < vhosts; i++) {
    out.push(
      `<VirtualHost *:80>`,
      `    ServerName site${i}.example.org`,
      `    # rules`,
      `    RewriteEngine On`,
      `    RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.${i}$`,
      `    RewriteRule ^ - [R=503,L]`,
      `    <IfModule mod_headers.c>`,
      `        Header set X-Site "site ${i}"`,
      `    </IfModule>`,
      `</VirtualHost>`,
      '',
      `Alias /s${i} "/var/www/s${i}"`,
    );
  }
  return out.join(eol) + eol;
}

const SNIPPETS = ['x', ' ', '\n', '\r\n', '\\', '\\\n', '<', '>', '</VirtualHost>', '<Directory />', '"', '#', '\t', 'Listen 8080\n', '<IfModule x>\n', '</IfModule>\n'];

test('reparse after random edits equals a full parse', () => {
  const r = rng(20261204);
  let checked = 0;
  for (const eol of ['\n', '\r\n']) {
    for (let round = 0; round < 30; round++) {
      let text = sample(6, eol);
      let tree = parseHttpd(text);
      for (let step = 0; step < 25; step++) {
        const at = Math.floor(r() * (text.length + 1));
        const del = r() < 0.4 ? Math.floor(r() * 12) : 0;
        const ins = r() < 0.8 ? SNIPPETS[Math.floor(r() * SNIPPETS.length)] : '';
        const next = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
        const fresh = parseHttpd(next);
        tree = reparseHttpd(tree, next);
        assert.deepEqual(picture(tree), picture(fresh), `edit at ${at} (-${del} +${JSON.stringify(ins)}) of ${JSON.stringify(text)}`);
        text = next;
        checked++;
        // A broken edit makes the next reparse a full parse; start again from a clean text now and then.
        if (fresh.problems.length && r() < 0.5) {
          text = sample(6, eol);
          tree = parseHttpd(text);
        }
      }
    }
  }
  assert.ok(checked >= 1500);
});

/** The rewrite chains of a tree as plain data (offsets of every line they are made of). */
function chainPicture(t: HttpdTree): unknown {
  return rewriteChains(t).map(c => ({
    scope: c.scope?.start ?? null,
    rule: [c.rule.start, c.rule.end],
    pattern: c.pattern,
    negated: c.negated,
    substitution: c.substitution,
    flags: [...c.flags.map],
    status: c.status,
    conds: c.conds.map(x => ({ at: [x.node.start, x.node.end], test: x.testString, pattern: x.pattern, negated: x.negated, flags: [...x.flags.map] })),
  }));
}

test('rewrite chains after random edits equal those of a full parse (sections kept by the reparse keep their chains)', () => {
  const r = rng(20261205);
  const rewriteSnippets = [...SNIPPETS, 'RewriteCond %{REMOTE_ADDR} !^10\\.1\\.1\\.1$\n', 'RewriteRule ^ - [R=503,L]\n', ' [OR]', ' [NC]', 'RewriteEngine On\n'];
  let checked = 0;
  for (let round = 0; round < 20; round++) {
    let text = sample(6, '\n');
    let tree = parseHttpd(text);
    chainPicture(tree); // chains of the first version are computed and kept per section
    for (let step = 0; step < 25; step++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.4 ? Math.floor(r() * 12) : 0;
      const ins = r() < 0.8 ? rewriteSnippets[Math.floor(r() * rewriteSnippets.length)] : '';
      const next = text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
      tree = reparseHttpd(tree, next);
      assert.deepEqual(chainPicture(tree), chainPicture(parseHttpd(next)), `edit at ${at} (-${del} +${JSON.stringify(ins)}) of ${JSON.stringify(text)}`);
      text = next;
      checked++;
    }
  }
  assert.ok(checked >= 500);
});

test('typing inside one virtual host reuses the rewrite chains of the others', () => {
  const text = sample(20, '\n');
  const old = parseHttpd(text);
  const before = rewriteChains(old);
  const at = text.indexOf('ServerName site7');
  const tree = reparseHttpd(old, text.slice(0, at) + 'x' + text.slice(at));
  const after = rewriteChains(tree);
  assert.equal(after.length, 20);
  const same = after.filter((c, i) => c === before[i]).length;
  assert.equal(same, 19, 'only the edited host\'s chain is built again');
  assert.notEqual(after[7], before[7]);
});

test('typing inside one virtual host reuses every other node', () => {
  const text = sample(50, '\n');
  const old = parseHttpd(text);
  const before = old.sections.filter(s => s.name === 'VirtualHost');
  const at = text.indexOf('ServerName site25');
  const next = text.slice(0, at) + 'x' + text.slice(at);
  const tree = reparseHttpd(old, next);
  const after = tree.sections.filter(s => s.name === 'VirtualHost');
  assert.equal(after.length, 50);
  let reused = 0;
  for (let i = 0; i < 50; i++) if (after[i] === before[i]) reused++;
  assert.equal(reused, 49, 'every virtual host but the edited one is the same object');
  assert.notEqual(after[25], before[25]);
  assert.equal(after[26].start, before[26].start, 'moved nodes carry their new offsets');
  assert.equal(next.slice(after[26].start, after[26].start + 13), '<VirtualHost ');
});

test('an edit that opens a section without closing it is parsed whole, with its problem', () => {
  const text = sample(5, '\n');
  const old = parseHttpd(text);
  const at = text.indexOf('Alias /s2');
  const next = text.slice(0, at) + '<Directory /x>\n' + text.slice(at);
  const tree = reparseHttpd(old, next);
  assert.deepEqual(picture(tree), picture(parseHttpd(next)));
  assert.ok(tree.problems.some(p => p.kind === 'unclosed-section'));
});

for (const vhosts of [40, 150]) {
test(`an incremental Project lints edits exactly as a fresh one (${vhosts} virtual hosts${vhosts > 100 ? ': per-section findings reused' : ''})`, () => {
  const path = '/srv/conf/httpd.conf';
  const overlay = new OverlayFileSystem();
  const project = new Project(overlay, { incremental: true, roots: ['/srv'] });
  let text = sample(vhosts, '\n');
  const r = rng(7 + vhosts);
  let mostReused = 0;
  for (let v = 1; v <= 30; v++) {
    const at = Math.floor(r() * text.length);
    text = text.slice(0, at) + SNIPPETS[v % SNIPPETS.length] + text.slice(at);
    overlay.set(path, text, v);
    project.touch([path]);
    const inc = lintFile(project, path, 'apacheconf')!.findings;
    mostReused = Math.max(mostReused, incrementalStats.reused);
    const freshOverlay = new OverlayFileSystem();
    freshOverlay.set(path, text, 1);
    const fresh = lintFile(new Project(freshOverlay, { roots: ['/srv'] }), path, 'apacheconf')!.findings;
    const key = (f: { code: string; start: number; end: number; message: string }) => `${f.start}:${f.end}:${f.code}:${f.message}`;
    assert.deepEqual(inc.map(key).sort(), fresh.map(key).sort(), `version ${v}`);
  }
  if (vhosts > 100) assert.ok(mostReused > vhosts / 2, `sections were reused (at most ${mostReused})`);
});
}

test('readLatest answers a memo from its last value after an edit; outside it, the memo is recomputed', () => {
  const path = '/srv/a.conf';
  const overlay = new OverlayFileSystem();
  const project = new Project(overlay, { incremental: true });
  overlay.set(path, 'Listen 80\n', 1);
  let computed = 0;
  const words = () => project.memo('words', () => (computed++, project.file(path, 'apacheconf')!.text.trim()));
  assert.equal(words(), 'Listen 80');
  overlay.set(path, 'Listen 81\n', 2);
  project.touch([path]);
  assert.equal(project.readLatest(words), 'Listen 80', 'the last value, not recomputed');
  assert.equal(computed, 1);
  assert.equal(words(), 'Listen 81');
  assert.equal(computed, 2);
  // A memo never computed is computed inside readLatest too.
  assert.equal(project.readLatest(() => project.memo('other', () => 42)), 42);
});
