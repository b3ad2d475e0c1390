// Runs the httpd rules over one file, with the configuration it belongs to as context.
import type { Finding, RuleMeta } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import { baseContextOf, type BaseContext, type HttpdConfig } from './config';
import type { HttpdTree } from './syntax';
import { HTTPD_RULES } from './rules';

export interface HttpdLintContext {
  project: Project;
  file: SourceFile<HttpdTree>;
  tree: HttpdTree;
  config: HttpdConfig;
  /** The context the file's top level is read in (server, inside a <VirtualHost> Include, .htaccess). */
  base: BaseContext;
  report(f: Finding): void;
}

export interface HttpdRule {
  meta: RuleMeta;
  check(ctx: HttpdLintContext): void;
}

export function lintHttpd(project: Project, file: SourceFile<HttpdTree>): Finding[] {
  const findings: Finding[] = [];
  const { base, config } = baseContextOf(project, file);
  const ctx: HttpdLintContext = { project, file, tree: file.tree, config, base, report: f => findings.push(f) };
  for (const rule of HTTPD_RULES) rule.check(ctx);
  return findings;
}
