// Hover for the ePages settings files: what a key does, the values it takes and its default. Works on
// the key of an assignment and on keys in comments (`#DAYS_OF_WEEK=0123456`). Pure.
import type { Hover } from 'vscode-languageserver-types';
import type { Project, SourceFile } from '../engine/workspace';
import { EPAGES_DOCS_URL, epagesFileKind, keyInfo, type SettingKey } from './keys';

export interface HoverText {
  markdown: string;
  start: number;
  end: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export function keyMarkdown(key: SettingKey): string {
  const out = [`**${key.name}**`, '', key.summary, '', `Values: ${key.values}.`];
  if (key.defaultValue !== undefined) {
    const d = key.defaultValue;
    out.push('', `Default: ${d === '' ? 'empty' : d.startsWith('the ') ? d : `\`${d}\``}.`);
  }
  if (key.shipped !== undefined) out.push('', `As installed: \`${key.shipped}\`.`);
  out.push('', `[Use ePages Hotfixes](${EPAGES_DOCS_URL})`);
  return out.join('\n');
}

/** Hover at `offset` of the text of /etc/sysconfig/epages-hotfix or /etc/default/epages6 at `path`. */
export function epagesHoverAt(text: string, offset: number, path: string): HoverText | null {
  const kind = epagesFileKind(path);
  if (!kind || offset < 0 || offset > text.length) return null;
  let s = offset;
  let e = offset;
  // Bounded: a key is short, a run of 200 word characters is not one.
  while (s > 0 && offset - s < 200 && isWordChar(text[s - 1])) s--;
  while (e < text.length && e - offset < 200 && isWordChar(text[e])) e++;
  if (s === e) return null;
  const key = keyInfo(kind, text.slice(s, e));
  return key ? { markdown: keyMarkdown(key), start: s, end: e } : null;
}

/** The LSP hover of a parsed ePages file (what the server's hover feature returns). */
export function epagesHover(_project: Project, file: SourceFile, offset: number): Hover | null {
  const h = epagesHoverAt(file.text, offset, file.path);
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.markdown }, range: file.index.range(h.start, h.end) };
}
