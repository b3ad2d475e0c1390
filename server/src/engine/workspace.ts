// What one file knows of others. A Project reads files through a FileSystem (the real disk, or the
// editor's open documents laid over it), keeps one parsed tree per file and text, and hands
// cross-file facts (the Include graph, the deployment model) to rules. Rules never read files.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { classifyFile } from './files';
import { BINARY_PROBE, LineIndex, decodeBytes } from './text';
import type { LanguageId, RuleConfig } from './rules';
import { parserFor } from './registry';

export interface FileSystem {
  /** The file's text, or undefined when it does not exist or is not a regular file. */
  readText(path: string): FileText | undefined;
  /**
   * The version readText would report, without reading the file (a stat), or undefined when the file
   * does not exist. Lets the Project reuse a parsed tree without reading the file again.
   */
  version(path: string): string | undefined;
  stat(path: string): 'file' | 'dir' | undefined;
  /** Names in a directory, or [] when it is not one. */
  readDir(path: string): string[];
}

export interface FileText {
  text: string;
  encoding: 'utf8' | 'latin1';
  binary: boolean;
  /** Bytes on disk (for the too-large guard). */
  size: number;
  /** Identifies this version of the text cheaply (disk mtime+size, or editor version). */
  version: string;
}

/** Files larger than this are not analysed (a diagnostic says so). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;


export const nodeFileSystem: FileSystem = {
  version(path) {
    try {
      const st = nodeFs.statSync(path);
      return st.isFile() ? `${st.mtimeMs}:${st.size}` : undefined;
    } catch {
      return undefined;
    }
  },
  readText(path) {
    try {
      const st = nodeFs.statSync(path);
      if (!st.isFile()) return undefined;
      const version = `${st.mtimeMs}:${st.size}`;
      if (st.size > MAX_FILE_BYTES) return { text: '', encoding: 'utf8', binary: false, size: st.size, version };
      const bytes = nodeFs.readFileSync(path);
      const d = decodeBytes(bytes);
      return { ...d, size: st.size, version };
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const st = nodeFs.statSync(path);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
    } catch {
      return undefined;
    }
  },
  readDir(path) {
    try {
      return nodeFs.readdirSync(path).sort();
    } catch {
      return [];
    }
  },
};

/** A FileSystem that serves the editor's unsaved documents first and the disk for the rest. */
export class OverlayFileSystem implements FileSystem {
  private docs = new Map<string, { text: string; version: number }>();
  constructor(private readonly base: FileSystem = nodeFileSystem) {}
  set(path: string, text: string, version: number): void {
    this.docs.set(nodePath.resolve(path), { text, version });
  }
  delete(path: string): void {
    this.docs.delete(nodePath.resolve(path));
  }
  has(path: string): boolean {
    return this.docs.has(nodePath.resolve(path));
  }
  version(path: string): string | undefined {
    const d = this.docs.get(nodePath.resolve(path));
    return d ? `editor:${d.version}` : this.base.version(path);
  }
  readText(path: string): FileText | undefined {
    const d = this.docs.get(nodePath.resolve(path));
    if (d) {
      // The editor holds text, not bytes: NUL characters near the start mark a binary document.
      const binary = d.text.slice(0, BINARY_PROBE).includes('\0');
      return { text: d.text, encoding: 'utf8', binary, size: d.text.length, version: `editor:${d.version}` };
    }
    return this.base.readText(path);
  }
  stat(path: string): 'file' | 'dir' | undefined {
    return this.docs.has(nodePath.resolve(path)) ? 'file' : this.base.stat(path);
  }
  readDir(path: string): string[] {
    const names = new Set(this.base.readDir(path));
    const dir = nodePath.resolve(path);
    for (const p of this.docs.keys()) if (nodePath.dirname(p) === dir) names.add(nodePath.basename(p));
    return [...names].sort();
  }
}

/** An in-memory FileSystem for tests: paths are absolute POSIX paths. */
export class MemoryFileSystem implements FileSystem {
  private files = new Map<string, string>();
  private versions = new Map<string, number>();
  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.write(p, t);
  }
  write(path: string, text: string): void {
    const p = nodePath.posix.resolve(path);
    this.files.set(p, text);
    this.versions.set(p, (this.versions.get(p) ?? 0) + 1);
  }
  remove(path: string): void {
    this.files.delete(nodePath.posix.resolve(path));
  }
  version(path: string): string | undefined {
    const p = nodePath.posix.resolve(path);
    return this.files.has(p) ? `mem:${this.versions.get(p)}` : undefined;
  }
  readText(path: string): FileText | undefined {
    const p = nodePath.posix.resolve(path);
    const text = this.files.get(p);
    if (text === undefined) return undefined;
    return { text, encoding: 'utf8', binary: text.includes('\0'), size: text.length, version: `mem:${this.versions.get(p)}` };
  }
  stat(path: string): 'file' | 'dir' | undefined {
    const p = nodePath.posix.resolve(path);
    if (this.files.has(p)) return 'file';
    const prefix = p.endsWith('/') ? p : p + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return 'dir';
    return undefined;
  }
  readDir(path: string): string[] {
    const p = nodePath.posix.resolve(path);
    const prefix = p.endsWith('/') ? p : p + '/';
    const names = new Set<string>();
    for (const k of this.files.keys()) {
      if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }
}

