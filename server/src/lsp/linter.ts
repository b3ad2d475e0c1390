// Lint results of open documents, cached per document version and project stamp, converted to
// diagnostics once; and the parse-only view editor requests use (hover, completion, symbols must never
// wait for or start a lint). No connection: tests drive it with a DocumentStore.
import * as nodePath from 'node:path';
import type { Diagnostic, Location } from 'vscode-languageserver/node';
import { configFindings, isConfigFilePath } from '../engine/config-file';
import { languageFor, lintFile, type LintResult } from '../engine/languages';
import { finalizeFindings, ruleDocPath, type Finding, type LanguageId, type RelatedInfo } from '../engine/rules';
import { LineIndex } from '../engine/text';
import type { Project, SourceFile } from '../engine/workspace';
import { findingToDiagnostic, relatedRange } from './diagnostics';
import type { DocumentStore, LintCache } from './documents';
import type { EditTarget } from './edits';
import { pathToUri } from './uri';

/** Editor language ids that decide the language when the file name and content do not. */
const LANGUAGE_BY_ID: Record<string, LanguageId> = { apacheconf: 'apacheconf' };

/** More diagnostics than this per document are not sent (a binary file read as text can have 100 000). */
export const MAX_DIAGNOSTICS = 1000;

/** Where the linter finds the settings of a file (lsp/scopes.ts); tests may give one Project for all. */
export interface ProjectSource {
  projectFor(path: string): Project;
  /** The settings file whose `ignores` leave the file out (no diagnostics), if any. */
  ignoredBy?(path: string): string | undefined;
}

export class DocumentLinter {
  private readonly projects: ProjectSource;

  constructor(
    private readonly store: DocumentStore,
    private readonly packageRoot: string,
    private readonly log: (message: string) => void = () => undefined,
    projects?: ProjectSource,
  ) {
    this.projects = projects ?? { projectFor: () => store.project as Project };
  }

  /** The Project (settings) of an open document. */
  projectOf(uri: string): Project {
    return this.projects.projectFor(this.store.pathOf(uri));
  }

  /** The language of an open document: by name, path and content, or by being included; else the editor's id. */
  languageOf(uri: string): LanguageId | null {
    const doc = this.store.documents.get(uri);
    const state = this.store.state(uri);
    if (!doc || !state) return null;
    return languageFor(this.projects.projectFor(state.path), state.path) ?? LANGUAGE_BY_ID[doc.languageId] ?? null;
  }

  /** Per rule code: every diagnostic carries its rule's page, and a lint converts thousands of findings. */
  private readonly hrefs = new Map<string, string>();

  docsHref(code: string): string {
    let href = this.hrefs.get(code);
    if (href === undefined) this.hrefs.set(code, (href = pathToUri(nodePath.join(this.packageRoot, ruleDocPath(code)))));
    return href;
  }

  /** Lints an open document at its current version (cached until the document or the project changes). */
  lint(uri: string): LintCache | undefined {
    const doc = this.store.documents.get(uri);
    const state = this.store.state(uri);
    if (!doc || !state) return undefined;
    const project = this.projects.projectFor(state.path);
    if (state.cache && state.cache.version === doc.version && state.cache.project === project && state.cache.stamp === project.stamp) return state.cache;
    const stamp = project.stamp;
    if (isConfigFilePath(state.path)) {
      // A settings file: its own problems, in the editor's text (the file applies to others as saved).
      state.language = null;
      const text = doc.getText();
      const findings = finalizeFindings(text, configFindings(text), project.options.config);
      state.cache = { version: doc.version, project, stamp, result: null, diagnostics: this.findingDiagnostics(findings, new LineIndex(text)) };
      return state.cache;
    }
    // Left out by the `ignores` of its settings file (as `upkeep lint` leaves it out).
    const language = this.projects.ignoredBy?.(state.path) ? null : this.languageOf(uri);
    state.language = language;
    let result: LintResult | null = null;
    let diagnostics: Diagnostic[] = [];
    if (language) {
      result = lintFile(project, state.path, language);
      // lintFile is memoized by what it read: the same result object means nothing it depends on changed,
      // and the diagnostics already converted stand.
      if (result && state.cache?.result === result && state.cache.version === doc.version) diagnostics = state.cache.diagnostics;
      else if (result) diagnostics = this.toDiagnostics(uri, result);
    }
    state.cache = { version: doc.version, project, stamp, result, diagnostics };
    return state.cache;
  }

