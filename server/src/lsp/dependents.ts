// Whose findings a change to a document can change. Pure: the scheduler asks which open documents to
// lint again after a document of some language changed.
import type { LanguageId } from '../engine/rules';

/**
 * An httpd file changes other httpd files (Include, loaded modules); a plugin-cfg.xml changes httpd
 * files too (the allowlist must hold its WebSphere servers). A language not listed changes its own.
 */
export const DEPENDENT_LANGUAGES: Partial<Record<LanguageId, LanguageId[]>> = {
  apacheconf: ['apacheconf'],
  plugincfg: ['plugincfg', 'apacheconf'],
};

/**
 * The open documents (uri and the language of their last lint) to lint again after a change to a
 * document of `language` (`except` is the changed one). `language` null: every open document.
 */
export function dependentDocuments(
  open: Iterable<{ uri: string; language: LanguageId | null }>,
  except: string | null,
  language: LanguageId | null,
): string[] {
  const affected = language ? DEPENDENT_LANGUAGES[language] ?? [language] : null;
  const out: string[] = [];
  for (const d of open) {
    if (d.uri === except) continue;
    if (affected && (!d.language || !affected.includes(d.language))) continue;
    out.push(d.uri);
  }
  return out;
}
