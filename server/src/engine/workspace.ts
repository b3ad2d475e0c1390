// What one file knows of others. A Project reads files through a FileSystem (the real disk, or the
// editor's open documents laid over it), keeps one parsed tree per file and text, and hands
// cross-file facts (the Include graph, the deployment model) to rules. Rules never read files.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { classifyFile } from './files';
import { BINARY_PROBE, LineIndex, decodeBytes } from './text';
import type { LanguageId, RuleConfig } from './rules';
import { parserFor, reparserFor } from './registry';

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
  /**
   * An editor document over EDITOR_MAX_BYTES (and not over MAX_FILE_BYTES): its text is withheld (empty)
   * so that the language server stays responsive; the command line still analyses the file.
   */
  withheld?: boolean;
}

/** Files larger than this are not analysed (a diagnostic says so). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Editor documents larger than this are not checked as you type (file/editor-size-limit says so). */
export const EDITOR_MAX_BYTES = 5 * 1024 * 1024;


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

/**
 * A text read when first needed: an editor document whose changes are kept as pieces (lsp/text-document.ts)
 * is joined when something reads this version of it, not at every keystroke. `length` is known without
 * reading; `read()` must give the text of the version it was handed over with.
 */
export interface DeferredText {
  readonly length: number;
  read(): string;
}

