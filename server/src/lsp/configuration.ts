// Where the `upkeep` settings come from and when they are known. A client that answers
// `workspace/configuration` is asked (at `initialized`, on every didChangeConfiguration and when
// workspace folders change): once without a scope (window settings such as the diagnostics delay, and
// files outside every folder), and once per workspace folder with the folder's `scopeUri` (the settings
// are `resource`-scoped: each folder may hold its own). When it answers nothing usable, or cannot be
// asked, the settings sent in `initializationOptions.settings` (or pushed with didChangeConfiguration)
// apply everywhere. Lints wait for `ready()` so the first diagnostics already honour the user's
// settings. No connection: the pulls are injected functions.
import { DEFAULT_SETTINGS, parseSettings, settingsSectionOf, type UpkeepSettings } from './settings';

export interface ConfigurationOptions {
  /** Asks the client for the `upkeep` section without a scope (workspace/configuration). */
  pull(): Promise<unknown>;
  /**
   * Asks the client for the `upkeep` section of each folder (one answer per folder, in order). Absent:
   * every folder has the unscoped settings.
   */
  pullFolders?(folders: string[]): Promise<unknown[]>;
  /** The workspace folders (paths) to ask about. */
  folders?(): string[];
  /**
   * New settings are in force (the server updates its Projects and lints again): the unscoped ones and
   * those of each folder that the client answered for (others use the unscoped ones).
   */
  apply(settings: UpkeepSettings, perFolder: ReadonlyMap<string, UpkeepSettings>): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** How long to wait for the client's answer, and for `initialized` (ms). */
  pullTimeoutMs?: number;
  readyTimeoutMs?: number;
}

export class Configuration {
  private settings: UpkeepSettings = DEFAULT_SETTINGS;
  private perFolder = new Map<string, UpkeepSettings>();
  private initOptions: Record<string, unknown> = {};
  private canPull = false;
  private readyPromise: Promise<void> = Promise.resolve();
  private resolveReady: () => void = () => undefined;

  constructor(private readonly opts: ConfigurationOptions) {}

  get current(): UpkeepSettings {
    return this.settings;
  }

  /** The settings of a workspace folder (the unscoped ones when the client gave none for it). */
  forFolder(folder: string | undefined): UpkeepSettings {
    return (folder !== undefined ? this.perFolder.get(folder) : undefined) ?? this.settings;
  }

  /** The client's own initialization options (`client`, `settings`). */
  get initializationOptions(): Record<string, unknown> {
    return this.initOptions;
  }

  get pulls(): boolean {
    return this.canPull;
  }

  /** Resolves once the first settings are known. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** At `initialize`: a client that cannot be asked gets its initialization options applied at once. */
  initialize(initializationOptions: unknown, canPull: boolean): void {
    this.initOptions = isRecord(initializationOptions) ? initializationOptions : {};
    this.canPull = canPull;
    if (!canPull) {
      this.use(settingsSectionOf(this.initOptions.settings), 'initializationOptions', [], []);
      return;
    }
    this.readyPromise = new Promise(resolve => (this.resolveReady = resolve));
    // A client that never sends `initialized` must not hold diagnostics back forever.
    setTimeout(() => this.resolveReady(), this.opts.readyTimeoutMs ?? 10_000).unref?.();
  }

  /** At `initialized`: the first pull. */
  async initialized(): Promise<void> {
    try {
      if (this.canPull) await this.refresh();
    } finally {
      this.resolveReady();
    }
  }

  /** Reads the settings again (`pushed`: the didChangeConfiguration payload, if any). */
  async refresh(pushed?: unknown): Promise<void> {
    if (this.canPull) {
      const folders = this.opts.pullFolders ? this.opts.folders?.() ?? [] : [];
      const ms = this.opts.pullTimeoutMs ?? 5000;
      // Both questions at once; a folder answer that fails or is empty falls back to the unscoped one.
      const scoped = folders.length ? withTimeout(this.opts.pullFolders!(folders), ms).catch(e => {
        this.opts.error('upkeep: reading the settings of the workspace folders failed; using the window settings', e);
        return [] as unknown[];
      }) : Promise.resolve([] as unknown[]);
      try {
        const raw = await withTimeout(this.opts.pull(), ms);
        const pulled = settingsSectionOf({ upkeep: raw });
        if (pulled !== undefined) {
          const answers = await scoped;
          this.use(pulled, 'workspace/configuration', folders, answers);
          return;
        }
        // No unscoped section: the folders may still have theirs, over the initialization options.
        const answers = await scoped;
        this.use(this.fallback(pushed), this.fallbackOrigin(pushed), folders, answers);
        return;
      } catch (e) {
        await scoped;
        this.opts.error('upkeep: reading settings failed; using the ones sent with the notification', e);
      }
    }
    this.use(this.fallback(pushed), this.fallbackOrigin(pushed), [], []);
  }

  private fallback(pushed: unknown): unknown {
    return settingsSectionOf(pushed) ?? settingsSectionOf(this.initOptions.settings);
  }

  private fallbackOrigin(pushed: unknown): string {
    return settingsSectionOf(pushed) !== undefined ? 'didChangeConfiguration' : 'initializationOptions';
  }

  private use(raw: unknown, origin: string, folders: readonly string[], answers: readonly unknown[]): void {
    const parsed = parseSettings(raw);
    for (const p of parsed.problems) this.opts.warn(`upkeep: ${p} (${origin})`);
    const perFolder = new Map<string, UpkeepSettings>();
    const seen = JSON.stringify(raw ?? null);
    folders.forEach((folder, i) => {
      const section = settingsSectionOf({ upkeep: answers[i] });
      if (section === undefined) return;
      const own = parseSettings(section);
      // The folder's problems are its own only when its settings differ from the window's.
      if (JSON.stringify(section) !== seen) for (const p of own.problems) this.opts.warn(`upkeep: ${p} (workspace/configuration, folder ${folder})`);
      perFolder.set(folder, own.settings);
    });
    this.settings = parsed.settings;
    this.perFolder = perFolder;
    this.opts.apply(parsed.settings, perFolder);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      v => {
        clearTimeout(t);
        resolve(v);
      },
      e => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
