// Runs the plugin-cfg.xml rules over one file: well-formedness first, then the model rules.
import { isRuleOff } from '../engine/rules';
import type { Finding, RuleMeta } from '../engine/rules';
import type { Project, SourceFile } from '../engine/workspace';
import type { XmlDocument } from '../xml/parser';
import { wellFormednessFindings } from '../xml/wellformed';
import type { PluginCfgModel, PluginCfgTree } from './model';
import { PLUGINCFG_RULES } from './rules';

export interface PluginCfgLintContext {
  project: Project;
  file: SourceFile<PluginCfgTree>;
  text: string;
  doc: XmlDocument;
  model: PluginCfgModel;
  report(f: Finding): void;
}

export interface PluginCfgRule {
  meta: RuleMeta;
  check(ctx: PluginCfgLintContext): void;
}

export function lintPluginCfg(project: Project, file: SourceFile<PluginCfgTree>): Finding[] {
  const findings: Finding[] = [];
  const tree = file.tree;
  if (!tree) return findings;
  findings.push(...wellFormednessFindings(tree.doc, { encoding: file.encoding, path: file.path }));
  const ctx: PluginCfgLintContext = { project, file, text: file.text, doc: tree.doc, model: tree.model, report: f => findings.push(f) };
  for (const rule of PLUGINCFG_RULES) if (!isRuleOff(rule.meta, project.options.config)) rule.check(ctx);
  return findings;
}
