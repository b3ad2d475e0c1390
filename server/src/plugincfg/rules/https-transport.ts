import { defineRule, makeFinding } from '../../engine/rules';
import type { PluginCfgRule } from '../lint';
import { tagSpan, valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/https-transport',
  language: 'plugincfg',
  title: 'An https Transport without the keyring and stashfile Properties it needs',
  defaultSeverity: 'error',
  fix: 'none',
});

export const httpsTransport: PluginCfgRule = {
  meta,
  check({ model, report }) {
    for (const cluster of model.clusters) {
      for (const server of [...cluster.servers, ...cluster.clusterAddresses]) {
        for (const t of server.transports) {
          if (t.protocol.trim().toLowerCase() !== 'https') continue;
          const has = (name: string) => t.properties.some(p => p.name.toLowerCase() === name && p.value.trim() !== '');
          const missing = ['keyring', 'stashfile'].filter(n => !has(n));
          if (!missing.length) continue;
          const span = t.protocolAttr ? valueSpan(t.protocolAttr) : tagSpan(t.element);
          const what = missing.map(m => `<Property Name="${m}" Value="..."/>`).join(' and ');
          report(
            makeFinding(
              meta,
              span.start,
              span.end,
              `This https Transport of server "${server.name}" lacks ${what}: without the key database (.kdb) and its stash file (.sth) the plug-in cannot open TLS connections to the server.`,
            ),
          );
        }
      }
    }
  },
};