  private findingDiagnostics(findings: Finding[], index: LineIndex): Diagnostic[] {
    return findings.slice(0, MAX_DIAGNOSTICS).map(f => findingToDiagnostic(f, index, { docsHref: code => this.docsHref(code) }));
  }

  /** The last lint if it is of the document's current text (settings or other files may have changed since). */
  lintedVersion(uri: string): LintCache | undefined {
    const doc = this.store.documents.get(uri);
    const state = this.store.state(uri);
    const cache = state?.cache;
    if (doc && cache && cache.version === doc.version) return cache;
    // Diagnostics from the worker for this very text: their findings, over this thread's parse of it.
    const remote = state?.remote;
    if (!doc || !state || !remote || remote.version !== doc.version) return undefined;
    const project = this.projects.projectFor(state.path);
    const file = project.file(state.path, remote.language);
    if (!file || file.text !== doc.getText()) return undefined;
    state.cache = { version: doc.version, project, stamp: project.stamp, result: { path: remote.path, language: remote.language, file, findings: remote.findings }, diagnostics: remote.diagnostics };
    state.remote = undefined;
    return state.cache;
  }

  /** The diagnostics worker published `diagnostics` for a version of an open document, from these findings. */
  remember(uri: string, version: number, lint: { path: string; language: LanguageId; findings: Finding[] } | null, diagnostics: Diagnostic[]): void {
    const state = this.store.state(uri);
    if (!state) return;
    state.language = lint?.language ?? state.language;
    state.publishedVersion = version;
    state.publishedCount = diagnostics.length;
    state.remote = lint ? { version, path: lint.path, language: lint.language, findings: lint.findings, diagnostics } : undefined;
  }

  private toDiagnostics(uri: string, result: LintResult): Diagnostic[] {
    const indexes = new Map<string, LineIndex | undefined>([[result.path, result.file.index]]);
    const locate = (r: RelatedInfo): Location | undefined => {
      const abs = nodePath.resolve(r.path);
      if (!indexes.has(abs)) {
        const raw = this.projects.projectFor(result.path).rawText(abs);
        indexes.set(abs, raw ? new LineIndex(raw.text) : undefined);
      }
      const range = relatedRange(r, indexes.get(abs));
      return range ? { uri: this.store.uriOf(abs), range } : undefined;
    };
    const docsHref = (code: string) => this.docsHref(code);
    const shown = result.findings.slice(0, MAX_DIAGNOSTICS);
    if (result.findings.length > MAX_DIAGNOSTICS) {
      this.log(`upkeep: ${uri} has ${result.findings.length} problems; the first ${MAX_DIAGNOSTICS} are shown.`);
    }
    return shown.map(f => findingToDiagnostic(f, result.file.index, { docsHref, locate }));
  }

  /**
   * The parsed file of an open document, current with the editor's text. Parsing only (cached per
   * version): hover or completion never wait for a lint.
   */
  sourceFile(uri: string): SourceFile | undefined {
    const doc = this.store.documents.get(uri);
    const state = this.store.state(uri);
    if (!doc || !state) return undefined;
    const cached = state.cache;
    if (cached?.result && cached.version === doc.version) return cached.result.file;
    const language = this.languageOf(uri);
    return language ? this.projects.projectFor(state.path).file(state.path, language) : undefined;
  }

  /** Where a fix's edits go: the open document at its version (with its line index), else the disk text. */
  editTarget(path: string): EditTarget {
    const abs = nodePath.resolve(path);
    const uri = this.store.uriOf(abs);
    const doc = this.store.documents.get(uri);
    if (doc) {
      const cached = this.store.state(uri)?.cache;
      const index = cached?.version === doc.version && cached.result ? cached.result.file.index : new LineIndex(doc.getText());
      return { uri, version: doc.version, index };
    }
    const raw = this.projects.projectFor(abs).rawText(abs);
    return { uri, version: null, index: raw ? new LineIndex(raw.text) : undefined };
  }
}
