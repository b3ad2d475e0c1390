// Hover for httpd configuration files: directives and sections (module, contexts, arguments, defaults,
// 2.2 vs 2.4 / IHS 8.5 vs 9 notes, link to the official page), RewriteRule/RewriteCond flags,
// %{SERVER_VARIABLES}, ${Define} variables, LoadModule / <IfModule> module names and ErrorDocument
// status codes. Texts are Upkeep's own (docs/); facts come from the directive table.
import * as nodePath from 'node:path';
import type { Project, SourceFile } from '../engine/workspace';
import { isModuleLoaded } from './config';
import {
  allDirectives,
  CONTEXT_LABEL,
  directiveInfo,
  moduleByAnyName,
  sectionInfo,
  type DirectiveInfo,
  type ModuleInfo,
} from './directives';
import {
  APACHE_DOCS,
  directiveDoc,
  directiveDocUrl,
  flagDoc,
  flagDocUrl,
  moduleDescription,
  moduleDocUrl,
  statusDoc,
  statusDocUrl,
  thirdPartyBySource,
  thirdPartyModule,
  variableDoc,
  variableDocUrl,
  type DirectiveDoc,
} from './docs';
import { argPosition, baseContextOf, displayName, lineAt, moduleLabel, targetVersion, type TargetVersion } from './complete';
import { lowerName, type Arg, type DirectiveNode, type HttpdTree, type SectionNode } from './syntax';

export interface HoverText {
  markdown: string;
  /** The hovered range, in offsets. */
  start: number;
  end: number;
}

export function httpdHover(project: Project, file: SourceFile<HttpdTree>, offset: number): HoverText | null {
  const tree = file.tree;
  if (!tree) return null;
  const line = lineAt(tree, offset);
  const target = targetVersion(project, file);
  const at = (markdown: string | null, span: { start: number; end: number }): HoverText | null =>
    markdown ? { markdown, start: span.start, end: span.end } : null;

  switch (line.kind) {
    case 'blank':
    case 'comment':
      return null;
    case 'close': {
      const span = line.closeName!;
      if (offset < span.start - 2 || offset > span.end) return null;
      const name = tree.text.slice(span.start, span.end);
      return at(directiveMarkdown(project, file, name, true, target), { start: span.start - 2, end: span.end });
    }
    case 'directive': {
      const d = line.node as DirectiveNode;
      if (offset >= d.nameSpan.start && offset <= d.nameSpan.end) {
        return at(directiveMarkdown(project, file, d.name, false, target), d.nameSpan);
      }
      return argumentHover(project, file, d.name, d.args, false, offset);
    }
    case 'open': {
      const s = line.node as SectionNode;
      if (offset >= s.open.start && offset <= s.nameSpan.end) {
        return at(directiveMarkdown(project, file, s.name, true, target), { start: s.open.start, end: s.nameSpan.end });
      }
      return argumentHover(project, file, s.name, s.args, true, offset);
    }
  }
}

// ---- directives and sections ------------------------------------------------------------------------

function argsText(info: DirectiveInfo | undefined): string | null {
  if (!info) return null;
  if (info.flag) return '`On` or `Off`';
  const a = info.args;
  if (!a) return null;
  if (a.max === null) return a.min === 0 ? 'any number' : `${a.min} or more`;
  if (a.min === a.max) return a.min === 0 ? 'none' : a.min === 1 ? 'exactly 1' : `exactly ${a.min}`;
  return `${a.min} to ${a.max}`;
}

function contextsText(info: DirectiveInfo): string {
  const parts: string[] = [];
  for (const c of info.contexts) {
    if (c === 'virtualhost' && info.globalOnly) continue;
    let label = CONTEXT_LABEL[c];
    if (c === 'htaccess' && info.override?.length) {
      label += info.override[0] === '*' ? ' (when AllowOverride is not None)' : ` (needs \`AllowOverride ${info.override.join('` or `')}\`)`;
    }
    parts.push(label);
  }
  let out = parts.join('; ');
  if (info.globalOnly) out += ' (main server only, not inside `<VirtualHost>`)';
  return out;
}

