import { defineRule, makeFinding } from '../../engine/rules';
import { attrCI } from '../../xml/parser';
import type { PluginCfgRule } from '../lint';
import { valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/remove-special-headers',
  language: 'plugincfg',
  title: 'RemoveSpecialHeaders="false" lets clients forge the internal $WS headers',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const removeSpecialHeaders: PluginCfgRule = {
  meta,
  check({ model, report }) {
    for (const cluster of model.clusters) {
      const a = attrCI(cluster.element, 'RemoveSpecialHeaders');
      if (!a || (a.value ?? '').trim().toLowerCase() !== 'false') continue;
      const span = valueSpan(a);
      report(
        makeFinding(
          meta,
          span.start,
          span.end,
          `Cluster "${cluster.name}" keeps the $WS* headers clients send. Those headers tell WebSphere the client's address, certificate and scheme, so a client could impersonate others; IBM documents this setting as a security exposure.`,
          { fixes: a.valueSpan ? [{ title: 'Set RemoveSpecialHeaders="true"', edits: [{ start: a.valueSpan.start, end: a.valueSpan.end, newText: 'true' }], safe: false }] : undefined },
        ),
      );
    }
  },
};
