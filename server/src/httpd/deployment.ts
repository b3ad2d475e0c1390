// The deployment behind an httpd configuration: which plugin-cfg.xml its WebSpherePluginConfig names,
// and which hosts must keep access during maintenance (WebSphere servers, configured hosts).
// Other languages (plugin-cfg) contribute hosts through registerHostProvider, so httpd code does not
// depend on their parsers.
import * as nodePath from 'node:path';
import type { Project } from '../engine/workspace';
import type { HttpdConfig } from './config';
import { substituteVars } from './config';
import { lowerName, type DirectiveNode } from './syntax';

export interface RequiredHost {
  /** Host name or address as written in its source. */
  host: string;
  /** Where it comes from, for messages: e.g. `plugin-cfg.xml (Server AppsCluster_server1)`. */
  source: string;
  path?: string;
  start?: number;
  end?: number;
}

type HostProvider = (project: Project, config: HttpdConfig) => RequiredHost[];
const providers: HostProvider[] = [];

export function registerHostProvider(p: HostProvider): void {
  providers.push(p);
}

/** Every host that must stay allowlisted: configured hosts first, then each provider's. */
export function requiredHosts(project: Project, config: HttpdConfig): RequiredHost[] {
  return project.memo(`required-hosts:${config.root}`, () => {
    const out: RequiredHost[] = (project.options.maintenanceHosts ?? []).map(h => ({ host: h, source: 'the upkeep.maintenance.allow setting' }));
    for (const p of providers) out.push(...p(project, config));
    return out;
  });
}

export interface PluginConfigRef {
  directive: DirectiveNode;
  file: string;
  /** The path as written (variables substituted). */
  written: string;
  /** The local file it stands for, if found: the path itself, or the workspace file ending the same way. */
  local: string | null;
}

/** The WebSpherePluginConfig directive of the configuration and the local plugin-cfg.xml it points to. */
export function pluginConfigOf(project: Project, config: HttpdConfig): PluginConfigRef | null {
  const hit = [...config.directives].reverse().find(d => lowerName(d.node.name) === 'webspherepluginconfig' && d.node.args.length > 0);
  if (!hit) return null;
  const written = substituteVars(hit.node.args[0].value, config.defines) ?? hit.node.args[0].value;
  return { directive: hit.node, file: hit.file, written, local: resolveWorkspacePath(project, written, config.localServerRoot) };
}

/**
 * Finds the local file for a path written in a config: the path itself when it exists (relative ones
 * against `base`), else the workspace file whose path shares the longest tail with it.
 */
export function resolveWorkspacePath(project: Project, written: string, base: string): string | null {
  const posix = written.replace(/\\/g, '/');
  const direct = nodePath.isAbsolute(posix) || /^[A-Za-z]:\//.test(posix) ? posix : nodePath.join(base, posix);
  if (project.fs.stat(direct) === 'file') return nodePath.resolve(direct);
  const want = posix.split('/').filter(Boolean);
  let best: string | null = null;
  let bestScore = 0;
  for (const f of project.workspaceFiles()) {
    const have = f.replace(/\\/g, '/').split('/');
    let k = 0;
    while (k < want.length && k < have.length && want[want.length - 1 - k].toLowerCase() === have[have.length - 1 - k].toLowerCase()) k++;
    if (k > bestScore) {
      best = f;
      bestScore = k;
    }
  }
  return best;
}
