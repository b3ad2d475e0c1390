// Settings per file for `upkeep lint`: `--config`, else the nearest `.upkeep.json` above the file, plus
// the command line's --rule, --allow and --ignore-pattern; one Project per settings file.
import * as nodePath from 'node:path';
import { findConfigFile, isIgnored, optionsFromConfig, type LoadedConfig } from '../engine/config-file';
import { nodeFileSystem, Project, type FileSystem, type ProjectOptions } from '../engine/workspace';
import { loadValidConfig, shownPath } from './args';

export interface SettingsFlags {
  config?: LoadedConfig;
  rules: Record<string, import('../engine/rules').SeveritySetting>;
  allow: string[];
  ignorePatterns: string[];
}

/** Paths in messages relative to the current folder (the CLI's view), not to the lint roots. */
export class CliProject extends Project {
  protected override displayUncached(path: string): string {
    return shownPath(nodePath.resolve(path));
  }
}

/** Settings per file: `--config`, else the nearest `.upkeep.json`; one Project per settings file. */
export class Settings {
  private dirCache = new Map<string, string | null>();
  private loaded = new Map<string, LoadedConfig>();
  private projects = new Map<string, Project>();

  constructor(
    readonly flags: SettingsFlags,
    readonly roots: string[],
    readonly fs: FileSystem,
  ) {}

  configFor(abs: string, isDir = false): LoadedConfig | undefined {
    if (this.flags.config) return this.flags.config;
    const path = findConfigFile(nodeFileSystem, abs, isDir, this.dirCache);
    if (!path) return undefined;
    let c = this.loaded.get(path);
    if (!c) {
      c = loadValidConfig(path, false);
      this.loaded.set(path, c);
    }
    return c;
  }

  /** The settings file path a file's Project is keyed by ('' for none). */
  keyFor(abs: string): string {
    return this.configFor(abs)?.path ?? '';
  }

  optionsFor(config: LoadedConfig | undefined): ProjectOptions {
    const o = optionsFromConfig(config?.config ?? {}, this.roots);
    o.config = { rules: { ...o.config?.rules, ...this.flags.rules } };
    o.maintenanceHosts = [...(o.maintenanceHosts ?? []), ...this.flags.allow];
    return o;
  }

  projectFor(abs: string): Project {
    const config = this.configFor(abs);
    const key = config?.path ?? '';
    let p = this.projects.get(key);
    if (!p) {
      p = new CliProject(this.fs, this.optionsFor(config));
      this.projects.set(key, p);
    }
    return p;
  }

  ignored(abs: string): string | undefined {
    const cwdRel = nodePath.relative(process.cwd(), abs).split(nodePath.sep).join('/');
    if (isIgnored(cwdRel, this.flags.ignorePatterns)) return '--ignore-pattern';
    const c = this.configFor(abs);
    if (c?.config.ignores?.length && isIgnored(nodePath.relative(c.dir, abs).split(nodePath.sep).join('/'), c.config.ignores)) return shownPath(c.path);
    return undefined;
  }
}

