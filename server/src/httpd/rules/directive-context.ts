import { defineRule, makeFinding } from '../../engine/rules';
import { directiveInfo, sectionInfo, type DirectiveInfo } from '../directives';
import { contextAt, type BaseContext } from '../config';
import type { HttpdRule } from '../lint';
import type { Node, SectionNode } from '../syntax';
import { inMacro } from './util';

const meta = defineRule({
  code: 'httpd/directive-context',
  language: 'apacheconf',
  title: 'A directive used where Apache does not allow it (e.g. ServerRoot inside <Location>)',
  defaultSeverity: 'error',
  fix: 'none',
});

function where(section: string | undefined, context: string): string {
  if (context === 'htaccess') return 'in .htaccess files';
  if (context === 'server') return 'at server level';
  return `inside <${section}>`;
}

function allowedText(info: DirectiveInfo): string {
  const parts: string[] = [];
  if (info.contexts.includes('server')) parts.push('the server config');
  if (info.contexts.includes('virtualhost') && !info.globalOnly) parts.push('<VirtualHost>');
  if (info.contexts.includes('directory')) parts.push('<Directory>/<Location>/<Files>/<If>');
  if (info.contexts.includes('htaccess')) parts.push('.htaccess');
  return parts.length ? parts.join(', ') : 'no context Upkeep knows of';
}

export const directiveContext: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, base, report, reach }) {
    // The context depends on the enclosing section only: worked out once per section, not per directive.
    const contextOf = new Map<SectionNode | null, BaseContext>();
    const check = (node: Node, info: DirectiveInfo | undefined, name: string, start: number, end: number) => {
      if (!info || inMacro(node) || reach(node).reach === 'no') return;
      let at = contextOf.get(node.parent);
      if (at === undefined) contextOf.set(node.parent, (at = contextAt(node, base)));
      const ok =
        (at.context === 'server' && info.contexts.includes('server')) ||
        (at.context === 'virtualhost' && info.contexts.includes('virtualhost') && !info.globalOnly) ||
        (at.context === 'directory' && info.contexts.includes('directory')) ||
        (at.context === 'htaccess' && info.contexts.includes('htaccess'));
      if (ok) return;
      // A name defined by two modules (mod_ssl and IBM's mod_ibm_ssl) is fine if either allows it.
      for (const alt of info.alternatives ?? []) {
        if (alt.contexts.includes(at.context) && !(at.context === 'virtualhost' && alt.globalOnly)) return;
      }
      report(
        makeFinding(
          meta,
          start,
          end,
          `${name} is not allowed ${where(at.section, at.context)}. It belongs in ${allowedText(info)}.`,
        ),
      );
    };
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      check(d, directiveInfo(d.name), d.name, d.nameSpan.start, d.nameSpan.end);
    }
    for (let _si = 0, _ss = tree.sections; _si < _ss.length; _si++) {
      const s = _ss[_si];
      check(s, sectionInfo(s.name), `<${s.name}>`, s.open.start, s.nameSpan.end);
    }
  },
};
