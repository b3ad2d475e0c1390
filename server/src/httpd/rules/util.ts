// Helpers shared by httpd rules: macro bodies, which module guards a node. (What Apache skips is the model's reach: config.ts.)
import { moduleByAnyName } from '../directives';
import type { Node } from '../syntax';

/** Inside <Macro>: the body is a template, read only when the macro is used. */
export function inMacro(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.name.toLowerCase() === 'macro') return true;
  return false;
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
