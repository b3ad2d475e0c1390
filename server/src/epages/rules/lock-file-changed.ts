import { defineRule, makeFinding } from '../../engine/rules';
import { HOTFIX_KEYS } from '../keys';
import { checkable, valueEdit, type EpagesRule } from '../lint';

const meta = defineRule({
  code: 'epages/lock-file-changed',
  language: 'epages',
  title: 'A lock file setting of the hotfix tooling that differs from its default',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

const LOCKS = HOTFIX_KEYS.filter(k => k.kind === 'lock');

export const lockFileChanged: EpagesRule = {
  meta,
  check({ file, tree, kind, report }) {
    if (kind !== 'hotfix') return;
    for (const a of tree.assignments) {
      const key = LOCKS.find(k => k.name === a.name);
      if (!key || !checkable(a) || a.value === key.defaultValue) continue;
      const message =
        `${a.name} is ${a.value === '' ? 'empty' : a.value} instead of ${key.defaultValue}. The file says not to change the lock files: ` +
        `the init script, the cron job and ePages patches coordinate through them, so a patch and a hotfix installation could run at the same time.`;
      const fix = { title: `Restore ${key.defaultValue}`, edits: valueEdit(file.text, a, key.defaultValue!), safe: false };
      report(makeFinding(meta, a.valueStart, Math.max(a.valueEnd, a.valueStart), message, { fixes: [fix] }));
    }
  },
};
