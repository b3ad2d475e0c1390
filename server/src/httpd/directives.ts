// The directive table: facts about every Apache 2.4 directive (module, contexts, AllowOverride class,
// argument count) generated from a real Apache by scripts/gen-directives.mjs, plus IBM HTTP Server
// and WebSphere plug-in directives added by hand. See docs/directive-table.md.
import table from './directives.json';

export type Context = 'server' | 'virtualhost' | 'directory' | 'htaccess';

export interface DirectiveInfo {
  name: string;
  module: string;
  section: boolean;
  contexts: Context[];
  override?: string[];
  args?: { min: number; max: number | null };
  flag?: boolean;
  globalOnly?: boolean;
  noPerDirConfig?: boolean;
  vendor?: string;
  /** Other modules that define a directive of the same name (e.g. mod_ssl and IHS mod_ibm_ssl). */
  alternatives?: Omit<DirectiveInfo, 'alternatives'>[];
}

export interface ModuleInfo {
  /** Source file name used by -L and <IfModule>, e.g. mod_rewrite.c. */
  source: string;
  /** LoadModule identifier, e.g. rewrite_module. */
  id: string;
  /** Shared object file name, e.g. mod_rewrite.so. */
  so: string;
  static: boolean;
  vendor?: string;
}

interface TableJson {
  apacheVersion: string;
  directives: DirectiveInfo[];
  modules: ModuleInfo[];
}

const data = table as unknown as TableJson;

const byLower = new Map<string, DirectiveInfo>();
const sectionsByLower = new Map<string, DirectiveInfo>();
for (const d of data.directives) {
  (d.section ? sectionsByLower : byLower).set(d.name.toLowerCase(), d);
}
const modulesBySource = new Map<string, ModuleInfo>();
const modulesById = new Map<string, ModuleInfo>();
for (const m of data.modules) {
  modulesBySource.set(m.source.toLowerCase(), m);
  modulesById.set(m.id.toLowerCase(), m);
}

export const apacheVersion = data.apacheVersion;

export function directiveInfo(name: string): DirectiveInfo | undefined {
  return byLower.get(name.toLowerCase());
}

export function sectionInfo(name: string): DirectiveInfo | undefined {
  return sectionsByLower.get(name.toLowerCase());
}

export function allDirectives(): DirectiveInfo[] {
  return data.directives.filter(d => !d.section);
}

export function allSections(): DirectiveInfo[] {
  return data.directives.filter(d => d.section);
}

export function allModules(): ModuleInfo[] {
  return data.modules;
}

/** Finds a module by any name Apache accepts for it: `mod_rewrite.c`, `rewrite_module`, `mod_rewrite.so`. */
export function moduleByAnyName(name: string): ModuleInfo | undefined {
  const n = name.toLowerCase();
  return (
    modulesBySource.get(n) ??
    modulesById.get(n) ??
    (n.endsWith('.so') ? data.modules.find(m => m.so.toLowerCase() === n.slice(n.lastIndexOf('/') + 1)) : undefined)
  );
}

/** Modules a directive may come from (the main entry and any alternatives). */
export function modulesOf(info: DirectiveInfo): string[] {
  return [info.module, ...(info.alternatives ?? []).map(a => a.module)];
}

/** Markdown labels of the contexts (section names in code spans: a markdown renderer strips raw tags). */
export const CONTEXT_LABEL: Record<Context, string> = {
  server: 'server config',
  virtualhost: '`<VirtualHost>`',
  directory: '`<Directory>`, `<Location>`, `<Files>`, `<If>` or `<Proxy>`',
  htaccess: '.htaccess',
};