/** The version line of a directive, with a warning when it does not exist on the target version. */
export function versionLines(doc: DirectiveDoc | undefined, target: TargetVersion): string[] {
  if (!doc) return [];
  const out: string[] = [];
  if (doc.since) {
    const exact = doc.since === '2.4' ? 'Apache 2.4 (IBM HTTP Server 9)' : `Apache ${doc.since} and later (on IBM HTTP Server 9, depending on the fix pack)`;
    const line = `**Versions:** ${exact}; not available on Apache 2.2 (IBM HTTP Server 8.5).`;
    out.push(target === '2.2' ? `⚠️ ${line} Your target version is 2.2.` : line);
  }
  if (doc.removedIn) {
    const line = `**Versions:** Apache 2.2 (IBM HTTP Server 8.5) only; removed in ${doc.removedIn} (IBM HTTP Server 9).`;
    out.push(target === '2.4' ? `⚠️ ${line} Your target version is 2.4.` : line);
  }
  if (doc.versions) out.push(`${out.length ? '' : '**Versions:** '}${doc.versions}`);
  if (doc.deprecated) out.push(`**Deprecated:** ${doc.deprecated}.`);
  return out;
}

function directiveMarkdown(project: Project, file: SourceFile<HttpdTree>, name: string, section: boolean, target: TargetVersion): string | null {
  if (!name) return null;
  const info = section ? sectionInfo(name) : directiveInfo(name);
  // Sections and directives are separate names: our text for a name is used only for its own kind
  // (and for directives that 2.4 removed, which the table does not have).
  const doc = info || (!section && directiveDoc(name)?.removedIn) ? directiveDoc(name) : undefined;
  if (!info && !doc) {
    const other = section ? undefined : thirdPartyModule(name);
    if (!other) return null;
    return [
      `**${name}** · directive of \`${other.module}\` (not part of Apache httpd)`,
      other.text,
      'Upkeep has no facts about its contexts and arguments; it is accepted only when that module is loaded.',
      `[${other.module} documentation](${other.url})`,
    ].join('\n\n');
  }
  const shown = displayName(name, info);
  const module = info?.module ?? doc?.module ?? 'core.c';
  const mod = moduleByAnyName(module);
  const ihs = info?.vendor === 'ihs';
  const lines: string[] = [];
  const kind = section ? 'section' : 'directive';
  // A third-party module's directive (PHP, mod_wsgi ...): facts from the table, words and link from our list.
  const other = mod?.package ? (thirdPartyBySource(mod.source) ?? thirdPartyModule(name)) : undefined;
  const origin = ihs ? ' (IBM HTTP Server)' : mod?.package ? ' (not part of Apache httpd)' : '';
  lines.push(`**${section ? `\`<${shown}>\`` : shown}** · ${kind} of \`${moduleLabel(module)}\`${origin}`);
  if (doc) lines.push(doc.text);
  else if (other) lines.push(other.text);
  if (doc?.syntax !== undefined) {
    lines.push('```apacheconf\n' + (section ? `<${doc.name}${doc.syntax ? ' ' + doc.syntax : ''}>` : `${doc.name} ${doc.syntax}`.trim()) + '\n```');
  }
  const facts: string[] = [];
  if (info) facts.push(`- **Context:** ${contextsText(info)}`);
  const args = argsText(info);
  if (args && !section) facts.push(`- **Arguments:** ${args}`);
  if (doc?.default) facts.push(`- **Default:** ${doc.default}`);
  if (mod && !mod.static) {
    const cfg = baseContextOf(project, file).config;
    const loaded = cfg.modules.get(mod.id.toLowerCase());
    const where = loaded ? ` · loaded in ${nodePath.basename(loaded.path)} line ${(project.file(loaded.path)?.index.positionAt(loaded.directive.start).line ?? 0) + 1}` : '';
    facts.push(`- **Module:** \`LoadModule ${mod.id} …/${mod.so}\`${where}`);
  } else if (mod?.static) {
    facts.push('- **Module:** built in, always available');
  }
  for (const alt of info?.alternatives ?? []) {
    if (alt.module === info?.module) continue;
    facts.push(`- **Also defined by:** \`${moduleLabel(alt.module)}\`${alt.vendor === 'ihs' ? ' (IBM HTTP Server)' : ''}`);
  }
  if (facts.length) lines.push(facts.join('\n'));
  lines.push(...versionLines(doc, target));
  const url = directiveDocUrl(name, module, !info && !!doc?.removedIn);
  if (url && mod?.package) lines.push(other ? `[${other.module} documentation](${url})` : `[Debian package ${mod.package}](${url})`);
  else if (url) lines.push(`[${ihs || /ibm\.com/.test(url) ? 'IBM documentation' : 'Apache documentation'}: ${shown}](${url})`);
  return lines.join('\n\n');
}

