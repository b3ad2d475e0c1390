// Settings per file in the language server, as the CLI has them: the nearest `.upkeep.json` above each
// file (walking up from its folder, the nearest wins; read with the engine's loader) under the editor
// settings of the workspace folder that holds the file (`workspace/configuration` with that folder's
// scopeUri). Each distinct set of options gets its own Project (rules, allowlist, target version ... are
// Project options that every rule reads), shared by every file with the same settings: one Project in
// the usual workspace. No connection: the server feeds it folders, settings and file events.
import * as nodePath from 'node:path';
import { findConfigFile, formatConfigProblems, isIgnored, loadConfigFile, type LoadedConfig } from '../engine/config-file';
import { nodeFileSystem, Project, type FileSystem } from '../engine/workspace';
import { applySettings, DEFAULT_SETTINGS, mergeFileConfig, type UpkeepSettings } from './settings';
import { isVirtualPath } from './uri';

export interface Scope {
  /** The workspace folder holding the file (its editor settings apply), if any. */
  folder?: string;
  /** The settings file that applies, if any (problems already left out of `config`). */
  configFile?: LoadedConfig;
  /** Editor settings over the settings file. */
  settings: UpkeepSettings;
}

export interface ProjectPoolOptions {
  /** Where settings file problems and Restricted Mode notes go (once per read of a file). */
  warn(message: string): void;
  /** Where `.upkeep.json` files are looked for and read (the disk: a settings file applies as saved). */
  disk?: FileSystem;
}

export class ProjectPool {
  private roots: string[] = [];
  private global: UpkeepSettings = DEFAULT_SETTINGS;
  private perFolder = new Map<string, UpkeepSettings>();
  private trusted = true;
  /** Folder -> the settings file that applies there (null: none). */
  private readonly dirCache = new Map<string, string | null>();
  /** Settings file path -> its validated content (null: unreadable). */
  private readonly loaded = new Map<string, LoadedConfig | null>();
  /** Folder of a file -> its Project (cleared whenever settings, folders or settings files change). */
  private readonly byDir = new Map<string, Project>();
  private projects = new Map<string, Project>();
  /** The Projects before the last change: reused when their options come back, dropped at the next change. */
  private previous = new Map<string, Project>();

  constructor(
    /** The file system every Project reads (the editor's documents over the disk). */
    private readonly fs: FileSystem,
    private readonly opts: ProjectPoolOptions,
  ) {}

  private get disk(): FileSystem {
    return this.opts.disk ?? nodeFileSystem;
  }

  get workspaceRoots(): readonly string[] {
    return this.roots;
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots.map(r => nodePath.resolve(r));
    this.rotate();
  }

  /** New editor settings: `global` (no scope) and those of each workspace folder (by folder path). */
  setSettings(global: UpkeepSettings, perFolder: ReadonlyMap<string, UpkeepSettings> = new Map()): void {
    this.global = global;
    this.perFolder = new Map([...perFolder].map(([k, v]) => [nodePath.resolve(k), v]));
    this.rotate();
  }

