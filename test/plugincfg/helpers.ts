// Shared by the plugin-cfg tests: the `|` cursor marker, in-memory files, the bundled example.
import { corpusPath } from '../support/repo';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePluginCfg, type PluginCfgInput } from '../../server/src/plugincfg/model';

/** Removes the single `|` of `marked` and returns the text and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function pluginFile(text: string): PluginCfgInput {
  return { text, tree: parsePluginCfg(text) };
}

export { repoRoot } from '../support/repo';
import { repoRoot } from '../support/repo';

export function exampleText(): string {
  return readFileSync(path.join(repoRoot(), 'examples/ihs/plugin-cfg.xml'), 'utf8');
}

export const CORPUS_PLUGIN_CFG = corpusPath('plugin-cfg');

/** `<Config>` on line 1, the body from line 2, `</Config>` after it. */
export function cfg(body: string): string {
  return `<Config>\n${body}\n</Config>\n`;
}

/** A cluster with servers `name@host[#cloneId]`, and primary/backup lists of server names. */
export function cluster(name: string, servers: string[], primary?: string[], backup?: string[], indent = '  '): string {
  const lines = [`${indent}<ServerCluster Name="${name}" LoadBalance="Round Robin">`];
  for (const spec of servers) {
    const [nameHost, clone] = spec.split('#');
    const [n, host] = nameHost.split('@');
    lines.push(`${indent}  <Server Name="${n}"${clone ? ` CloneID="${clone}"` : ''}>`, `${indent}    <Transport Hostname="${host}" Port="9080" Protocol="http"/>`, `${indent}  </Server>`);
  }
  const list = (tag: string, names?: string[]) => {
    if (!names) return;
    lines.push(`${indent}  <${tag}>`, ...names.map(n => `${indent}    <Server Name="${n}"/>`), `${indent}  </${tag}>`);
  };
  list('PrimaryServers', primary);
  list('BackupServers', backup);
  lines.push(`${indent}</ServerCluster>`);
  return lines.join('\n');
}
