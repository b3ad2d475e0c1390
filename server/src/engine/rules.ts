// The rule model shared by every language: rule metadata (stable code, docs page, default severity,
// fix safety), findings with offset ranges and fixes, severity configuration and suppression comments.
import { LineIndex, type OffsetEdit } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type LanguageId = 'apacheconf' | 'plugincfg' | 'sametime' | 'phasescript' | 'epages';

export interface RuleMeta {
  /** Stable public code, e.g. `httpd/unknown-directive`. Never renamed. */
  code: string;
  language: LanguageId | 'file';
  /** One line: what the rule reports. */
  title: string;
  defaultSeverity: Severity;
  /** `safe` fixes are applied by `upkeep lint --fix` and "fix all"; `unsafe` ones only on request. */
  fix: 'safe' | 'unsafe' | 'none';
}

/** An edit to another file than the one the finding is in (or a file to create / rename). */
export interface FileChange {
  path: string;
  /** Edits in the target's offsets; omitted when `create` or `renameTo` is set. */
  edits?: OffsetEdit[];
  /** Create the file with this content (it must not exist). */
  create?: string;
  /** Encoding of a created file's bytes (default UTF-8): a copy keeps its original's. */
  encoding?: 'utf8' | 'latin1';
  /** Rename the file to this path. */
  renameTo?: string;
  /** Delete the file (the drain copy `plugin restore` made). */
  delete?: boolean;
}

export interface Fix {
  title: string;
  /** Edits to the document the finding belongs to. */
  edits: OffsetEdit[];
  /** Changes to other files, for fixes that span the workspace. */
  otherFiles?: FileChange[];
  safe: boolean;
}

export interface RelatedInfo {
  path: string;
  start: number;
  end: number;
  /** 0-based line/char when the related file is not parsed here; overrides start/end conversion. */
  line?: number;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Marks text that does nothing (faded in editors). */
  unnecessary?: boolean;
}

export interface RuleConfig {
  /** Severity overrides by rule code (or by prefix ending in `/`, e.g. `httpd/`). */
  rules?: Record<string, SeveritySetting>;
}

const registry = new Map<string, RuleMeta>();

export function defineRule(meta: RuleMeta): RuleMeta {
  if (registry.has(meta.code)) throw new Error(`rule ${meta.code} defined twice`);
  registry.set(meta.code, meta);
  return meta;
}

export function ruleMeta(code: string): RuleMeta | undefined {
  return registry.get(code);
}

