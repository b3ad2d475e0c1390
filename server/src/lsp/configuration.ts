// Where the `upkeep` settings come from and when they are known. A client that answers
// `workspace/configuration` is asked (at `initialized` and on every didChangeConfiguration); when it
// answers nothing usable, or cannot be asked, the settings sent in `initializationOptions.settings`
// (or pushed with didChangeConfiguration) are used. Lints wait for `ready()` so the first diagnostics
// already honour the user's settings. No connection: the pull is an injected function.
import { DEFAULT_SETTINGS, parseSettings, settingsSectionOf, type UpkeepSettings } from './settings';

export interface ConfigurationOptions {
  /** Asks the client for the `upkeep` section (workspace/configuration). */
  pull(): Promise<unknown>;
  /** New settings are in force (the server updates the Project and lints again). */
  apply(settings: UpkeepSettings): void;
  /**
   * Lays the editor settings over a settings file (the workspace's `.upkeep.json`): returns the merged
   * settings and adds the file's problems to `problems`. `initOptions`: the client's initialization options
   * (workspace trust).
   */
  fileLayer?(settings: UpkeepSettings, problems: string[], initOptions: Record<string, unknown>): UpkeepSettings;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** How long to wait for the client's answer, and for `initialized` (ms). */
  pullTimeoutMs?: number;
  readyTimeoutMs?: number;
}

export class Configuration {
  private settings: UpkeepSettings = DEFAULT_SETTINGS;
  private initOptions: Record<string, unknown> = {};
  private canPull = false;
  private readyPromise: Promise<void> = Promise.resolve();
  private resolveReady: () => void = () => undefined;

  constructor(private readonly opts: ConfigurationOptions) {}

  get current(): UpkeepSettings {
    return this.settings;
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
      this.use(settingsSectionOf(this.initOptions.settings), 'initializationOptions');
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
      try {
        const raw = await withTimeout(this.opts.pull(), this.opts.pullTimeoutMs ?? 5000);
        const pulled = settingsSectionOf({ upkeep: raw });
        if (pulled !== undefined) {
          this.use(pulled, 'workspace/configuration');
          return;
        }
      } catch (e) {
        this.opts.error('upkeep: reading settings failed; using the ones sent with the notification', e);
      }
    }
    const section = settingsSectionOf(pushed) ?? settingsSectionOf(this.initOptions.settings);
    this.use(section, settingsSectionOf(pushed) !== undefined ? 'didChangeConfiguration' : 'initializationOptions');
  }

  private use(raw: unknown, origin: string): void {
    const parsed = parseSettings(raw);
    const problems = parsed.problems;
    const settings = this.opts.fileLayer ? this.opts.fileLayer(parsed.settings, problems, this.initOptions) : parsed.settings;
    for (const p of problems) this.opts.warn(`upkeep: ${p} (${origin})`);
    this.settings = settings;
    this.opts.apply(settings);
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
