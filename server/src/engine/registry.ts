// The language registry: each language registers its parser and linter here once, at load time.
// It is its own module, imported by the languages and by the engine, so that registration does not
// depend on the order in which a bundle evaluates modules.
import type { Finding, LanguageId } from './rules';
import type { Project, SourceFile } from './workspace';

export type Parser = (text: string) => unknown;
export type Linter = (project: Project, file: SourceFile<any>) => Finding[];

const parsers = new Map<LanguageId, Parser>();
const linters = new Map<LanguageId, Linter>();

export function registerLanguage(language: LanguageId, parse: Parser, lint: Linter): void {
  parsers.set(language, parse);
  linters.set(language, lint);
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
