import { defineRule, makeFinding, suggest } from '../../engine/rules';
import { ENVIRONMENT_NAMES, HOTFIX_KEYS, STORETYPES_KEY } from '../keys';
import type { EpagesRule } from '../lint';

const meta = defineRule({
  code: 'epages/unknown-key',
  language: 'epages',
  title: 'A setting the ePages hotfix scripts do not read',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

const HOTFIX_NAMES = HOTFIX_KEYS.map(k => k.name);

export const unknownKey: EpagesRule = {
  meta,
  check({ tree, kind, report }) {
    for (const a of tree.assignments) {
      let candidates: string[];
      let message: string;
      if (kind === 'hotfix') {
        if (HOTFIX_NAMES.includes(a.name) || a.exported || ENVIRONMENT_NAMES.has(a.name)) continue;
        candidates = suggest(a.name, HOTFIX_NAMES);
        const caseOnly = candidates.find(c => c.toLowerCase() === a.name.toLowerCase());
        if (caseOnly) {
          candidates = [caseOnly];
          message = `${a.name} is not read: shell variable names are case-sensitive and the hotfix scripts read ${caseOnly}.`;
        } else {
          message = `The hotfix scripts do not read ${a.name}, so this line has no effect.`;
          if (candidates.length) message += ` Did you mean ${candidates.join(', ')}?`;
        }
      } else {
        // /etc/default/epages6 sets many variables of its own: only near-misses of the one we know are reported.
        if (a.name === STORETYPES_KEY.name) continue;
        candidates = suggest(a.name, [STORETYPES_KEY.name]);
        if (!candidates.length) continue;
        message = `${a.name} is not read by the hotfix installer; the variable for custom store types is ${STORETYPES_KEY.name}.`;
      }
      const fixes = candidates.map(c => ({ title: `Change to ${c}`, edits: [{ start: a.nameStart, end: a.nameEnd, newText: c }], safe: false }));
      report(makeFinding(meta, a.nameStart, a.nameEnd, message, { fixes: fixes.length ? fixes : undefined }));
    }
  },
};