// ---- arguments --------------------------------------------------------------------------------------

function argumentHover(project: Project, file: SourceFile<HttpdTree>, name: string, args: Arg[], section: boolean, offset: number): HoverText | null {
  const pos = argPosition(args, offset);
  const arg = pos.arg;
  if (!arg) return null;
  const text = file.text;
  const raw = text.slice(arg.start, arg.end);
  const rel = offset - arg.start;
  const lower = name.toLowerCase();

  // %{VAR} and ${VAR} under the cursor.
  for (const m of raw.matchAll(/([%$])\{([^{}\s]*)\}/g)) {
    const s = m.index!;
    const e = s + m[0].length;
    if (rel < s || rel > e) continue;
    const span = { start: arg.start + s, end: arg.start + e };
    const md = m[1] === '%' ? variableMarkdown(m[2]) : defineMarkdown(project, file, m[2]);
    return md ? { markdown: md, ...span } : null;
  }

  if (!section && (lower === 'rewriterule' || lower === 'rewritecond') && pos.index === 2) {
    return flagHover(lower === 'rewriterule' ? 'rule' : 'cond', raw, arg.start, rel);
  }
  if (!section && lower === 'loadmodule' && pos.index <= 1) {
    const m = pos.index === 0 ? moduleByAnyName(arg.value) : moduleByAnyName(nodePath.posix.basename(arg.value.replace(/\\/g, '/')));
    return m ? { markdown: moduleMarkdown(project, file, m, false), start: arg.start, end: arg.end } : null;
  }
  if (section && lower === 'ifmodule' && pos.index === 0) {
    const m = moduleByAnyName(arg.value.replace(/^!/, ''));
    return m ? { markdown: moduleMarkdown(project, file, m, true), start: arg.start, end: arg.end } : null;
  }
  if (!section && lower === 'errordocument' && pos.index === 0) {
    const code = Number(arg.value);
    const md = statusMarkdown(code, true);
    return md ? { markdown: md, start: arg.start, end: arg.end } : null;
  }
  return null;
}

function variableMarkdown(inner: string): string | null {
  const v = variableDoc(inner);
  if (!v) return null;
  const label = v.name.endsWith(':') ? `%{${v.name}…}` : `%{${v.name}}`;
  const lines = [`**${label}** · ${v.exprOnly ? 'expression variable' : 'server variable'}`, v.text];
  if (v.since) lines.push(`**Versions:** Apache ${v.since} and later; not on Apache 2.2 (IBM HTTP Server 8.5).`);
  lines.push(`[Apache documentation](${variableDocUrl(v)})`);
  return lines.join('\n\n');
}

function defineMarkdown(project: Project, file: SourceFile<HttpdTree>, name: string): string | null {
  if (!name || name.includes(':')) return null; // ${map:key} is a RewriteMap lookup
  const cfg = baseContextOf(project, file).config;
  const value = cfg.defines.get(name);
  let where = '';
  for (let i = cfg.directives.length - 1; i >= 0; i--) {
    const { file: f, node } = cfg.directives[i];
    if (lowerName(node.name) === 'define' && node.args[0]?.value === name) {
      where = ` (Define in ${nodePath.basename(f)} line ${(project.file(f)?.index.positionAt(node.start).line ?? 0) + 1})`;
      break;
    }
  }
  if (value === undefined) {
    return `**\${${name}}** · variable\n\nNot defined in this configuration (as far as Upkeep can see). Apache leaves the text \`\${${name}}\` as it is and warns at start.\n\n[Apache documentation: Define](${APACHE_DOCS}mod/core.html#define)`;
  }
  return `**\${${name}}** · variable\n\nValue: \`${value === '' ? '(empty)' : value}\`${where || ' (from the environment)'}\n\n[Apache documentation: Define](${APACHE_DOCS}mod/core.html#define)`;
}

