// The language registry: each language registers its parser and linter here once, at load time.
// It is its own module, imported by the languages and by the engine, so that registration does not
// depend on the order in which a bundle evaluates modules.
import type { Finding, LanguageId } from './rules';
import type { Project, SourceFile } from './workspace';

export type Parser = (text: string) => unknown;
export type Linter = (project: Project, file: SourceFile<any>) => Finding[];
/**
 * Parses the new text of a file given the tree of its previous text, reusing what the edit did not
 * touch. It must return what the parser returns for `text`; the old tree is not used afterwards.
 */
export type Reparser = (old: any, text: string) => unknown;

const parsers = new Map<LanguageId, Parser>();
const linters = new Map<LanguageId, Linter>();
const reparsers = new Map<LanguageId, Reparser>();

export function registerLanguage(language: LanguageId, parse: Parser, lint: Linter, reparse?: Reparser): void {
  parsers.set(language, parse);
  linters.set(language, lint);
  if (reparse) reparsers.set(language, reparse);
}

export function reparserFor(language: LanguageId): Reparser | undefined {
  return reparsers.get(language);
}

export function parserFor(language: LanguageId): Parser | undefined {
  return parsers.get(language);
}

export function linterFor(language: LanguageId): Linter | undefined {
  return linters.get(language);
}

/**
 * A language that claims files by their place in the workspace rather than by name or content (httpd:
 * a file that a main configuration includes). Asked last, in registration order.
 */
export type Detector = (project: Project, path: string) => LanguageId | null;
const detectors: Detector[] = [];

export function registerDetector(d: Detector): void {
  detectors.push(d);
}

export function languageDetectors(): readonly Detector[] {
  return detectors;
}
