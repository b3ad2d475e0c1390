// Table-driven rule tests in the style of ESLint's RuleTester: valid cases must not report the rule,
// invalid cases must report exactly the listed findings (code@line) and, when `output` is given, the
// rule's fixes must turn the text into exactly that output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, Project, type ProjectOptions } from '../../server/src/engine/workspace';
import { applyOffsetEdits } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/rules';

export interface RuleCase {
  name?: string;
  text: string;
  /** Path of the file under test (default /ws/conf/httpd.conf). */
  path?: string;
  /** Other files of the workspace. */
  files?: Record<string, string>;
  options?: ProjectOptions;
}

export interface InvalidCase extends RuleCase {
  /** Expected findings of the rule as `line` numbers (1-based), in order; or `line:severity`. */
  findings: (number | string)[];
  /** Message fragments that must appear, in order of findings. */
  messages?: (string | RegExp)[];
  /** Text after applying each finding's first fix (all fixes of the rule, non-overlapping). */
  output?: string;
}

export function lintText(c: RuleCase): { findings: Finding[]; text: string } {
  const path = c.path ?? '/ws/conf/httpd.conf';
  const fs = new MemoryFileSystem({ ...(c.files ?? {}), [path]: c.text });
  const project = new Project(fs, { roots: ['/ws'], ...(c.options ?? {}) });
  const r = lintFile(project, path);
  assert.ok(r, `${path} was not recognised as a supported file`);
  const lines = (f: Finding) => r.file.index.positionAt(f.start).line + 1;
  return { findings: r.findings.map(f => Object.assign(f, { line: lines(f) })), text: r.file.text };
}

export function ruleTester(code: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  cases.valid.forEach((c, i) => {
    test(`${code} valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
      const got = lintText(c).findings.filter(f => f.code === code);
      assert.deepEqual(got.map(f => `${(f as Finding & { line: number }).line}: ${f.message}`), []);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${code} invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
      const { findings, text } = lintText(c);
      const got = findings.filter(f => f.code === code) as (Finding & { line: number })[];
      const expected = c.findings.map(String);
      const actual = got.map((f, k) => (expected[k]?.includes(':') ? `${f.line}:${f.severity}` : String(f.line)));
      assert.deepEqual(actual, expected, got.map(f => `${f.line}: ${f.message}`).join('\n'));
      (c.messages ?? []).forEach((m, k) => {
        if (typeof m === 'string') assert.ok(got[k]?.message.includes(m), `message ${k}: ${got[k]?.message}`);
        else assert.match(got[k]?.message ?? '', m);
      });
      if (c.output !== undefined) {
        const edits = got.flatMap(f => f.fixes?.[0]?.edits ?? []);
        assert.equal(applyOffsetEdits(text, edits), c.output);
      }
    });
  });
}
