import { defineRule, makeFinding } from '../../engine/rules';
import type { XmlElement } from '../../xml/parser';
import type { SametimeRule } from '../lint';
import { COMMUNITY_ELEMENTS, COMMUNITY_GROUP, CONNECTIVITY_SETTINGS } from '../schema';

const meta = defineRule({
  code: 'sametime/misplaced-community',
  language: 'sametime',
  title: 'Community definitions or connection settings in managed-settings.xml (they belong in managed-community-configs.xml)',
  defaultSeverity: 'error',
  fix: 'none',
});

function insideReported(el: XmlElement, reported: Set<XmlElement>): boolean {
  for (let p = el.parent; p; p = p.parent) if (reported.has(p)) return true;
  return false;
}

export const misplacedCommunity: SametimeRule = {
  meta,
  check({ doc, model, kind, report }) {
    if (kind !== 'settings') return;
    const reported = new Set<XmlElement>();
    for (const el of doc.elements) {
      if (!COMMUNITY_ELEMENTS.has(el.name) || insideReported(el, reported)) continue;
      reported.add(el);
      report(
        makeFinding(
          meta,
          el.nameSpan.start,
          el.nameSpan.end,
          `<${el.name}> belongs in managed-community-configs.xml: the client reads managed-settings.xml only for settingGroup / setting, so this is ignored. Move it to managed-community-configs.xml next to this file.`,
        ),
      );
    }
    for (const g of model.groups) {
      if (g.name !== COMMUNITY_GROUP) continue;
      for (const st of g.settings) {
        if (!CONNECTIVITY_SETTINGS.has(st.name) || !st.nameAttr?.valueSpan) continue;
        report(
          makeFinding(
            meta,
            st.nameAttr.valueSpan.start,
            st.nameAttr.valueSpan.end,
            `HCL asks not to push community connection settings (${st.name}) through managed-settings.xml: set them on a <managed-community> in managed-community-configs.xml, which updates existing communities too.`,
            { severity: 'warning' },
          ),
        );
      }
    }
  },
};
