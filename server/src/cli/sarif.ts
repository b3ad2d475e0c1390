// `upkeep lint --format sarif`: SARIF 2.1.0 as GitHub code scanning and `sarif-multitool validate`
// want it. Artifact URIs are relative to %SRCROOT% (the current folder) and percent-encoded; rules
// carry an absolute help URI, short and full descriptions and help text read from docs/rules/; each
// result has a partial fingerprint that survives lines moving up or down.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, type Finding, type RuleMeta } from '../engine/rules';
import { PACKAGE } from './package-info';
import type { FileReport } from './report';

/** https URL of a rule's documentation page in the repository. */
export function ruleHelpUri(code: string): string {
  return `${PACKAGE.docsBase}/docs/rules/${code.split('/').map(encodeURIComponent).join('/')}.md`;
}

interface RuleDoc {
  whatItReports?: string;
  whyItMatters?: string;
  markdown?: string;
}

const docCache = new Map<string, RuleDoc>();

/** The rule's page from docs/rules/ next to the bundle (the package ships it), split into sections. */
function ruleDoc(code: string): RuleDoc {
  const hit = docCache.get(code);
  if (hit) return hit;
  let doc: RuleDoc = {};
  for (const base of [nodePath.join(__dirname, '..'), nodePath.join(__dirname, '..', '..', '..')]) {
    const p = nodePath.join(base, 'docs', 'rules', ...code.split('/')) + '.md';
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    const section = (title: string) => {
      const m = new RegExp(`^## ${title}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(text);
      return m ? m[1].trim() : undefined;
    };
    doc = { whatItReports: section('What it reports'), whyItMatters: section('Why it matters'), markdown: text.replace(/\r\n/g, '\n').trim() };
    break;
  }
  docCache.set(code, doc);
  return doc;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/** `httpd/unknown-directive` -> `HttpdUnknownDirective`: SARIF's readable rule name, distinct from the id. */
function pascalName(code: string): string {
  return code.split(/[/\-_.]+/).map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function sarifRule(r: RuleMeta) {
  const doc = ruleDoc(r.code);
  const uri = ruleHelpUri(r.code);
  const full = [doc.whatItReports, doc.whyItMatters].filter((x): x is string => !!x).map(plain).join('\n\n') || r.title;
  const fix = r.fix === 'none' ? 'No automatic fix.' : r.fix === 'safe' ? 'Safe fix: `upkeep lint --fix` applies it.' : 'Unsafe fix: offered in the editor, or `upkeep lint --fix --unsafe-fixes`.';
  return {
    id: r.code,
    name: pascalName(r.code),
    shortDescription: { text: sentence(r.title) },
    fullDescription: { text: sentence(full) },
    help: {
      text: `${sentence(full)} ${plain(fix)} Documentation: ${uri}`,
      markdown: `${doc.markdown ?? `**${r.code}**: ${r.title}`}\n\n${fix}\n\n[Documentation](${uri})`,
    },
    helpUri: uri,
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
    properties: { tags: [r.language], fix: r.fix },
  };
}

function sarifLevel(s: Finding['severity']): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A file's URI relative to `base` (percent-encoded, `/`-separated), or undefined when outside it. */
export function relativeUri(abs: string, base: string): string | undefined {
  const rel = nodePath.relative(base, abs);
  if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
  return rel.split(nodePath.sep).map(encodeURIComponent).join('/');
}

function dirUri(dir: string): string {
  const u = pathToFileURL(dir).href;
  return u.endsWith('/') ? u : `${u}/`;
}

/**
 * A fingerprint that stays the same when the finding's line moves: rule, file, the text of the line
 * (whitespace collapsed) and how many identical (rule, line text) pairs came before in the file.
 */
function fingerprint(rel: string, code: string, lineText: string, seen: Map<string, number>): string {
  const key = `${code}\0${rel}\0${lineText.replace(/\s+/g, ' ').trim()}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return `${createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32)}:${n + 1}`;
}

export function toSarif(reports: FileReport[], srcRoot: string): unknown {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const results: unknown[] = [];
  for (const r of reports) {
    const rel = relativeUri(r.abs, srcRoot);
    const artifactLocation = rel !== undefined ? { uri: rel, uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(r.abs).href };
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
      results.push({
        ruleId: f.code,
        ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        partialFingerprints: { 'upkeepFindingHash/v1': fingerprint(rel ?? r.abs, f.code, f.lineText, seen) },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'upkeep',
            fullName: 'Upkeep: middleware maintenance configs',
            version: PACKAGE.version,
            semanticVersion: PACKAGE.version,
            informationUri: PACKAGE.informationUri,
            rules: rules.map(sarifRule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: dirUri(srcRoot) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