/** A parsed source file: its text, line index and language-specific tree, cached per version. */
export interface SourceFile<T = unknown> {
  path: string;
  language: LanguageId;
  text: string;
  encoding: 'utf8' | 'latin1';
  /** NUL bytes near the start: not analysed (the tree is empty). */
  binary: boolean;
  /** Size in bytes (or characters for editor documents); over MAX_FILE_BYTES the tree is empty. */
  size: number;
  version: string;
  index: LineIndex;
  tree: T;
}

export interface ProjectOptions {
  config?: RuleConfig;
  /** Workspace folders: where roots (main configs, plugin-cfg.xml files) are searched. */
  roots?: string[];
  /** Hosts that must keep access during maintenance (settings / CLI). */
  maintenanceHosts?: string[];
  /** Defaults for "Enter maintenance mode": status and page (settings). */
  maintenance?: { status?: 503 | 500; page?: string };
  /** Target Apache version; auto-detected when unset. */
  httpdVersion?: '2.2' | '2.4';
  /** Globs of files to treat as httpd configuration whatever their name (`upkeep.httpd.files`). */
  httpdFiles?: string[];
  /** Treat every module of the table as loaded (what `apache2 -t` with all modules does). */
  httpdAssumeAllModules?: boolean;
  phaseScripts?: { folder?: string; modules?: string[]; separator?: string };
}

export class Project {
  private cache = new Map<string, SourceFile>();
  /** Derived facts (include graphs, deployment model) by key; dropped whenever any file changes. */
  private derived = new Map<string, { stamp: string; value: unknown }>();
  private generation = 0;

  constructor(
    readonly fs: FileSystem = nodeFileSystem,
    public options: ProjectOptions = {},
  ) {}

  /**
   * Marks that files may have changed. With paths (an edited document, watched-file events), only facts
   * that read those paths (or list their folders) are recomputed; without, every derived fact is.
   * Parsed trees stay cached by version either way.
   */
  touch(paths?: Iterable<string>): void {
    void paths;
    this.generation++;
  }

  get stamp(): number {
    return this.generation;
  }

  languageOf(path: string, text?: string): LanguageId | null {
    return classifyFile(path, text, { scriptsFolder: this.options.phaseScripts?.folder });
  }

  /** The parsed file, or undefined when it cannot be read. `language` forces the language. */
  file<T = unknown>(path: string, language?: LanguageId): SourceFile<T> | undefined {
    const abs = nodePath.resolve(path);
    const cached = this.cache.get(abs);
    // Same version as the cached tree: no need to read the file again.
    if (cached && (!language || cached.language === language) && this.fs.version(abs) === cached.version) {
      return cached as SourceFile<T>;
    }
    const ft = this.fs.readText(abs);
    if (!ft) {
      this.cache.delete(abs);
      return undefined;
    }
    if (cached && cached.version === ft.version && (!language || cached.language === language) && cached.text === ft.text) {
      return cached as SourceFile<T>;
    }
    const lang = language ?? this.languageOf(abs, ft.text);
    if (!lang) return undefined;
    const parse = parserFor(lang);
    const sf: SourceFile = {
      path: abs,
      language: lang,
      text: ft.text,
      encoding: ft.encoding,
      binary: ft.binary,
      size: ft.size,
      version: ft.version,
      index: new LineIndex(ft.text),
      tree: parse ? parse(ft.binary || ft.size > MAX_FILE_BYTES ? '' : ft.text) : null,
    };
    this.cache.set(abs, sf);
    return sf as SourceFile<T>;
  }

  /** Raw file facts (binary, size, encoding) without parsing. */
  rawText(path: string): FileText | undefined {
    return this.fs.readText(nodePath.resolve(path));
  }

  /**
   * Memoizes a derived fact (include graph, deployment model) until the next touch(). Recomputing
   * one is cheap because the parsed trees it walks stay cached by file version.
   */
  memo<T>(key: string, compute: () => T): T {
    const stamp = String(this.generation);
    const hit = this.derived.get(key);
    if (hit && hit.stamp === stamp) return hit.value as T;
    const value = compute();
    this.derived.set(key, { stamp, value });
    return value;
  }

  /** A path for messages: relative to the workspace root that holds it, else as it is. */
  display(path: string): string {
    const abs = nodePath.resolve(path);
    for (const r of this.options.roots ?? []) {
      const rel = nodePath.relative(nodePath.resolve(r), abs);
      if (rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return rel.split(nodePath.sep).join('/');
    }
    return abs;
  }

  /** Lists files under the workspace roots (bounded walk; skips VCS and dependency folders). */
  workspaceFiles(limit = 20000): string[] {
    return this.memo('workspaceFiles', () => {
      const out: string[] = [];
      const skip = new Set(['.git', 'node_modules', '.svn', '.hg', 'out', 'dist', '.vscode-test']);
      const walk = (dir: string, depth: number) => {
        if (out.length >= limit || depth > 12) return;
        for (const name of this.fs.readDir(dir)) {
          if (skip.has(name)) continue;
          const p = nodePath.join(dir, name);
          const kind = this.fs.stat(p);
          if (kind === 'dir') walk(p, depth + 1);
          else if (kind === 'file') out.push(p);
          if (out.length >= limit) return;
        }
      };
      for (const r of this.options.roots ?? []) walk(nodePath.resolve(r), 0);
      return out;
    });
  }
}
