// Shared by the Sametime tests: the `|` cursor marker, in-memory files, the corpus of HCL's published
// snippets (read from ../shared next to the repository, never copied into it), xmllint, a fixed clock.
import { corpusPath } from '../support/repo';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import type { Finding } from '../../server/src/engine/rules';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import type { Clock } from '../../server/src/sametime/dates';
import { parseSametime, type SametimeInput } from '../../server/src/sametime/model';

export const SETTINGS = '/ws/updates/managed-settings.xml';
export const COMMUNITIES = '/ws/updates/managed-community-configs.xml';

/** `<ManagedSettings>` on line 1, the body from line 2, `</ManagedSettings>` after it. */
export function ms(body: string): string {
  return `<ManagedSettings>\n${body}\n</ManagedSettings>\n`;
}

/** `<managed-communities>` on line 1, the body from line 2. */
export function mc(body: string): string {
  return `<managed-communities>\n${body}\n</managed-communities>\n`;
}

/** Removes the single `|` of `marked` and returns the text and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function input(text: string, p = SETTINGS): SametimeInput {
  return { text, tree: parseSametime(text), path: p };
}

export function lint(text: string, p = SETTINGS): { findings: (Finding & { line: number })[]; text: string } {
  const project = new Project(new MemoryFileSystem({ [p]: text }), { roots: ['/ws'] });
  const r = lintFile(project, p);
  if (!r) throw new Error(`${p} not recognised`);
  return { findings: r.findings.map(f => Object.assign(f, { line: r.file.index.positionAt(f.start).line + 1 })), text: r.file.text };
}

export { repoRoot } from '../support/repo';

export const CORPUS_SAMETIME = corpusPath('sametime');

export interface CorpusSnippet {
  /** File name in the corpus. */
  name: string;
  /** The file it is an example of, which decides the path it is linted under. */
  path: string;
  /** The snippet as a user copies it from the rendered page: the Markdown list indentation removed. */
  text: string;
}

/**
 * The code blocks of the corpus are extracted verbatim from Markdown, where list nesting indents them
 * by four or eight spaces. That indentation is Markdown's, not the example's (a rendered page does
 * not show it), so it is removed, as a user copying the example would get it.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter(l => l.trim()).map(l => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map(l => l.slice(Math.min(cut, /^ */.exec(l)![0].length))).join('\n');
}

export function corpusSnippets(): CorpusSnippet[] {
  const out: CorpusSnippet[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, n.name);
      if (n.isDirectory()) walk(p);
      else if (n.name.endsWith('.xml')) {
        out.push({ name: n.name, path: n.name.endsWith('managed-settings.xml') ? SETTINGS : COMMUNITIES, text: dedent(readFileSync(p, 'utf8')) });
      }
    }
  };
  walk(CORPUS_SAMETIME);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** `xmllint --noout --nonet` on a text: its exit status and messages. */
export function xmllint(text: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: text, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** A clock stopped at `iso`, in a zone `offsetMinutes` east of UTC. */
export function fixedClock(iso: string, offsetMinutes: number): Clock {
  return { now: () => new Date(iso), offsetMinutes: () => offsetMinutes };
}
