import { defineRule, makeFinding, suggest } from '../../engine/rules';
import { allDirectives, allSections, directiveInfo, moduleByAnyName, sectionInfo } from '../directives';
import { targetVersion } from '../config';
import type { HttpdRule } from '../lint';
import { removedDirective } from '../removed-directives';
import type { Node, SectionNode } from '../syntax';
import { inMacro } from './util';

const meta = defineRule({
  code: 'httpd/unknown-directive',
  language: 'apacheconf',
  title: 'A directive or section defined by none of Apache 2.4, IBM HTTP Server 9 or the third-party modules Upkeep knows',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

let directiveNames: string[] | null = null;
let sectionNames: string[] | null = null;
/** Did-you-mean answers by lower-case name: a file repeating one typo pays for it once. */
const suggestions = new Map<string, string[]>();
/** Past this many in one file, one summary finding stands for the rest (the file is likely not httpd config). */
const MAX_PER_FILE = 500;

function didYouMean(name: string, section: boolean): string[] {
  const key = (section ? '<' : '') + name.toLowerCase();
  let hit = suggestions.get(key);
  if (!hit) {
    directiveNames ??= allDirectives().map(d => d.name);
    sectionNames ??= allSections().map(d => d.name);
    hit = suggest(name, section ? sectionNames : directiveNames);
    if (suggestions.size > 20000) suggestions.clear();
    suggestions.set(key, hit);
  }
  return hit;
}

/** Names some modules register in lower case, shown as their documentation spells them. */
const DOC_SPELLING: Record<string, string> = { allow: 'Allow', deny: 'Deny', order: 'Order', cachefile: 'CacheFile', mmapfile: 'MMapFile' };
const shownName = (n: string) => DOC_SPELLING[n] ?? n;

/** The innermost enclosing `<IfModule x>` (not negated) whose module Upkeep does not know, if any. */
function unknownModuleGuard(node: Node): SectionNode | null {
  for (let p = node.parent; p; p = p.parent) {
    if (!/^ifmodule$/i.test(p.name)) continue;
    const arg = p.args[0]?.value ?? '';
    if (arg && !arg.startsWith('!') && !moduleByAnyName(arg)) return p;
  }
  return null;
}

const condText = (sec: SectionNode) => `<${sec.name} ${sec.args.map(a => a.value).join(' ')}>`;

export const unknownDirective: HttpdRule = {
  meta,
  unitLocal: true,
  check(ctx) {
    const { project, tree, config, report } = ctx;
    const thirdParty = [...config.modules.values()].filter(m => !moduleByAnyName(m.id)).map(m => m.id);
    let count = 0;
    const check = (name: string, start: number, end: number, node: Node, section: boolean) => {
      if (!name || inMacro(node)) return;
      if (section ? sectionInfo(name) : directiveInfo(name)) return;
      const removed = section ? undefined : removedDirective(name);
      // An Apache 2.2 directive is fine where the configuration is for 2.2 (IBM HTTP Server 8.5).
      if (removed && targetVersion(project, config) === '2.2') return;
      if (++count > MAX_PER_FILE) return;
      // Apache checks a name only where it reads it: inside a condition known to be false it never does, inside
      // one that depends on what the workspace cannot see it may not; in an always-true branch it stops.
      const { reach, guard } = ctx.reach(node);
      const cond = guard ? condText(guard) : '';
      // Inside <IfModule> of a module Upkeep does not know (a third-party module, or one Apache 2.4 no longer
      // has), the module that would be loaded is the one that defines the name.
      const moduleGuard = reach === 'yes' ? null : unknownModuleGuard(node);
      if (removed) {
        let severity: 'error' | 'information' | 'hint' = 'error';
        let message = `${removed.name} belonged to ${removed.from}: ${removed.instead}.`;
        if (reach === 'no') {
          severity = 'hint';
          message += ` Apache does not read it: ${cond} is false for this configuration.`;
        } else if (moduleGuard) {
          severity = 'hint';
          message += ` It sits in ${condText(moduleGuard)}, which Apache 2.4 reads only if such a module is loaded.`;
        } else if (reach === 'maybe') {
          severity = 'information';
          message += ` Apache 2.4 reads it only when ${cond} holds, and then refuses to start.`;
        } else message += ' Apache 2.4 refuses to start on it.';
        report(makeFinding(meta, start, end, message, { severity }));
        return;
      }
      const candidates = didYouMean(name, section).map(shownName);
      const shown = section ? `<${name}>` : name;
      let message = `${shown} is not a ${section ? 'section' : 'directive'} of Apache 2.4, IBM HTTP Server 9 or the third-party modules Upkeep knows.`;
      if (candidates.length) message += ` Did you mean ${candidates.map(c => (section ? `<${c}>` : c)).join(', ')}?`;
      let severity: 'error' | 'warning' | 'hint' = 'error';
      if (reach === 'no') {
        severity = 'hint';
        message += ` Apache does not read it: ${cond} is false for this configuration.`;
      } else if (moduleGuard) {
        severity = 'hint';
        message += ` It sits in ${condText(moduleGuard)}, a module Upkeep does not know: Apache reads it only when that module is loaded, and the module defines it.`;
      } else if (reach === 'maybe') {
        severity = 'warning';
        message += ` Apache only reads it when ${cond} holds.`;
      } else if (thirdParty.length) {
        severity = 'warning';
        message += ` It may come from a module this table does not know: ${thirdParty.join(', ')}.`;
      }
      const fixes = candidates.length
        ? [{ title: `Change to ${candidates[0]}`, edits: [{ start, end, newText: candidates[0] }], safe: false }]
        : undefined;
      report(makeFinding(meta, start, end, message, { severity, fixes }));
    };
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      check(d.name, d.nameSpan.start, d.nameSpan.end, d, false);
    }
    for (let _si = 0, _ss = tree.sections; _si < _ss.length; _si++) {
      const s = _ss[_si];
      check(s.name, s.nameSpan.start, s.nameSpan.end, s, true);
    }
    if (count > MAX_PER_FILE) {
      report(
        makeFinding(
          meta,
          0,
          0,
          `${count} names in this file are not Apache directives; the first ${MAX_PER_FILE} are reported. Is this really an Apache httpd configuration?`,
        ),
      );
    }
  },
};