function flagHover(kind: 'rule' | 'cond', raw: string, argStart: number, rel: number): HoverText | null {
  const quoted = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  if (raw[quoted] !== '[') return null;
  let r = Math.min(rel, raw.length - 1);
  if (raw[r] === ']' || raw[r] === ',' || raw[r] === '"' || raw[r] === "'") r--;
  if (r <= quoted) return null;
  let s = r;
  while (s > quoted + 1 && raw[s - 1] !== ',' && raw[s - 1] !== '[') s--;
  let e = r;
  while (e < raw.length && raw[e] !== ',' && raw[e] !== ']' && raw[e] !== '"' && raw[e] !== "'") e++;
  const seg = raw.slice(s, e);
  const eq = seg.indexOf('=');
  const flagName = (eq >= 0 ? seg.slice(0, eq) : seg).trim();
  const f = flagDoc(kind, flagName);
  if (!f) return null;
  // On the value of R=...: the status code.
  if (eq >= 0 && s + eq < rel && f.name === 'R') {
    const code = Number(seg.slice(eq + 1));
    const md = statusMarkdown(code, false);
    if (md) return { markdown: md, start: argStart + s + eq + 1, end: argStart + e };
  }
  const lines = [`**${f.name}**${f.long ? ` (${f.long})` : ''} · ${kind === 'rule' ? 'RewriteRule' : 'RewriteCond'} flag`, f.text];
  if (f.value) lines.push(`**Value:** ${f.value === 'required' ? '' : 'optional, '}\`${f.name}=${f.valueText ?? 'value'}\``);
  if (f.since) lines.push(`**Versions:** Apache ${f.since} and later; not on Apache 2.2 (IBM HTTP Server 8.5).`);
  lines.push(`[Apache documentation: ${f.name} flag](${flagDocUrl(kind, f)})`);
  return { markdown: lines.join('\n\n'), start: argStart + s, end: argStart + e };
}

function moduleMarkdown(project: Project, file: SourceFile<HttpdTree>, m: ModuleInfo, ifModule: boolean): string {
  const lines = [`**${m.id}** · module \`${m.source}\`${m.so ? `, file \`${m.so}\`` : ''}${m.vendor === 'ihs' ? ' (IBM)' : ''}`];
  const desc = moduleDescription(m.source);
  if (desc) lines.push(desc);
  const provided = allDirectives()
    .filter(d => d.module === m.source || (d.alternatives ?? []).some(a => a.module === m.source))
    .map(d => displayName(d.name, d));
  if (provided.length) {
    const shown = provided.slice(0, 12).join(', ');
    lines.push(`**Directives:** ${shown}${provided.length > 12 ? `, … (${provided.length} in all)` : ''}`);
  }
  if (m.static) lines.push('Built into httpd: no LoadModule needed, always available.');
  else if (ifModule) {
    const cfg = baseContextOf(project, file).config;
    lines.push(
      isModuleLoaded(cfg, m.source)
        ? 'This configuration loads it, so the section\'s body is read.'
        : 'No LoadModule for it in the files of this configuration that Upkeep sees: unless it is loaded elsewhere, the section\'s body is skipped.',
    );
  }
  const url = moduleDocUrl(m.source);
  if (url) lines.push(`[${/ibm\.com/.test(url) ? 'IBM' : 'Apache'} documentation: ${m.source.replace(/\.c$/, '')}](${url})`);
  return lines.join('\n\n');
}

function statusMarkdown(code: number, errorDocument: boolean): string | null {
  const s = statusDoc(code);
  if (!s) return null;
  const lines = [`**${s.code} ${s.reason}** · HTTP status`, s.text];
  if (errorDocument) lines.push(`[Apache documentation: ErrorDocument](${APACHE_DOCS}mod/core.html#errordocument) · [${s.code} on MDN](${statusDocUrl(s.code)})`);
  else lines.push(`[Apache documentation: R flag](${APACHE_DOCS}rewrite/flags.html#flag_r) · [${s.code} on MDN](${statusDocUrl(s.code)})`);
  return lines.join('\n\n');
}