export function allRules(): RuleMeta[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Relative path of a rule's documentation page inside the package. */
export function ruleDocPath(code: string): string {
  return `docs/rules/${code}.md`;
}

export function makeFinding(
  meta: RuleMeta,
  start: number,
  end: number,
  message: string,
  extra: Partial<Omit<Finding, 'code' | 'start' | 'end' | 'message'>> = {},
): Finding {
  return { code: meta.code, severity: extra.severity ?? meta.defaultSeverity, message, start, end, ...extra };
}

/** Is the rule turned off by the configuration? Rules that are off are not run at all. */
export function isRuleOff(meta: RuleMeta, config: RuleConfig | undefined): boolean {
  return configuredSeverity(meta.code, config) === 'off';
}

function configuredSeverity(code: string, config: RuleConfig | undefined): SeveritySetting | undefined {
  const rules = config?.rules;
  if (!rules) return undefined;
  if (rules[code]) return rules[code];
  const slash = code.indexOf('/');
  if (slash > 0 && rules[code.slice(0, slash + 1)]) return rules[code.slice(0, slash + 1)];
  return undefined;
}

/**
 * Applies the severity configuration and the suppression comments of the text:
 * `upkeep-disable-next-line CODE[, CODE]`, `upkeep-disable-line CODE` and `upkeep-disable CODE` (whole
 * file). Without codes, a comment suppresses every rule. Works in any comment syntax (#, <!-- -->).
 */
export function finalizeFindings(text: string, findings: Finding[], config?: RuleConfig): Finding[] {
  const suppress = parseSuppressions(text);
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = configuredSeverity(f.code, config);
    if (setting === 'off') continue;
    if (suppress.index && suppress.isSuppressed(f.code, suppress.index.lineAt(f.start))) continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return out;
}

interface Suppressions {
  index: LineIndex | null;
  isSuppressed(code: string, line: number): boolean;
}

const KEYWORD = 'upkeep-disable';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isCodeChar = (c: string) => /[\w/\-, \t]/.test(c);

/**
 * Reads a suppression comment in one line: `upkeep-disable[-next-line|-line]`, then optionally blanks
 * and codes (word characters, `/`, `-`, commas, blanks), then an optional `-->`, then blanks up to the
 * end of the line. A scan from each end, no regular expression: linear in the line's length whatever
 * it holds (a backtracking pattern took seconds on a comment followed by a few hundred blanks).
 */
export function parseSuppressionLine(line: string): { kind: 'file' | 'line' | 'next-line'; codes: string[] } | null {
  // The end of the codes: trailing blanks, then an optional `-->`, are not part of them.
  let end = line.length;
  while (end > 0 && isBlank(line[end - 1])) end--;
  if (line.startsWith('-->', end - 3) && end >= 3) end -= 3;
  // The earliest start from which every character up to `end` can belong to the codes.
  let codesFrom = end;
  while (codesFrom > 0 && isCodeChar(line[codesFrom - 1])) codesFrom--;
  const tailOk = (p: number) => p === end || (p < end && p >= codesFrom && isBlank(line[p]));
  for (let at = line.indexOf(KEYWORD); at !== -1; at = line.indexOf(KEYWORD, at + 1)) {
    const p = at + KEYWORD.length;
    const variants: ['next-line' | 'line' | 'file', number][] = [];
    if (line.startsWith('-next-line', p)) variants.push(['next-line', p + 10]);
    else if (line.startsWith('-line', p)) variants.push(['line', p + 5]);
    variants.push(['file', p]);
    for (const [kind, q] of variants) {
      if (!tailOk(q)) continue;
      const codes = q < end ? line.slice(q, end).split(/[\s,]+/).filter(Boolean) : [];
      return { kind, codes };
    }
  }
  return null;
}

function parseSuppressions(text: string): Suppressions {
  if (!text.includes('upkeep-disable')) return { index: null, isSuppressed: () => false };
  const index = new LineIndex(text);
  const fileWide = new Set<string>();
  const perLine = new Map<number, Set<string>>();
  const add = (line: number, codes: string[]) => {
    const set = perLine.get(line) ?? new Set<string>();
    codes.forEach(c => set.add(c));
    perLine.set(line, set);
  };
  for (let i = 0; i < index.lineCount; i++) {
    const line = index.lineText(i);
    if (!line.includes('upkeep-disable')) continue;
    const m = parseSuppressionLine(line);
    if (!m) continue;
    const list = m.codes.length ? m.codes : ['*'];
    if (m.kind === 'next-line') add(i + 1, list);
    else if (m.kind === 'line') add(i, list);
    else list.forEach(c => fileWide.add(c));
  }
  const matches = (set: Set<string> | undefined, code: string) =>
    !!set && (set.has('*') || set.has(code) || set.has(code.slice(0, code.indexOf('/') + 1)));
  return { index, isSuppressed: (code, line) => matches(fileWide, code) || matches(perLine.get(line), code) };
}

/**
 * The fixes "fix all" applies: the first safe, single-file fix of each finding, skipping any that
 * overlaps one already taken (fixes computed on the same text cannot both apply there) or inserts
 * exactly where the previous one ends (their order would be a guess). Used by `upkeep lint --fix` and
 * the editor's source.fixAll action alike.
 */
export function selectSafeFixes(findings: readonly Finding[]): Fix[] {
  return selectFixes(findings, false);
}

/** The same selection, widened to unsafe fixes when `unsafe` (`upkeep lint --fix --unsafe-fixes`, `--diff`). */
export function selectFixes(findings: readonly Finding[], unsafe: boolean): Fix[] {
  const fixes = findings
    .flatMap(f => (f.fixes ?? []).filter(x => (unsafe || x.safe) && !x.otherFiles?.length && x.edits.length).slice(0, 1))
    .map(fx => ({ fx, start: Math.min(...fx.edits.map(e => e.start)), end: Math.max(...fx.edits.map(e => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Fix[] = [];
  let lastEnd = -1;
  for (const { fx, start, end } of fixes) {
    if (start < lastEnd || (start === lastEnd && start === end)) continue;
    out.push(fx);
    lastEnd = end;
  }
  return out;
}

/** Did-you-mean: the closest candidates by edit distance (case-insensitive), best first. */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), limit);
    if (d <= limit) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map(s => s.c);
}

/** Levenshtein distance with an early exit once every cell of a row exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}
