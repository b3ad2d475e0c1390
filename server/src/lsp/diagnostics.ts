// Engine findings -> LSP diagnostics. Pure: the server passes in how to make a docs link and how to
// place a related location in another file.
import type { Diagnostic, DiagnosticRelatedInformation, Location } from 'vscode-languageserver-types';
import type { Finding, RelatedInfo, Severity } from '../engine/rules';
import type { LineIndex } from '../engine/text';

export const DIAGNOSTIC_SOURCE = 'upkeep';

// DiagnosticSeverity and DiagnosticTag values of the protocol (1..4, Unnecessary = 1).
const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };
const TAG_UNNECESSARY = 1 as const;

export function toLspSeverity(s: Severity): 1 | 2 | 3 | 4 {
  return SEVERITY[s] ?? 2;
}

export interface DiagnosticOptions {
  /** URL of the rule's documentation page, or undefined for none. */
  docsHref?(code: string): string | undefined;
  /** Where a related piece of information is, or undefined to leave it out. */
  locate?(related: RelatedInfo): Location | undefined;
}

export function findingToDiagnostic(f: Finding, index: LineIndex, opts: DiagnosticOptions = {}): Diagnostic {
  const d: Diagnostic = {
    range: index.range(f.start, Math.max(f.start, f.end)),
    severity: toLspSeverity(f.severity),
    source: DIAGNOSTIC_SOURCE,
    code: f.code,
    message: f.message,
  };
  const href = opts.docsHref?.(f.code);
  if (href) d.codeDescription = { href };
  if (f.unnecessary) d.tags = [TAG_UNNECESSARY];
  if (f.related?.length && opts.locate) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of f.related) {
      const location = opts.locate(r);
      if (location) related.push({ location, message: r.message });
    }
    if (related.length) d.relatedInformation = related;
  }
  return d;
}

/**
 * The range of a related location: from its offsets through the file's line index when the file is
 * readable; when the finding gives an explicit 0-based `line` instead, the start of that line.
 */
export function relatedRange(r: RelatedInfo, index: LineIndex | undefined): Location['range'] | undefined {
  if (r.line !== undefined) {
    const at = { line: Math.max(0, r.line), character: 0 };
    return { start: at, end: at };
  }
  return index?.range(r.start, Math.max(r.start, r.end));
}

/** Findings whose range touches [start, end] (offsets; an empty range at a finding's edge counts). */
export function findingsInRange(findings: readonly Finding[], start: number, end: number): Finding[] {
  return findings.filter(f => f.start <= end && Math.max(f.start, f.end) >= start);
}
