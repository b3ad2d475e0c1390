// The one entry point the server, the CLI and the tests use: lint a file of any supported language. The
// engine knows no language: each registers its parser, linter and detector from above (server/src/
// languages.ts imports them all; the CLI, the server and the public API import that module).
import * as nodePath from 'node:path';
import { defineRule, finalizeFindings, makeFinding, type Finding, type LanguageId } from './rules';
import { EDITOR_MAX_BYTES, MAX_FILE_BYTES, type Project, type SourceFile } from './workspace';
import { languageDetectors, linterFor } from './registry';
export { registerLanguage } from './registry';
import { matchesAnyGlob } from './glob';
// Registers config/invalid, the rule of the settings file, with the others.
import './config-file';

const binaryRule = defineRule({
  code: 'file/binary',
  language: 'file',
  title: 'The file holds binary data and is not analysed',
  defaultSeverity: 'warning',
  fix: 'none',
});
const tooLargeRule = defineRule({
  code: 'file/too-large',
  language: 'file',
  title: 'The file is larger than Upkeep analyses',
  defaultSeverity: 'warning',
  fix: 'none',
});
const editorSizeRule = defineRule({
  code: 'file/editor-size-limit',
  language: 'file',
  title: 'The document is too large to check as you type; upkeep lint checks it',
  defaultSeverity: 'information',
  fix: 'none',
});
const encodingRule = defineRule({
  code: 'file/encoding',
  language: 'file',
  title: 'The file is not valid UTF-8',
  defaultSeverity: 'information',
  fix: 'none',
});

export interface LintResult {
  path: string;
  language: LanguageId;
  file: SourceFile;
  findings: Finding[];
}

/**
 * The language of a file: by name, path and content, and for files without such marks, by being
 * included from an httpd configuration of the workspace.
 */
export function languageFor(project: Project, path: string): LanguageId | null {
  if (matchesAnyGlob(path, project.options.httpdFiles)) return project.fs.version(path) === undefined ? null : 'apacheconf';
  // Names and folders decide most files without reading them.
  const byName = project.languageOf(path);
  if (byName) return project.fs.version(path) === undefined ? null : byName;
  const raw = project.rawText(path);
  if (!raw) return null;
  const byContent = raw.binary ? null : project.languageOf(path, raw.text);
  if (byContent) return byContent;
  for (const detect of languageDetectors()) {
    const lang = detect(project, path);
    if (lang) return lang;
  }
  return null;
}

/**
 * Lints one file; null when the file cannot be read or is of no language Upkeep knows. The result is a
 * memoized fact of the project: asked again, it is recomputed only when a file or folder it read changed.
 */
export function lintFile(project: Project, path: string, language?: LanguageId): LintResult | null {
  const lang = language ?? languageFor(project, path);
  if (!lang) return null;
  return project.memo(`lint:${lang}:${nodePath.resolve(path)}`, () => lintUncached(project, path, lang));
}

function lintUncached(project: Project, path: string, lang: LanguageId): LintResult | null {
  const file = project.file(path, lang);
  if (!file) return null;
  const findings: Finding[] = [];
  if (file.size > MAX_FILE_BYTES) {
    findings.push(
      makeFinding(tooLargeRule, 0, 0, `This file has ${(file.size / 1048576).toFixed(1)} MB; Upkeep analyses files up to ${MAX_FILE_BYTES / 1048576} MB.`),
    );
  } else if (file.withheld) {
    findings.push(
      makeFinding(
        editorSizeRule,
        0,
        0,
        `This document has ${(file.size / 1048576).toFixed(1)} MB, more than the ${EDITOR_MAX_BYTES / 1048576} MB Upkeep checks as you type, so it is not checked in the editor. ` +
          `Run \`upkeep lint ${nodePath.basename(file.path)}\` on it (the command line checks files up to ${MAX_FILE_BYTES / 1048576} MB).`,
      ),
    );
  } else if (file.binary) {
    findings.push(makeFinding(binaryRule, 0, 0, 'This file contains NUL bytes (binary data); it is not analysed.'));
  } else {
    if (file.encoding === 'latin1') {
      findings.push(
        makeFinding(encodingRule, 0, 0, 'This file is not valid UTF-8; it is read as Latin-1 and edits keep its bytes unchanged.'),
      );
    }
    const lint = linterFor(file.language);
    if (lint) for (const f of lint(project, file)) findings.push(f);
  }
  return { path: file.path, language: file.language, file, findings: finalizeFindings(file.text, findings, project.options.config) };
}
