// `xml/not-well-formed`: the well-formedness errors of any XML format Upkeep reads, as findings.
// Shared by plugin-cfg.xml and the Sametime files.
import { defineRule, makeFinding, type Finding } from '../engine/rules';
import { parseXml, type XmlDocument, type XmlError } from './parser';

export const notWellFormed = defineRule({
  code: 'xml/not-well-formed',
  language: 'file',
  title: 'The file is not well-formed XML, so the program that reads it rejects it',
  defaultSeverity: 'error',
  fix: 'none',
});

/** Upper bound on reported errors: past the first few, the rest are rarely useful. */
const MAX_FINDINGS = 50;

export interface WellFormedOptions {
  /** How the file's bytes were decoded; `latin1` adds an encoding error when the declaration expects UTF-8. */
  encoding?: 'utf8' | 'latin1';
  /** Leave out errors another rule reports better (e.g. typographic quotes in Sametime files). */
  exclude?: (e: XmlError) => boolean;
  /** The file's path, for related locations (the start tag a mismatched end tag should close). */
  path?: string;
}

/**
 * Findings for a parsed document. The first error is always reported; later errors are reported when
 * they do not depend on the element structure (a mismatched tag makes the tags after it unreliable),
 * so one mistake yields one finding, not a cascade.
 */
export function wellFormednessFindings(doc: XmlDocument, options: WellFormedOptions = {}): Finding[] {
  let errors = doc.errors;
  if (options.encoding === 'latin1') {
    const enc = parseXml(doc.text, { encoding: 'latin1' }).errors.filter(e => e.kind === 'encoding');
    if (enc.length) errors = [...enc, ...errors];
  }
  const out: Finding[] = [];
  let seenAny = false;
  for (const e of errors) {
    if (options.exclude?.(e)) {
      seenAny = true;
      continue;
    }
    if (e.structural && seenAny) continue;
    seenAny = true;
    const related = e.related && options.path ? [{ path: options.path, start: e.related.start, end: e.related.end, message: e.related.message }] : undefined;
    out.push(makeFinding(notWellFormed, e.start, e.end, e.message, related ? { related } : {}));
    if (out.length >= MAX_FINDINGS) break;
  }
  return out;
}
