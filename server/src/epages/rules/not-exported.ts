import { defineRule, makeFinding } from '../../engine/rules';
import { STORETYPES_KEY } from '../keys';
import { lastAssignments, type EpagesRule } from '../lint';

const meta = defineRule({
  code: 'epages/not-exported',
  language: 'epages',
  title: 'EPAGES_CUSTOM_STORETYPES set without export, so the hotfix installer does not see it',
  defaultSeverity: 'warning',
  fix: 'safe',
});

export const notExported: EpagesRule = {
  meta,
  check({ tree, kind, report }) {
    if (kind !== 'epages6') return;
    const a = lastAssignments(tree).get(STORETYPES_KEY.name);
    if (!a || a.exported) return;
    if (tree.allExportFrom !== null && tree.allExportFrom < a.start) return;
    if (tree.exportedNames.has(a.name)) return;
    const message =
      `${a.name} is set but not exported: the hotfix installer runs as a separate program after ". /etc/default/epages6" and only sees exported variables, so the custom store types are not reinstalled. Write export ${a.name}=...`;
    // `export` goes in front of a plain assignment only (not before `declare`/`readonly`).
    const fixes = a.nameStart === a.start ? [{ title: 'Add export', edits: [{ start: a.start, end: a.start, newText: 'export ' }], safe: true }] : undefined;
    report(makeFinding(meta, a.nameStart, a.nameEnd, message, { fixes }));
  },
};