/** A FileSystem that serves the editor's unsaved documents first and the disk for the rest. */
export class OverlayFileSystem implements FileSystem {
  private docs = new Map<string, { text: string | DeferredText; version: number; read?: FileText }>();
  constructor(private readonly base: FileSystem = nodeFileSystem) {}
  set(path: string, text: string | DeferredText, version: number): void {
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
      // The editor holds text, not bytes: NUL characters near the start mark a binary document. Worked out
      // once per version (every fact that reads the document asks again).
      if (!d.read) {
        const text = typeof d.text === 'string' ? d.text : d.text.read();
        d.text = text;
        // Only the start is probed: a scan of the whole text would cost a pass over it per keystroke.
        const binary = text.substring(0, BINARY_PROBE).includes('\0');
        d.read = { text, encoding: 'utf8', binary, size: text.length, version: `editor:${d.version}` };
      }
      return d.read;
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

/**
 * `path.resolve(p)`, skipping the work for a path that is already absolute and normal (POSIX, no `.` or `..`
 * segment, no doubled or trailing slash): the configuration model asks for every file of a configuration
 * at every lint, always by such a path.
 */
export function resolvedPath(p: string): string {
  if (nodePath.sep === '/' && p.length > 1 && p.charCodeAt(0) === 47 && p.charCodeAt(p.length - 1) !== 47 && !p.includes('//') && !p.includes('/.')) return p;
  return nodePath.resolve(p);
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
  /** An editor document over EDITOR_MAX_BYTES: its text (empty here) was withheld from the engine. */
  withheld?: boolean;
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
  /**
   * Keep per-section results of large files between lints (the language server, where the same file is
   * linted after every edit). A one-shot run (the CLI) has nothing to reuse and skips the bookkeeping.
   */
  incremental?: boolean;
  /** Treat every module of the table as loaded (what `apache2 -t` with all modules does). */
  httpdAssumeAllModules?: boolean;
  phaseScripts?: { folder?: string; modules?: string[]; separator?: string };
}

/** A memoized derived fact with what it read: file-system answers and other memoized facts. */
interface MemoEntry {
  value: unknown;
  /** The project's global revision when computed (touch() without paths bumps it). */
  global: number;
  /**
   * Dependency keys and the revision each had when read: `c:` content, `s:` existence, `d:` listing (each
   * followed by an absolute path), `m:` another memo (by key; its revision is its `changedAt`).
   */
  deps: Map<string, number>;
  /** Bumped each time the value is recomputed: what facts that read this one compare against. */
  changedAt: number;
  /** The touch tick at which this entry was last found valid (validation is then free until the next touch). */
  verifiedAt: number;
}

/**
 * The Project's view of its FileSystem: every stat, listing and version is looked up once and kept until
 * touch() says the path changed, and every read is recorded as a dependency of the derived fact (memo)
 * being computed, so that a change invalidates exactly the facts that read it.
 */
class TrackedFileSystem implements FileSystem {
  readonly statCache = new Map<string, 'file' | 'dir' | undefined>();
  readonly dirCache = new Map<string, string[]>();
  readonly versionCache = new Map<string, string | undefined>();
  constructor(
    readonly base: FileSystem,
    private readonly record: (key: string) => void,
  ) {}
  version(path: string): string | undefined {
    this.record('c:' + path);
    if (this.versionCache.has(path)) return this.versionCache.get(path);
    const v = this.base.version(path);
    this.versionCache.set(path, v);
    return v;
  }
  readText(path: string): FileText | undefined {
    this.record('c:' + path);
    const ft = this.base.readText(path);
    this.versionCache.set(path, ft?.version);
    return ft;
  }
  stat(path: string): 'file' | 'dir' | undefined {
    this.record('s:' + path);
    if (this.statCache.has(path)) return this.statCache.get(path);
    const k = this.base.stat(path);
    this.statCache.set(path, k);
    return k;
  }
  readDir(path: string): string[] {
    this.record('d:' + path);
    const hit = this.dirCache.get(path);
    if (hit) return hit;
    const names = this.base.readDir(path);
    this.dirCache.set(path, names);
    return names;
  }
  clear(): void {
    this.statCache.clear();
    this.dirCache.clear();
    this.versionCache.clear();
  }
}

export class Project {
  private cache = new Map<string, SourceFile>();
  private derived = new Map<string, MemoEntry>();
  /** Revision of each dependency key; absent = 0. */
  private revs = new Map<string, number>();
  /** Dependencies being recorded, one frame per memo under computation. */
  private frames: Map<string, number>[] = [];
  private global = 0;
  private generation = 0;
  private memoRevision = 0;
  /** The FileSystem as rules see it: cached and dependency-recording (see TrackedFileSystem). */
  readonly fs: FileSystem;
  private readonly tracked: TrackedFileSystem;

  constructor(
    fs: FileSystem = nodeFileSystem,
    public options: ProjectOptions = {},
  ) {
    this.tracked = new TrackedFileSystem(fs, key => this.record(key));
    this.fs = this.tracked;
  }

  /** The FileSystem given to the constructor (uncached). */
  get baseFs(): FileSystem {
    return this.tracked.base;
  }

  private record(key: string, rev?: number): void {
    const top = this.frames[this.frames.length - 1];
    if (top && !top.has(key)) top.set(key, rev ?? this.revs.get(key) ?? 0);
  }

  private bump(key: string): void {
    this.revs.set(key, (this.revs.get(key) ?? 0) + 1);
    if (key.charCodeAt(0) !== 99 /* c */) this.existenceEpoch++;
  }

  private existenceEpoch = 0;

  /**
   * Changes whenever a file or folder may have appeared or gone (and on touch() without paths): facts
   * kept outside memos (per-section findings) compare it to know that stat answers may differ.
   */
  get fsEpoch(): string {
    return `${this.global}.${this.existenceEpoch}`;
  }

  /**
   * Marks that files may have changed. With paths (an edited document, watched-file events), only facts
   * that read those paths (or listed their folders, when a file appeared or disappeared) are recomputed;
   * without, every derived fact and every cached file-system answer is dropped. Parsed trees stay cached by
   * version either way.
   */
  touch(paths?: Iterable<string>): void {
    this.generation++;
    if (!paths) {
      this.global++;
      this.tracked.clear();
      return;
    }
    const t = this.tracked;
    for (const p of paths) {
      const abs = nodePath.resolve(p);
      this.bump('c:' + abs);
      t.versionCache.delete(abs);
      const parent = nodePath.dirname(abs);
      const before = t.statCache.has(abs) ? t.statCache.get(abs) : undefined;
      const knownBefore = t.statCache.has(abs);
      const listed = t.dirCache.get(parent)?.includes(nodePath.basename(abs));
      const now = t.base.stat(abs);
      t.statCache.set(abs, now);
      // Existence changed: whoever stat'ed the path or listed its folder must look again. (A folder that is
      // not cached was listed by no valid fact, so there is nothing to invalidate.)
      if (knownBefore && before !== now) this.bump('s:' + abs);
      if (listed !== undefined && listed !== (now !== undefined)) {
        this.bump('d:' + parent);
        t.dirCache.delete(parent);
      }
      if (before === 'dir' || now === 'dir') {
        // A folder appeared or went: drop what is cached below it.
        const prefix = abs + nodePath.sep;
        for (const k of [...t.statCache.keys()]) if (k.startsWith(prefix)) { t.statCache.delete(k); this.bump('s:' + k); }
        for (const k of [...t.dirCache.keys()]) if (k === abs || k.startsWith(prefix)) { t.dirCache.delete(k); this.bump('d:' + k); }
      }
    }
  }

  private latest = 0;

  /**
   * Runs `fn` answering every memo that was computed before from its last value, even when an edit has
   * made it stale: the parse trees are current, the derived facts (the assembled configuration, the
   * deployment) are those of the last lint. For editor requests that must answer within a keystroke
   * (completion, hover): they never wait for a model rebuild, and the next lint brings the facts up to
   * date. Memos never computed are computed as usual. Nothing computed inside is recorded as stale.
   */
  readLatest<T>(fn: () => T): T {
    this.latest++;
    try {
      return fn();
    } finally {
      this.latest--;
    }
  }

  /** Changes whenever touch() is called (for callers that cache by project state). */
  get stamp(): number {
    return this.generation;
  }

  languageOf(path: string, text?: string): LanguageId | null {
    return classifyFile(path, text, { scriptsFolder: this.options.phaseScripts?.folder });
  }

  /** The parsed file, or undefined when it cannot be read. `language` forces the language. */
  file<T = unknown>(path: string, language?: LanguageId): SourceFile<T> | undefined {
    const abs = resolvedPath(path);
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
    const readable = !(ft.binary || ft.size > MAX_FILE_BYTES);
    // An edited file (the editor's next version): the language may reparse only what the edit touched.
    const reparse = this.options.incremental && cached && cached.language === lang && cached.tree && readable && !cached.binary && cached.size <= MAX_FILE_BYTES ? reparserFor(lang) : undefined;
    const sf: SourceFile = {
      path: abs,
      language: lang,
      text: ft.text,
      encoding: ft.encoding,
      binary: ft.binary,
      size: ft.size,
      version: ft.version,
      index: new LineIndex(ft.text),
      tree: reparse ? reparse(cached!.tree, ft.text) : parse ? parse(readable ? ft.text : '') : null,
    };
    if (ft.withheld) sf.withheld = true;
    this.cache.set(abs, sf);
    return sf as SourceFile<T>;
  }

  /** Raw file facts (binary, size, encoding) without parsing. */
  rawText(path: string): FileText | undefined {
    return this.fs.readText(nodePath.resolve(path));
  }

  /**
   * Memoizes a derived fact (include graph, deployment model, a file's findings) until a path it read
   * changes (touch). Reads through `project.fs` and `project.file` inside `compute` are recorded as its
   * dependencies; a memo used inside another passes its dependencies on. Recomputing one is cheap because
   * the parsed trees it walks stay cached by file version.
   */
  memo<T>(key: string, compute: () => T): T {
    const hit = this.derived.get(key);
    if (hit && this.latest > 0 && this.frames.length === 0) return hit.value as T;
    if (hit && this.valid(hit)) {
      this.record('m:' + key, hit.changedAt);
      return hit.value as T;
    }
    const frame = new Map<string, number>();
    this.frames.push(frame);
    let value: T;
    try {
      value = compute();
    } finally {
      this.frames.pop();
    }
    const entry: MemoEntry = { value, global: this.global, deps: frame, changedAt: ++this.memoRevision, verifiedAt: this.generation };
    this.derived.set(key, entry);
    this.record('m:' + key, entry.changedAt);
    return value;
  }

  /**
   * Is a memo still valid? Checked once per touch: every file-system dependency must have its recorded
   * revision, every memo it read must itself be valid and unchanged. A fact that read a big fact (the
   * configuration model of 1,000 files) depends on it by one key, not on its 1,000 files.
   */
  private valid(e: MemoEntry): boolean {
    if (e.global !== this.global) return false;
    if (e.verifiedAt === this.generation) return true;
    for (const [k, rev] of e.deps) {
      if (k.charCodeAt(0) === 109 /* m */) {
        const sub = this.derived.get(k.slice(2));
        if (!sub || sub.changedAt !== rev || !this.valid(sub)) return false;
      } else if ((this.revs.get(k) ?? 0) !== rev) return false;
    }
    e.verifiedAt = this.generation;
    return true;
  }

  /**
   * A path for messages (see displayUncached), kept per set of roots: a message per virtual host names its
   * DocumentRoot, the same few paths over and over.
   */
  display(path: string): string {
    const roots = this.options.roots ?? [];
    if (this.displayRoots !== roots) {
      this.displayRoots = roots;
      this.displayCache.clear();
    }
    let shown = this.displayCache.get(path);
    if (shown === undefined) {
      shown = this.displayUncached(path);
      if (this.displayCache.size > 10_000) this.displayCache.clear();
      this.displayCache.set(path, shown);
    }
    return shown;
  }
  private displayRoots: readonly string[] | null = null;
  private readonly displayCache = new Map<string, string>();

  /** A path for messages: relative to the workspace root that holds it, else as it is. */
  protected displayUncached(path: string): string {
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
