import { defineRule, makeFinding, suggest } from '../../engine/rules';
import { allDirectives, allSections, directiveInfo, moduleByAnyName, sectionInfo } from '../directives';
import type { HttpdRule } from '../lint';
import { inMacro } from './util';

const meta = defineRule({
  code: 'httpd/unknown-directive',
  language: 'apacheconf',
  title: 'A directive or section that no module of Apache 2.4 or IBM HTTP Server defines',
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

export const unknownDirective: HttpdRule = {
  meta,
  unitLocal: true,
  check(ctx) {
    const { tree, config, report } = ctx;
    const thirdParty = [...config.modules.values()].filter(m => !moduleByAnyName(m.id)).map(m => m.id);
    let count = 0;
    const check = (name: string, start: number, end: number, node: Parameters<typeof inMacro>[0], section: boolean) => {
      if (!name || inMacro(node)) return;
      if (section ? sectionInfo(name) : directiveInfo(name)) return;
      if (++count > MAX_PER_FILE) return;
      const candidates = didYouMean(name, section);
      const shown = section ? `<${name}>` : name;
      let message = `${shown} is not a directive of Apache 2.4, its bundled modules or IBM HTTP Server.`;
      if (candidates.length) message += ` Did you mean ${candidates.map(c => (section ? `<${c}>` : c)).join(', ')}?`;
      // Apache checks a name only where it reads it: inside a condition known to be false it never does, inside
      // one that depends on what the workspace cannot see it may not; in an always-true branch it stops.
      const { reach, guard } = ctx.reach(node);
      let severity: 'error' | 'warning' | 'hint' = 'error';
      const cond = guard ? `<${guard.name} ${guard.args.map(a => a.value).join(' ')}>` : '';
      const thirdPartyGuard = guard && /^ifmodule$/i.test(guard.name) && !moduleByAnyName((guard.args[0]?.value ?? '').replace(/^!/, ''));
      if (reach === 'no') {
        severity = 'hint';
        message += ` Apache does not read it: ${cond} is false for this configuration.`;
      } else if (reach === 'maybe') {
        severity = thirdPartyGuard ? 'hint' : 'warning';
        message += thirdPartyGuard
          ? ` It sits in ${cond}, a module Upkeep does not know: Apache reads it only when that module is loaded, and the module defines it.`
          : ` Apache only reads it when ${cond} holds.`;
      } else if (thirdParty.length) {
        severity = 'warning';
        message += ` It may come from a module this table does not know: ${thirdParty.join(', ')}.`;
      }
      const fixes = candidates.length
        ? [{ title: `Change to ${candidates[0]}`, edits: [{ start, end, newText: candidates[0] }], safe: false }]
        : undefined;
      report(makeFinding(meta, start, end, message, { severity, fixes }));
    };
    for (const d of tree.directives) check(d.name, d.nameSpan.start, d.nameSpan.end, d, false);
    for (const s of tree.sections) check(s.name, s.nameSpan.start, s.nameSpan.end, s, true);
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
