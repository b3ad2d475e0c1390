import { defineRule, makeFinding, suggest } from '../../engine/rules';
import type { SametimeRule } from '../lint';
import { escapeFor, properlyQuoted, valueSpan } from './util';

const meta = defineRule({
  code: 'sametime/dangling-reference',
  language: 'sametime',
  title: 'A managed-community-action names a managed-community-id that no managed-community of the file defines',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

export const danglingReference: SametimeRule = {
  meta,
  check({ model, file, report }) {
    const ids = new Map<string, (typeof model.communities)[number]>();
    for (const c of model.communities) if (c.id && !ids.has(c.id)) ids.set(c.id, c);
    for (const a of model.actions) {
      if (!a.refAttr || a.ref.trim() === '') continue; // sametime/required-attribute
      if (ids.has(a.ref)) continue;
      const span = valueSpan(a.refAttr);
      const byHost = model.communities.find(c => c.host === a.ref && c.id);
      const best = byHost ? [byHost.id] : suggest(a.ref, ids.keys());
      let message = `No <managed-community> in this file has id "${a.ref}", so this ${a.type ? `"${a.type}" ` : ''}action does nothing.`;
      if (byHost) message += ` The community with host "${a.ref}" has id "${byHost.id}".`;
      else if (best.length) message += ` Did you mean "${best[0]}"?`;
      else if (!ids.size) message += ' The file defines no community at all.';
      const target = best.length ? ids.get(best[0]) : undefined;
      report(
        makeFinding(meta, span.start, span.end, message, {
          ...(best.length && properlyQuoted(a.refAttr)
            ? { fixes: [{ title: `Change to "${best[0]}"`, edits: [{ start: a.refAttr.valueSpan.start, end: a.refAttr.valueSpan.end, newText: escapeFor(best[0], a.refAttr.quote) }], safe: false }] }
            : {}),
          ...(target ? { related: [{ path: file.path, start: target.element.nameSpan.start, end: target.element.nameSpan.end, message: `community "${target.id}"` }] } : {}),
        }),
      );
    }
  },
};
