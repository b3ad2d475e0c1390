// Inputs found by fuzzing the httpd side (`npm run fuzz -- --language apacheconf`), each the minimal
// input the fuzzer printed, checked here with the engine functions the CLI and the editor call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/languages';
import type { FileChange } from '../../server/src/engine/rules';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { enterMaintenance, leaveMaintenance, maintenanceState } from '../../server/src/httpd/maintenance';
import { checkOne } from '../fuzz/engine-fuzz';

const ROOT = '/ws/conf/httpd.conf';

function setup(files: Record<string, string>) {
  const mem = new MemoryFileSystem(files);
  const project = new Project(mem, { roots: ['/ws'] });
  const apply = (changes: FileChange[]) => {
    for (const c of changes) {
      if (c.create !== undefined) mem.write(c.path, c.create);
      else if (c.edits) mem.write(c.path, applyOffsetEdits(mem.readText(c.path)!.text, c.edits));
    }
    project.touch();
  };
  return { mem, project, apply, text: (p: string) => mem.readText(p)!.text };
}

test('on --replace: a stanza on the first line of a <VirtualHost> gets the prefix, not the begin marker of the block', () => {
  // Fuzzing's minimal input: the block goes in right after the opening line, where the stanza starts.
  const input = '<VirtualHost *:80>\nRewriteRule ^ - [R=503,L]\n</VirtualHost>\n';
  const s = setup({ [ROOT]: input });
  const plan = enterMaintenance(s.project, ROOT, { allow: ['10.1.2.3'], replace: true });
  assert.deepEqual(plan.refusals, []);
  // One insertion at the shared offset, block first: no client can apply them in the wrong order.
  const edits = plan.changes.find(c => c.path === ROOT)!.edits!;
  assert.equal(new Set(edits.map(e => e.start)).size, edits.length, 'one edit per offset');
  s.apply(plan.changes);
  const lines = s.text(ROOT).split('\n');
  assert.match(lines[1], /^ {4}# >>> Upkeep maintenance mode: begin\./, 'the begin marker is intact');
  assert.ok(lines.includes('# upkeep-replaced: RewriteRule ^ - [R=503,L]'), s.text(ROOT));
  const on = maintenanceState(s.project, ROOT);
  assert.deepEqual(on.damaged, []);
  assert.equal(on.managed, true);
  assert.equal(on.handWritten.length, 0, 'the stanza is commented out');
  const off = leaveMaintenance(s.project, ROOT);
  assert.deepEqual(off.refusals, []);
  s.apply(off.changes);
  assert.equal(s.text(ROOT), '<VirtualHost *:80>\n# upkeep-replaced: RewriteRule ^ - [R=503,L]\n</VirtualHost>\n');
  assert.equal(maintenanceState(s.project, ROOT).on, false);
});

test('on --replace in CRLF: the same, with the file\'s line breaks', () => {
  const input = '<VirtualHost *:80>\r\n    RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$\r\n    RewriteRule ^ - [R=503,L]\r\n</VirtualHost>\r\n';
  const s = setup({ [ROOT]: input });
  s.apply(enterMaintenance(s.project, ROOT, { replace: true }).changes);
  const on = maintenanceState(s.project, ROOT);
  assert.deepEqual([on.damaged, on.handWritten.length, on.managed], [[], 0, true]);
  assert.ok(!/[^\r]\n/.test(s.text(ROOT)), 'no bare LF');
  s.apply(leaveMaintenance(s.project, ROOT).changes);
  assert.equal(
    s.text(ROOT),
    '<VirtualHost *:80>\r\n# upkeep-replaced:     RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$\r\n# upkeep-replaced:     RewriteRule ^ - [R=503,L]\r\n</VirtualHost>\r\n',
  );
});

test('the fuzzer passes its minimal inputs now', () => {
  for (let seed = 1; seed <= 40; seed++) {
    assert.equal(checkOne('apacheconf', '<VirtualHost *:80>\nRewriteRule ^ - [R=503,L]\n</VirtualHost>\n', seed), null, `seed ${seed}`);
  }
});

test('a module folder with white space: the block loads mod_rewrite from it quoted, and off recognises the line', () => {
  // Fuzzing found `LoadModule x m} )odules/mod_x.so`: the block wrote the folder unquoted, Apache would read
  // two arguments, and `off` took the line for one someone added. IHS on Windows has such folders.
  for (const [loaded, expected] of [
    ['LoadModule ssl_module "C:/Program Files/IBM/HTTPServer/modules/mod_ssl.so"', '"C:/Program Files/IBM/HTTPServer/modules/mod_rewrite.so"'],
    ['LoadModule x_module "m} )odules/mod_x.so"', '"m} )odules/mod_rewrite.so"'],
    ['LoadModule ssl_module modules/mod_ssl.so', 'modules/mod_rewrite.so'],
    ['LoadModule ssl_module "odd\\"dir/mod_ssl.so"', 'modules/mod_rewrite.so'],
  ]) {
    const input = `${loaded}\nListen 80\n`;
    const s = setup({ [ROOT]: input });
    const plan = enterMaintenance(s.project, ROOT, { allow: ['10.1.2.3'] });
    s.apply(plan.changes);
    assert.ok(s.text(ROOT).includes(`    LoadModule rewrite_module ${expected}\n`), s.text(ROOT));
    const off = leaveMaintenance(s.project, ROOT);
    assert.deepEqual(off.refusals, [], loaded);
    s.apply(off.changes);
    assert.equal(s.text(ROOT), input, loaded);
  }
});

test('a section left open: on refuses (the block would land inside it and change what is included), nothing is written', () => {
  // Fuzzing's minimal input (with an Include of a virtual host after it): `<IfModule` without its '>' and
  // never closed. Appended at the end, the block's own </IfModule> closed that section, so site.conf was
  // no longer included and status no longer saw the block.
  const site = '/ws/conf/site.conf';
  const input = '<IfModule\nInclude conf\n</IfModule>\\\nInclude conf/site.conf\n';
  const s = setup({ [ROOT]: input, [site]: '<VirtualHost *:443>\n    ServerName a\n</VirtualHost>\n' });
  const plan = enterMaintenance(s.project, ROOT, { allow: ['10.1.2.3'] });
  assert.equal(plan.refusals.length, 1);
  assert.equal(plan.refusals[0].forceable, false, 'Apache refuses the file: --force does not help');
  assert.match(plan.refusals[0].reason, /^httpd\.conf:1: .*missing its closing '>'.*fix its sections before entering maintenance mode$/);
  for (const broken of ['<VirtualHost *:80>\nServerName a\n', 'ServerName a\n</Directory>\n', '<Directory />\n<Location />\n</Directory>\n</Location>\n']) {
    const t = setup({ [ROOT]: broken });
    assert.ok(enterMaintenance(t.project, ROOT, {}).refusals.some(r => !r.forceable && /fix its sections/.test(r.reason)), broken);
  }
  // A well-formed file is not refused.
  const ok = setup({ [ROOT]: '<IfModule mod_ssl.c>\nListen 443\n</IfModule>\n' });
  assert.deepEqual(enterMaintenance(ok.project, ROOT, { allow: ['10.1.2.3'] }).refusals, []);
});
