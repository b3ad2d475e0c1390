import { defineRule, makeFinding } from '../../engine/rules';
import type { PluginCfgRule } from '../lint';
import { describeTransports, type Server } from '../model';
import { valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/duplicate-clone-id',
  language: 'plugincfg',
  title: 'Two servers share a CloneID, so session affinity cannot tell them apart',
  defaultSeverity: 'error',
  fix: 'none',
});

/** The same JVM listed in two clusters (same name and same transports) is not a conflict. */
function sameJvm(a: Server, b: Server): boolean {
  return a.name === b.name && describeTransports(a) === describeTransports(b);
}

export const duplicateCloneId: PluginCfgRule = {
  meta,
  check({ model, file, report }) {
    const seen = new Map<string, Server>();
    for (const cluster of model.clusters) {
      for (const server of cluster.servers) {
        const id = server.cloneId;
        if (!id || !server.cloneIdAttr) continue;
        const prev = seen.get(id);
        if (!prev) {
          seen.set(id, server);
          continue;
        }
        if (sameJvm(prev, server)) continue;
        const span = valueSpan(server.cloneIdAttr);
        const prevSpan = valueSpan(prev.cloneIdAttr!);
        const sameCluster = prev.cluster === cluster;
        const message = sameCluster
          ? `Server "${prev.name}" of this cluster already has CloneID "${id}": the plug-in cannot tell which of the two holds a session, so affinity breaks.`
          : `Server "${prev.name}" of cluster "${prev.cluster.name}" already has CloneID "${id}": a session cookie naming it is ambiguous (and "which server served me?" cannot answer).`;
        report(
          makeFinding(meta, span.start, span.end, message, {
            severity: sameCluster ? 'error' : 'warning',
            related: [{ path: file.path, start: prevSpan.start, end: prevSpan.end, message: `CloneID of ${prev.name}` }],
          }),
        );
      }
    }
  },
};