  /** Restricted Mode (an untrusted workspace) leaves the settings files' maintenance allowlist out. */
  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.configChanged();
  }

  /** A `.upkeep.json` was created, changed or deleted: every file looks for and reads its settings again. */
  configChanged(): void {
    this.dirCache.clear();
    this.loaded.clear();
    this.rotate();
  }

  /** Files changed: every Project (the previous ones too) forgets what read them; none: everything. */
  touch(paths?: Iterable<string>): void {
    const list = paths ? [...paths] : undefined;
    for (const p of new Set([...this.projects.values(), ...this.previous.values()])) p.touch(list);
  }

  /** The workspace folder holding a path (the innermost one when folders nest). */
  folderOf(path: string): string | undefined {
    const abs = nodePath.resolve(path);
    let best: string | undefined;
    for (const r of this.roots) {
      if ((abs === r || abs.startsWith(r.endsWith(nodePath.sep) ? r : r + nodePath.sep)) && (!best || r.length > best.length)) best = r;
    }
    return best;
  }

  /** The settings file that applies to a file (or folder), validated; undefined for none or an unsaved buffer. */
  configFor(path: string, isDir = false): LoadedConfig | undefined {
    if (isVirtualPath(path)) return undefined;
    const found = findConfigFile(this.disk, path, isDir, this.dirCache);
    if (!found) return undefined;
    if (this.loaded.has(found)) return this.loaded.get(found) ?? undefined;
    const loaded = loadConfigFile(this.disk, found) ?? null;
    if (loaded) {
      for (const line of formatConfigProblems(loaded.path, loaded.problems)) this.opts.warn(`upkeep: ${line}; ignored.`);
      // Addresses from the workspace would be written into httpd.conf by "Enter maintenance mode".
      if (!this.trusted && loaded.config.maintenance?.allow?.length) {
        this.opts.warn(`upkeep: ${loaded.path}: maintenance.allow is ignored in Restricted Mode; trust the workspace to use it.`);
        loaded.config.maintenance = { ...loaded.config.maintenance, allow: undefined };
      }
    }
    this.loaded.set(found, loaded);
    return loaded ?? undefined;
  }

  /** Which settings apply to a file (or a folder with `isDir`). */
  scopeOf(path: string, isDir = false): Scope {
    const folder = isVirtualPath(path) ? undefined : this.folderOf(path);
    const editor = (folder !== undefined ? this.perFolder.get(folder) : undefined) ?? this.global;
    const configFile = this.configFor(path, isDir);
    return { folder, configFile, settings: configFile ? mergeFileConfig(configFile.config, editor) : editor };
  }

  /** The Project a file is linted in: the one of its settings. Unsaved buffers get the first folder's. */
  projectFor(path: string): Project {
    if (isVirtualPath(path)) return this.default;
    const dir = nodePath.dirname(nodePath.resolve(path));
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const p = this.projectOf(this.scopeOf(dir, true).settings);
    this.byDir.set(dir, p);
    return p;
  }

  /** The Project of the first workspace folder (features that concern no file in particular). */
  get default(): Project {
    const root = this.roots[0];
    if (!root) return this.projectOf(this.global);
    const hit = this.byDir.get(root);
    if (hit) return hit;
    const p = this.projectOf(this.scopeOf(root, true).settings);
    this.byDir.set(root, p);
    return p;
  }

  /** The settings file whose `ignores` leave this file out, if any. */
  ignoredBy(path: string): string | undefined {
    const c = this.configFor(path);
    if (!c?.config.ignores?.length) return undefined;
    return isIgnored(nodePath.relative(c.dir, nodePath.resolve(path)).split(nodePath.sep).join('/'), c.config.ignores) ? c.path : undefined;
  }

  /** How many Projects are in use (tests, logs). */
  get size(): number {
    return this.projects.size;
  }

  private projectOf(settings: UpkeepSettings): Project {
    const options = applySettings({ roots: [...this.roots], incremental: true }, settings);
    const key = JSON.stringify(options);
    let p = this.projects.get(key);
    if (p) return p;
    p = this.previous.get(key);
    if (p) this.previous.delete(key);
    else p = new Project(this.fs, options);
    this.projects.set(key, p);
    return p;
  }

  private rotate(): void {
    this.previous = this.projects;
    this.projects = new Map();
    this.byDir.clear();
  }
}

/**
 * The document a request is about, for the Project its handler should use: `textDocument.uri` (hover,
 * completion, code actions ...) or a command's first argument when it is a URI (the maintenance, status
 * and plug-in commands take the document first).
 */
export function documentUriOf(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const p = params as { textDocument?: { uri?: unknown }; command?: unknown; arguments?: unknown };
  if (typeof p.textDocument?.uri === 'string') return p.textDocument.uri;
  if (typeof p.command === 'string' && Array.isArray(p.arguments)) {
    const first = p.arguments[0];
    if (typeof first === 'string' && /^[a-z][a-z0-9+.-]+:/i.test(first)) return first;
  }
  return undefined;
}
