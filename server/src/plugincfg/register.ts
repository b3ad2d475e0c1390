// Registers plugin-cfg.xml with the engine (parser + linter) and contributes its servers' hosts to the
// httpd maintenance rules. Imported once by server/src/languages.ts.
import * as nodePath from 'node:path';
import { registerLanguage } from '../engine/registry';
import type { SourceFile } from '../engine/workspace';
import { pluginConfigOf, registerHostProvider, type RequiredHost } from '../httpd/deployment';
import { lintPluginCfg } from './lint';
import { deploymentFor, parsePluginCfg, type PluginCfgTree } from './model';

registerLanguage('plugincfg', parsePluginCfg, (project, file) => lintPluginCfg(project, file as SourceFile<PluginCfgTree>));

registerHostProvider((project, config) => {
  const ref = pluginConfigOf(project, config);
  if (!ref?.local) return [];
  const d = deploymentFor(project, ref.local);
  const base = nodePath.basename(ref.local);
  const out: RequiredHost[] = [];
  const seen = new Set<string>();
  for (const s of d.servers) {
    if (!s.host || seen.has(s.host.toLowerCase())) continue;
    seen.add(s.host.toLowerCase());
    out.push({ host: s.host, source: `${base} (Server ${s.name} of ${s.cluster})`, path: s.path, start: s.start, end: s.end });
  }
  return out;
});
