// Helpers shared by httpd rules: macro bodies, which module guards a node. (What Apache skips is the model's reach: config.ts.)
import { moduleByAnyName } from '../directives';
import { lowerName, type Node, type SectionNode } from '../syntax';

/** Inside <Macro>: the body is a template, read only when the macro is used. */
export function inMacro(node: Node): boolean {
  return node.parent !== null && sectionInMacro(node.parent);
}

/** Per section: is it, or a section around it, a <Macro>? Asked by several rules about every node. */
const macroOf = new WeakMap<SectionNode, boolean>();
function sectionInMacro(sec: SectionNode): boolean {
  const known = macroOf.get(sec);
  if (known !== undefined) return known;
  // From the innermost section out to the first one known, then filled in on the way back.
  const chain: SectionNode[] = [];
  let answer = false;
  for (let p: SectionNode | null = sec; p; p = p.parent) {
    const k = macroOf.get(p);
    if (k !== undefined) {
      answer = k;
      break;
    }
    chain.push(p);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i];
    answer = answer || (s.name.length === 5 && lowerName(s.name) === 'macro');
    macroOf.set(s, answer);
  }
  return answer;
}

/** Modules named by enclosing positive <IfModule> sections (lower-case source names and ids). */
export function guardingModules(node: Node): string[] {
  const out: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (lowerName(p.name) !== 'ifmodule') continue;
    const arg = p.args[0]?.value ?? '';
    if (arg.startsWith('!')) continue;
    const info = moduleByAnyName(arg);
    out.push(arg.toLowerCase());
    if (info) out.push(info.source.toLowerCase(), info.id.toLowerCase());
  }
  return out;
}
