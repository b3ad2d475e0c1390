// Hover and code lens for phase scripts: what the updater's variables hold, and what the script's phase
// is for and what state the module is in when it runs. Pure: project options, file text and path in,
// markdown out. Texts in our own words, with a link to the vendor's page.
import type { CodeLens, Hover } from 'vscode-languageserver-types';
import type { Project, SourceFile } from '../engine/workspace';
import { LineIndex } from '../engine/text';
import {
  envVarInfo,
  moduleInfo,
  parsePhaseName,
  PHASE_DOCS_URL,
  phaseInfo,
  phaseSettings,
  type ModuleInfo,
  type PhaseInfo,
  type PhaseScriptSettings,
} from './model';
import { scanPowerShell, type PhaseScriptTree } from './scanner';

export interface HoverText {
  markdown: string;
  /** Range the hover is about, in offsets. */
  start: number;
  end: number;
}

const yes = (v: 'yes' | 'no', a: string, b: string) => (v === 'yes' ? a : b);

/** The state lines of a phase, for the hover and the new-script template. */
export function phaseStateLines(phase: PhaseInfo, module?: ModuleInfo): string[] {
  const mark = (k: PhaseInfo['stated'][number]) => (phase.stated.includes(k) ? '' : ' *');
  const web = module ? module.web : true;
  const lines = [
    `site: ${yes(phase.siteRunning, 'running, users can reach it', 'stopped, users get the maintenance page')}${mark('siteRunning')}`,
    `app_offline.htm: ${yes(phase.appOffline, 'present in the module folder', 'not present')}${mark('appOffline')}`,
    `backup of the current version: ${yes(phase.backupDone, 'done (under E_BACKUP_PATH)', 'not made yet')}${mark('backupDone')}`,
    `files in E_MODULE_PATH: ${phase.files === 'new' ? 'the new version' : 'the version being replaced'}${mark('files')}`,
  ];
  return web ? lines : lines.slice(2);
}

/** Markdown describing the phase and module a script name stands for, or null when the name is not one. */
export function phaseSummaryMarkdown(path: string, settings: PhaseScriptSettings): string | null {
  const name = parsePhaseName(path, settings.separator);
  const phase = phaseInfo(name.phase.text);
  if (!phase) return null;
  const module = name.module ? moduleInfo(name.module.text, settings) : undefined;
  const out = [`**${phase.name}** phase of the update: ${phase.when}.`, '', `Typical use: ${phase.useFor}.`, ''];
  if (module) out.push(`Module **${module.name}**: ${module.description}.`, '');
  out.push('When this script runs:', '');
  for (const l of phaseStateLines(phase, module)) out.push(`- ${l}`);
  if (phase.stated.length < 4) out.push('', '\\* follows from the order of the phases rather than from an explicit statement of the vendor.');
  out.push('', `[Update procedure and phase scripts](${PHASE_DOCS_URL})`);
  return out.join('\n');
}

function envVarMarkdown(name: string): string | null {
  const info = envVarInfo(name);
  if (!info) return null;
  return [
    `**${info.name}**, set by the updater for phase scripts: ${info.holds}.`,
    '',
    'The value ends with a backslash, so append a file name directly: `Join-Path $env:' +
      info.name +
      " 'web.config'` or `\"${env:" +
      info.name +
      '}web.config"`. In a string, `"$env:' +
      info.name +
      'web.config"` would read another, unset variable.',
    '',
    `[Update procedure and phase scripts](${PHASE_DOCS_URL})`,
  ].join('\n');
}

/**
 * Hover at `offset` of a phase script's text: an updater variable under the cursor, or anywhere on the
 * first line, the phase and module the file name stands for.
 */
export function phaseScriptHoverAt(
  text: string,
  offset: number,
  path: string,
  options: Project['options']['phaseScripts'] | undefined,
  tree: PhaseScriptTree = scanPowerShell(text),
): HoverText | null {
  for (const ref of tree.envRefs) {
    if (offset < ref.start || offset > ref.end) continue;
    const md = envVarMarkdown(ref.name);
    if (md) return { markdown: md, start: ref.start, end: ref.end };
  }
  let firstLineEnd = 0;
  while (firstLineEnd < text.length && text[firstLineEnd] !== '\n' && text[firstLineEnd] !== '\r') firstLineEnd++;
  if (offset > firstLineEnd) return null;
  const md = phaseSummaryMarkdown(path, phaseSettings(options));
  return md ? { markdown: md, start: 0, end: firstLineEnd } : null;
}

/** The LSP hover of a parsed phase script (what the server's hover feature returns). */
export function phaseScriptHover(project: Project, file: SourceFile, offset: number): Hover | null {
  const tree = (file.tree as PhaseScriptTree | null) ?? undefined;
  const h = phaseScriptHoverAt(file.text, offset, file.path, project.options.phaseScripts, tree);
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.markdown }, range: file.index.range(h.start, h.end) };
}

/** One line for a code lens above the script: phase, module and their state. */
export function phaseLensTitle(path: string, settings: PhaseScriptSettings): string | null {
  const name = parsePhaseName(path, settings.separator);
  const phase = phaseInfo(name.phase.text);
  if (!phase) return null;
  const module = name.module ? moduleInfo(name.module.text, settings) : undefined;
  const state = [
    ...(!module || module.web ? [yes(phase.siteRunning, 'site running', 'site offline (app_offline.htm)')] : []),
    yes(phase.backupDone, 'backup done', 'no backup yet'),
    phase.files === 'new' ? 'new files in place' : 'old files in place',
  ];
  return `${phase.name}${module ? ` · ${module.name}` : ''}: ${phase.when} — ${state.join(', ')}`;
}

/** Code lenses of a phase script: one, on the first line. The command is informational (empty id). */
export function phaseScriptCodeLenses(project: Project, file: Pick<SourceFile, 'path' | 'text'> & { index?: LineIndex }): CodeLens[] {
  const title = phaseLensTitle(file.path, phaseSettings(project.options.phaseScripts));
  if (!title) return [];
  const index = file.index ?? new LineIndex(file.text);
  const range = index.range(0, index.lineContentEnd(0));
  return [{ range, command: { title, command: '' } }];
}
