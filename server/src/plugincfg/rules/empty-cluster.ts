import { defineRule, makeFinding } from '../../engine/rules';
import type { PluginCfgRule } from '../lint';
import { tagSpan, valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/empty-cluster',
  language: 'plugincfg',
  title: 'A ServerCluster without any Server',
  defaultSeverity: 'warning',
  fix: 'none',
});

export const emptyCluster: PluginCfgRule = {
  meta,
  check({ model, report }) {
    for (const cluster of model.clusters) {
      if (cluster.servers.length) continue;
      const span = cluster.nameAttr ? valueSpan(cluster.nameAttr) : tagSpan(cluster.element);
      const routed = model.routes.filter(r => r.serverCluster?.value === cluster.name).length;
      let message = `Cluster "${cluster.name}" has no Server, so there is nowhere to send its requests.`;
      if (routed) message += ` ${routed} Route${routed === 1 ? '' : 's'} point${routed === 1 ? 's' : ''} at it: those requests fail.`;
      if (cluster.clusterAddresses.length) message += ' (A ClusterAddress is only a front-end address, not a member.)';
      report(makeFinding(meta, span.start, span.end, message));
    }
  },
};
