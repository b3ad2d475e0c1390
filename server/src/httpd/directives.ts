// The directive table: facts about every Apache 2.4 directive (module, contexts, AllowOverride class,
// argument count) generated from a real Apache by scripts/gen-directives.mjs (with the bundled modules and
// the third-party modules of Debian's libapache2-mod-* packages), plus IBM HTTP Server and WebSphere
// plug-in directives written by hand in ihs-directives.ts. See docs/directive-table.md.
import table from './directives.json';
import { IHS_DIRECTIVES, IHS_MODULES } from './ihs-directives';

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
  /** The Debian package a third-party module was generated from (e.g. libapache2-mod-php8.2). */
  package?: string;
}

interface TableJson {
  apacheVersion: string;
  directives: DirectiveInfo[];
  modules: ModuleInfo[];
}

const data = mergeIhs(table as unknown as TableJson);

/**
 * The generated table with the hand-written IHS entries merged in: a name httpd (or an earlier IHS entry)
 * already defines gets the IHS definition as an alternative, unless that module is already listed for it.
 */
function mergeIhs(generated: TableJson): TableJson {
  const directives = generated.directives.map(d => (d.alternatives ? { ...d, alternatives: [...d.alternatives] } : { ...d }));
  const byKey = new Map(directives.map(d => [`${d.section ? '<' : ''}${d.name.toLowerCase()}`, d]));
  for (const e of IHS_DIRECTIVES) {
    const key = `${e.section ? '<' : ''}${e.name.toLowerCase()}`;
    const have = byKey.get(key);
    if (!have) {
      const added: DirectiveInfo = { ...e };
      directives.push(added);
      byKey.set(key, added);
    } else if (have.module !== e.module && !(have.alternatives ?? []).some(a => a.module === e.module)) {
      (have.alternatives ??= []).push({ ...e });
    }
  }
  const lower = (d: DirectiveInfo) => d.name.toLowerCase();
  directives.sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : Number(a.section) - Number(b.section)));
  const sources = new Set(generated.modules.map(m => m.source.toLowerCase()));
  const modules = [...generated.modules, ...IHS_MODULES.filter(m => !sources.has(m.source.toLowerCase()))].sort((a, b) =>
    a.source.localeCompare(b.source),
  );
  return { apacheVersion: generated.apacheVersion, directives, modules };
}

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

/**
 * Lookups by the name as written: every rule asks about every directive, and a name as written is hashed
 * once where lower-casing it would build and hash a new string at each question. Names that are no
 * directive are kept too (a misspelling is asked about as often), up to a bound.
 */
const asWritten = new Map<string, DirectiveInfo | null>();
const sectionsAsWritten = new Map<string, DirectiveInfo | null>();
const AS_WRITTEN_MAX = 50_000;

function lookup(cache: Map<string, DirectiveInfo | null>, table: Map<string, DirectiveInfo>, name: string): DirectiveInfo | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const info = table.get(name.toLowerCase());
  if (cache.size >= AS_WRITTEN_MAX) cache.clear();
  cache.set(name, info ?? null);
  return info;
}

export function directiveInfo(name: string): DirectiveInfo | undefined {
  return lookup(asWritten, byLower, name);
}

export function sectionInfo(name: string): DirectiveInfo | undefined {
  return lookup(sectionsAsWritten, sectionsByLower, name);
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
