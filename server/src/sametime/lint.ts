// Runs the Sametime rules over managed-settings.xml or managed-community-configs.xml: well-formedness
import { isRuleOff } from '../engine/rules';
// (the shared xml/not-well-formed rule, minus what typographic-quotes and hash-comment report better),
// then the rules of server/src/sametime/rules.
import type { Finding, RuleMeta } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import type { Span, XmlDocument } from '../xml/parser';
import { wellFormednessFindings } from '../xml/wellformed';
import { hashLines, type HashLine } from './hash';
import { fileKindOf, type SametimeModel, type SametimeTree } from './model';
import { quoteProblems, type QuoteProblem } from './quotes';
import { SAMETIME_RULES } from './rules';
import type { SametimeFileKind } from './schema';

/** Findings kept per file: a pasted file can hold a mistake on every line. */
export const MAX_FINDINGS = 5000;

export interface SametimeLintContext {
  project: Project;
  file: SourceFile<SametimeTree>;
  text: string;
  doc: XmlDocument;
  model: SametimeModel;
  /** Which file this is (by name, else by root element); null when neither tells. */
  kind: SametimeFileKind | null;
  quotes: QuoteProblem[];
  hashes: HashLine[];
  report(f: Finding): void;
}

export interface SametimeRule {
  meta: RuleMeta;
  check(ctx: SametimeLintContext): void;
}

function inside(spans: Span[], offset: number): boolean {
  // Spans are sorted and disjoint: binary search.
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid].start) hi = mid - 1;
    else if (offset >= spans[mid].end) lo = mid + 1;
    else return true;
  }
  return false;
}

export function lintSametime(project: Project, file: SourceFile<SametimeTree>): Finding[] {
  const findings: Finding[] = [];
  const tree = file.tree;
  if (!tree) return findings;
  const { doc, model } = tree;
  const quotes = quoteProblems(doc);
  const hashes = hashLines(doc);
  const covered = [...quotes.map(q => q.tagSpan), ...hashes.map(h => ({ start: h.hash, end: Math.max(h.end, h.hash + 1) }))].sort((a, b) => a.start - b.start);
  const hashStarts = new Set(hashes.map(h => h.hash));
  findings.push(
    ...wellFormednessFindings(doc, {
      encoding: file.encoding,
      path: file.path,
      exclude: e => (e.structural ? e.kind === 'content-outside-root' && hashStarts.has(e.start) : inside(covered, e.start)),
    }),
  );
  const ctx: SametimeLintContext = {
    project,
    file,
    text: file.text,
    doc,
    model,
    kind: fileKindOf(file.path, model),
    quotes,
    hashes,
    report: f => {
      if (findings.length < MAX_FINDINGS) findings.push(f);
    },
  };
  for (const rule of SAMETIME_RULES) if (!isRuleOff(rule.meta, project.options.config)) rule.check(ctx);
  return findings;
}
