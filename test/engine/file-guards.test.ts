// Bad input gets a clear diagnostic, never a crash: binary, huge and non-UTF-8 files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, OverlayFileSystem, nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { BINARY_PROBE, applyOffsetEdits, decodeBytes, encodeText } from '../../server/src/engine/text';
import { enterMaintenance, leaveMaintenance } from '../../server/src/httpd/maintenance';

test('a binary file named httpd.conf gets file/binary and nothing else', () => {
  const fs2 = new MemoryFileSystem({ '/w/httpd.conf': 'ServerName a\0\0\0\x01\x02 garbage <Directory' });
  const r = lintFile(new Project(fs2, { roots: ['/w'] }), '/w/httpd.conf')!;
  assert.deepEqual(r.findings.map(f => f.code), ['file/binary']);
});

test('an editor document is binary when a NUL character lies within the probed start, as a file on disk is', () => {
  const ov = new OverlayFileSystem(new MemoryFileSystem({}));
  const pad = 'ServerName a\n'.repeat(Math.ceil(BINARY_PROBE / 13));
  ov.set('/w/a.conf', 'ServerName a\0\n', 1);
  ov.set('/w/b.conf', pad.slice(0, BINARY_PROBE - 1) + '\0' + pad, 1);
  ov.set('/w/c.conf', pad + '\0\n', 1);
  ov.set('/w/d.conf', '', 1);
  assert.equal(ov.readText('/w/a.conf')!.binary, true);
  assert.equal(ov.readText('/w/b.conf')!.binary, true);
  assert.equal(ov.readText('/w/c.conf')!.binary, false);
  assert.equal(ov.readText('/w/d.conf')!.binary, false);
  const bytes = Buffer.from(pad + '\0\n');
  assert.equal(decodeBytes(bytes).binary, false, 'the disk reader draws the same line');
});

test('a file over the size limit gets file/too-large and is not parsed', () => {
  const big = 'ServerNmae x\n'.repeat(1_700_000); // about 22 MB of typos
  const fs2 = new MemoryFileSystem({ '/w/httpd.conf': big });
  const r = lintFile(new Project(fs2, { roots: ['/w'] }), '/w/httpd.conf')!;
  assert.deepEqual(r.findings.map(f => f.code), ['file/too-large']);
});

test('a Latin-1 file is linted, reported once, and a maintenance round trip keeps its bytes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-latin1-'));
  try {
    const file = path.join(dir, 'httpd.conf');
    const bytes = Buffer.concat([Buffer.from('# Serveur de production \xe9t\xe9\nServerNmae caf', 'latin1'), Buffer.from([0xe9]), Buffer.from('\n')]);
    fs.writeFileSync(file, bytes);
    const project = new Project(nodeFileSystem, { roots: [dir] });
    const r = lintFile(project, file)!;
    assert.deepEqual(r.findings.map(f => f.code), ['file/encoding', 'httpd/unknown-directive']);
    const plan = enterMaintenance(project, file);
    const write = (edits: { start: number; end: number; newText: string }[]) => {
      const d = decodeBytes(fs.readFileSync(file));
      fs.writeFileSync(file, encodeText(applyOffsetEdits(d.text, edits), d.encoding));
      project.touch();
    };
    write(plan.changes[0].edits!);
    assert.notDeepEqual(fs.readFileSync(file), bytes);
    write(leaveMaintenance(project, file).changes[0].edits!);
    assert.deepEqual(fs.readFileSync(file), bytes);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
