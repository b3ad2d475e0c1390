import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { attr } from '../../xml/parser';
import type { PluginCfgRule } from '../lint';
import { attributeInfo, knownElementName } from '../schema';
import { infoOf } from './invalid-value';

const meta = defineRule({
  code: 'plugincfg/attribute-case',
  language: 'plugincfg',
  title: 'An element or attribute name written in another case than the plug-in expects (CloneId for CloneID)',
  defaultSeverity: 'warning',
  fix: 'safe',
});

export const attributeCase: PluginCfgRule = {
  meta,
  check({ doc, report }) {
    for (let _eli = 0, _els = doc.elements; _eli < _els.length; _eli++) {
      const el = _els[_eli];
      const known = knownElementName(el.name);
      if (known && known !== el.name) {
        const edits = [{ start: el.nameSpan.start, end: el.nameSpan.end, newText: known }];
        if (el.endTag) edits.push({ start: el.endTag.nameSpan.start, end: el.endTag.nameSpan.end, newText: known });
        report(
          makeFinding(meta, el.nameSpan.start, el.nameSpan.end, `<${el.name}> should be written <${known}>: XML names are case-sensitive, so the plug-in does not recognise this spelling.`, {
            fixes: [{ title: `Rename to ${known}`, edits, safe: true }],
          }),
        );
      }
      const info = infoOf(el);
      if (!info) continue;
      for (const a of el.attributes) {
        const right = attributeInfo(info, a.name);
        if (!right || right.name === a.name) continue;
        const clash = attr(el, right.name);
        let fixes: Fix[] | undefined;
        let message = `${a.name} should be written ${right.name}: attribute names are case-sensitive, so the plug-in does not read ${a.name}${right.default ? ` and uses the default (${right.default})` : ''}.`;
        if (clash) message += ` This element also has ${right.name}; remove one of the two.`;
        else fixes = [{ title: `Rename to ${right.name}`, edits: [{ start: a.nameSpan.start, end: a.nameSpan.end, newText: right.name }], safe: true }];
        report(makeFinding(meta, a.nameSpan.start, a.nameSpan.end, message, { fixes }));
      }
    }
  },
};
