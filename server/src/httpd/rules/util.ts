// Helpers shared by httpd rules: what Apache skips, which module guards a node.
import { moduleByAnyName } from '../directives';
import type { Node, SectionNode } from '../syntax';

/** Inside <Macro>: the body is a template, read only when the macro is used. */
export function inMacro(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.name.toLowerCase() === 'macro') return true;
  return false;
}

const CONDITIONALS = new Set(['ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'ifmodule']);

/**
 * The nearest enclosing conditional section whose body Apache may skip without reading it, or null.
 * An <IfModule> of a module Apache knows is not counted: when that module is loaded its body is read.
 */
export function skippableConditional(node: Node): SectionNode | null {
  for (let p = node.parent; p; p = p.parent) {
    const name = p.name.toLowerCase();
    if (!CONDITIONALS.has(name)) continue;
    if (name === 'ifmodule') {
      const arg = p.args[0]?.value ?? '';
      const negated = arg.startsWith('!');
      if (negated || !moduleByAnyName(arg.replace(/^!/, ''))) return p;
      continue;
    }
    return p;
  }
  return null;
}

/** Modules named by enclosing positive <IfModule> sections (lower-case source names and ids). */
export function guardingModules(node: Node): string[] {
  const out: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.name.toLowerCase() !== 'ifmodule') continue;
    const arg = p.args[0]?.value ?? '';
    if (arg.startsWith('!')) continue;
    const info = moduleByAnyName(arg);
    out.push(arg.toLowerCase());
    if (info) out.push(info.source.toLowerCase(), info.id.toLowerCase());
  }
  return out;
}
