import { defineRule, makeFinding } from '../../engine/rules';
import type { PluginCfgRule } from '../lint';
import { backups } from '../model';
import { tagSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/no-primary',
  language: 'plugincfg',
  title: 'A cluster whose PrimaryServers list is empty or names only backup servers',
  defaultSeverity: 'warning',
  fix: 'none',
});

export const noPrimary: PluginCfgRule = {
  meta,
  check({ model, report }) {
    for (const cluster of model.clusters) {
      if (!cluster.servers.length) continue; // empty-cluster says it
      const lists = cluster.lists.filter(l => l.kind === 'primary');
      if (!lists.length) continue; // no list: every server is a primary
      const refs = lists.flatMap(l => l.refs);
      const span = tagSpan(lists[0].element);
      if (!refs.length) {
        report(
          makeFinding(
            meta,
            span.start,
            span.end,
            `PrimaryServers of cluster "${cluster.name}" is empty: no server takes traffic in normal operation${cluster.backup ? ', only the backups when the plug-in gives up on the primaries' : ''}. List at least one server, or remove the empty list so that every server is a primary.`,
          ),
        );
        continue;
      }
      const resolved = refs.map(r => r.server).filter((s): s is NonNullable<typeof s> => !!s);
      if (!resolved.length) continue; // dangling-reference says it
      const backup = new Set(backups(cluster));
      if (resolved.every(s => backup.has(s))) {
        report(
          makeFinding(
            meta,
            span.start,
            span.end,
            `Every server in PrimaryServers of cluster "${cluster.name}" (${resolved.map(s => s.name).join(', ')}) is also a backup: a server should be in one list only, and this cluster has no plain primary.`,
          ),
        );
      }
    }
  },
};
