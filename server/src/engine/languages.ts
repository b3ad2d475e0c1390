// The one entry point the server, the CLI and the tests use: lint a file of any supported language.
import { defineRule, finalizeFindings, makeFinding, type Finding, type LanguageId } from './rules';
import { MAX_FILE_BYTES, type Project, type SourceFile } from './workspace';
import { linterFor, registerLanguage } from './registry';
export { registerLanguage } from './registry';
import { parseHttpd, type HttpdTree } from '../httpd/syntax';
import { lintHttpd } from '../httpd/lint';
import { isIncludedByHttpd } from '../httpd/config';
import { matchesAnyGlob } from './glob';
import '../phasescripts/register';
import '../epages/register';
import '../plugincfg/register';
import '../sametime/register';

registerLanguage('apacheconf', parseHttpd, (p, f) => lintHttpd(p, f as SourceFile<HttpdTree>));

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
  return isIncludedByHttpd(project, path) ? 'apacheconf' : null;
}

/** Lints one file; null when the file cannot be read or is of no language Upkeep knows. */
export function lintFile(project: Project, path: string, language?: LanguageId): LintResult | null {
  const lang = language ?? languageFor(project, path);
  if (!lang) return null;
  const file = project.file(path, lang);
  if (!file) return null;
  const findings: Finding[] = [];
  if (file.size > MAX_FILE_BYTES) {
    findings.push(
      makeFinding(tooLargeRule, 0, 0, `This file has ${(file.size / 1048576).toFixed(1)} MB; Upkeep analyses files up to ${MAX_FILE_BYTES / 1048576} MB.`),
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
