import { defineRule, makeFinding, suggest, type Fix } from '../../engine/rules';
import { escapeAttr } from '../../xml/parser';
import type { PluginCfgRule } from '../lint';
import type { NamedAttr } from '../model';
import { tagSpan, valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/dangling-reference',
  language: 'plugincfg',
  title: 'A server list or a Route names a server, cluster or group that does not exist',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

function renameFix(a: NamedAttr['attr'], to: string): Fix[] | undefined {
  if (!a.valueSpan) return undefined;
  return [{ title: `Change to "${to}"`, edits: [{ start: a.valueSpan.start, end: a.valueSpan.end, newText: escapeAttr(to) }], safe: false }];
}

export const danglingReference: PluginCfgRule = {
  meta,
  check({ model, report }) {
    for (const cluster of model.clusters) {
      const names = cluster.servers.map(s => s.name).filter(Boolean);
      for (const list of cluster.lists) {
        const listName = list.kind === 'primary' ? 'PrimaryServers' : 'BackupServers';
        for (const ref of list.refs) {
          if (ref.server) continue;
          if (!ref.nameAttr || !ref.name) {
            const span = ref.nameAttr ? valueSpan(ref.nameAttr) : tagSpan(ref.element);
            report(makeFinding(meta, span.start, span.end, `This ${listName} entry names no server: add Name="..." with the name of a Server of cluster "${cluster.name}".`));
            continue;
          }
          const candidates = suggest(ref.name, names);
          const elsewhere = model.clusters.find(c => c !== cluster && c.servers.some(s => s.name === ref.name));
          let message = `${listName} names "${ref.name}", but cluster "${cluster.name}" has no Server of that name, so the plug-in cannot use it.`;
          if (elsewhere) message += ` "${ref.name}" is a server of cluster "${elsewhere.name}": a list can only name servers of its own cluster.`;
          if (candidates.length) message += ` Did you mean ${candidates.map(c => `"${c}"`).join(', ')}?`;
          const span = valueSpan(ref.nameAttr);
          report(makeFinding(meta, span.start, span.end, message, { fixes: candidates.length ? renameFix(ref.nameAttr, candidates[0]) : undefined }));
        }
      }
    }
    const clusters = model.clusters.map(c => c.name).filter(Boolean);
    const uriGroups = model.uriGroups.map(g => g.name).filter(Boolean);
    const vhostGroups = model.virtualHostGroups.map(g => g.name).filter(Boolean);
    for (const route of model.routes) {
      const check = (ref: NamedAttr | undefined, kind: string, known: string[], required: boolean) => {
        if (!ref) {
          if (required) {
            const span = tagSpan(route.element);
            report(makeFinding(meta, span.start, span.end, `This Route names no ${kind}: add ${kind}="..." so the plug-in knows where to send its requests.`));
          }
          return;
        }
        if (known.includes(ref.value)) return;
        const span = valueSpan(ref.attr);
        if (!ref.value) {
          report(makeFinding(meta, span.start, span.end, `This Route's ${kind} is empty.`));
          return;
        }
        const candidates = suggest(ref.value, known);
        let message = `This Route names the ${kind} "${ref.value}", but no ${kind} has that name.`;
        if (kind === 'ServerCluster') message += ' The plug-in cannot route these requests (its log says it failed to find the server group).';
        if (candidates.length) message += ` Did you mean ${candidates.map(c => `"${c}"`).join(', ')}?`;
        report(makeFinding(meta, span.start, span.end, message, { fixes: candidates.length ? renameFix(ref.attr, candidates[0]) : undefined }));
      };
      check(route.serverCluster, 'ServerCluster', clusters, true);
      check(route.uriGroup, 'UriGroup', uriGroups, false);
      check(route.virtualHostGroup, 'VirtualHostGroup', vhostGroups, false);
    }
  },
};
