import { defineRule, makeFinding } from '../../engine/rules';
import { lastAssignments, type EpagesRule } from '../lint';

const meta = defineRule({
  code: 'epages/ignored-setting',
  language: 'epages',
  title: 'SYSTEMNAME set while MAILTO is empty: the name is never used',
  defaultSeverity: 'hint',
  fix: 'none',
});

export const ignoredSetting: EpagesRule = {
  meta,
  check({ tree, kind, report }) {
    if (kind !== 'hotfix') return;
    const last = lastAssignments(tree);
    const name = last.get('SYSTEMNAME');
    if (!name || name.dynamic || name.value === '') return;
    const mail = last.get('MAILTO');
    if (mail && (mail.dynamic || mail.value !== '')) return;
    const message = `SYSTEMNAME only tags the e-mails the job sends to MAILTO, and MAILTO is ${mail ? 'empty' : 'not set'}: this setting has no effect.`;
    report(makeFinding(meta, name.nameStart, name.valueEnd, message, { unnecessary: true }));
  },
};
