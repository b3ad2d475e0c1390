import { defineRule, makeFinding } from '../../engine/rules';
import type { XmlAttribute, XmlElement } from '../../xml/parser';
import type { PluginCfgRule } from '../lint';
import { tagSpan, valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/duplicate-name',
  language: 'plugincfg',
  title: 'Two servers of a cluster, two clusters or two groups share a name',
  defaultSeverity: 'error',
  fix: 'none',
});

interface Item {
  name: string;
  attr?: XmlAttribute;
  element: XmlElement;
}

export const duplicateName: PluginCfgRule = {
  meta,
  check({ model, file, report }) {
    const line = (offset: number) => file.index.positionAt(offset).line + 1;
    const dupes = (items: Item[], what: (first: Item) => string, severity?: 'warning') => {
      const first = new Map<string, Item>();
      for (const it of items) {
        if (!it.name) continue;
        const prev = first.get(it.name);
        if (!prev) {
          first.set(it.name, it);
          continue;
        }
        const span = it.attr ? valueSpan(it.attr) : tagSpan(it.element);
        const prevSpan = prev.attr ? valueSpan(prev.attr) : tagSpan(prev.element);
        report(
          makeFinding(meta, span.start, span.end, what(prev).replace('{line}', String(line(prev.element.start))), {
            ...(severity ? { severity } : {}),
            related: [{ path: file.path, start: prevSpan.start, end: prevSpan.end, message: `first "${it.name}"` }],
          }),
        );
      }
    };
    for (const cluster of model.clusters) {
      dupes(
        cluster.servers.map(s => ({ name: s.name, attr: s.nameAttr, element: s.element })),
        p => `Cluster "${cluster.name}" already has a Server named "${p.name}" (line {line}): PrimaryServers and BackupServers cannot tell them apart.`,
      );
      for (const list of cluster.lists) {
        const listName = list.kind === 'primary' ? 'PrimaryServers' : 'BackupServers';
        dupes(
          list.refs.map(r => ({ name: r.name, attr: r.nameAttr, element: r.element })),
          p => `"${p.name}" is already listed in this ${listName} (line {line}).`,
          'warning',
        );
      }
    }
    dupes(
      model.clusters.map(c => ({ name: c.name, attr: c.nameAttr, element: c.element })),
      p => `A ServerCluster named "${p.name}" already exists (line {line}): Routes that name it reach only one of them.`,
    );
    dupes(
      model.uriGroups.map(g => ({ name: g.name, attr: g.nameAttr, element: g.element })),
      p => `A UriGroup named "${p.name}" already exists (line {line}).`,
    );
    dupes(
      model.virtualHostGroups.map(g => ({ name: g.name, attr: g.nameAttr, element: g.element })),
      p => `A VirtualHostGroup named "${p.name}" already exists (line {line}).`,
    );
  },
};
