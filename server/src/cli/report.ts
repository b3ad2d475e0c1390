// What `upkeep lint` reports per file, as plain data (a worker thread can send it back), and the
// output formats: text, json, sarif, github.
import * as nodePath from 'node:path';
import type { LintResult } from '../languages';
import type { Finding, Severity } from '../engine/rules';
import { toSarif } from './sarif';

export interface ReportFinding {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offset in the file (orders findings of one file). */
  start: number;
  /** The text of the finding's first line (SARIF fingerprints). */
  lineText: string;
}

export interface FileReport {
  abs: string;
  /** The path as given on the command line, or the directory given joined with the path below it. */
  shown: string;
  findings: ReportFinding[];
}

export function fileReport(abs: string, shown: string, r: LintResult): FileReport {
  return { abs, shown, findings: r.findings.map(f => reportFinding(r, f)) };
}

function reportFinding(r: LintResult, f: Finding): ReportFinding {
  const s = r.file.index.positionAt(f.start);
  const e = r.file.index.positionAt(f.end);
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    start: f.start,
    lineText: r.file.index.lineText(s.line),
  };
}

/** The `--format json` shape (public API: fields are added, never renamed). */
export interface JsonFinding {
  file: string;
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function toJson(file: FileReport, f: ReportFinding): JsonFinding {
  return { file: file.shown, code: f.code, severity: f.severity, message: f.message, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/** `%`, CR and LF in a workflow command's message. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command property (file=, title=) also escapes `:` and `,`, which end it. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
}

export function formatReport(format: string, reports: FileReport[], totals: Totals, summaryExtra: string): string {
  const out: string[] = [];
  if (format === 'json') {
    return JSON.stringify(reports.flatMap(r => r.findings.map(f => toJson(r, f))), null, 2) + '\n';
  }
  if (format === 'sarif') {
    return JSON.stringify(toSarif(reports, process.cwd()), null, 2) + '\n';
  }
  if (format === 'github') {
    for (const r of reports) {
      for (const f of r.findings) {
        const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
        // GitHub resolves file= against the workspace: a path relative to the current folder.
        const file = r.shown.split(nodePath.sep).join('/');
        out.push(
          `::${level} file=${escapeProperty(file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.code)}::${escapeData(`${f.message} [${f.code}]`)}\n`,
        );
      }
    }
    return out.join('');
  }
  const all = reports.flatMap(r => r.findings.map(f => ({ r, f })));
  all.sort((a, b) => a.r.shown.localeCompare(b.r.shown) || a.f.start - b.f.start || SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity]);
  for (const { r, f } of all) out.push(`${r.shown}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}\n`);
  const plural = (n: number, w: string, ws = `${w}s`) => `${n} ${n === 1 ? w : ws}`;
  out.push(`${plural(totals.files, 'file')} checked: ${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}${summaryExtra}\n`);
  return out.join('');
}
