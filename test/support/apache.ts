// A real Apache httpd for tests: syntax checks of config files (`httpd -t`) and short-lived servers on
// 127.0.0.1 for behaviour tests. Everything lives in a scratch folder under os.tmpdir().
//
// Finding httpd and ordering the LoadModule lines of all its modules is done by scripts/apache/modules.mjs
// (shared with the directive table generator); this file runs it as a command, because the tests are
// compiled to CommonJS and cannot import an .mjs module synchronously.
//
// Typical use:
//   const bin = requireApache(t); if (!bin) return;      // skips locally, fails in CI, when httpd is missing
//   const r = checkConfig('/abs/site.conf');             // { ok, line, file, message, stderr }
//   const srv = await startApache('Require all granted'); // { port, baseUrl, stop(), errorLog() }
//   const res = await httpGet(`${srv.baseUrl}/`, { localAddress: '127.0.0.2' });
//   await srv.stop();
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------------------
// Locating things

export { repoRoot } from './repo';
import { repoRoot } from './repo';

const modulesScript = (): string => path.join(repoRoot(), 'scripts', 'apache', 'modules.mjs');

function runModulesScript(arg: string): string {
  const r = spawnSync(process.execPath, [modulesScript(), arg], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`scripts/apache/modules.mjs ${arg} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

let whichCache: { bin: string | null; modulesDir: string | null } | undefined;
/**
 * Path of the httpd binary (`apache2` on Debian, `httpd` elsewhere; $UPKEEP_APACHE_BIN overrides),
 * or null when none is installed.
 */
export function apacheBinary(): string | null {
  whichCache ??= JSON.parse(runModulesScript('--which')) as { bin: string | null; modulesDir: string | null };
  return whichCache.bin && whichCache.modulesDir ? whichCache.bin : null;
}

/** Whether we run in CI, where a missing httpd is a broken set-up rather than a reason to skip. */
export const inCI = (): boolean => process.env.CI === 'true';

/**
 * For the start of a test that needs httpd: returns its path, or skips the test (locally) or throws (in CI,
 * where the workflow installs apache2) when it is missing. Use: `const bin = requireApache(t); if (!bin) return;`
 */
export function requireApache(t: { skip(message?: string): void }): string | null {
  const bin = apacheBinary();
  if (bin) return bin;
  if (inCI()) throw new Error('apache2 is not installed, but CI must run the real-Apache tests (apt-get install apache2)');
  t.skip('apache2 not installed: apt-get install apache2');
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Results

export interface CheckResult {
  /** httpd accepted the configuration (`Syntax OK`, exit status 0). */
  ok: boolean;
  /** httpd's exit status. */
  status: number;
  /** Line of the first error, when httpd names one. */
  line?: number;
  /** File of the first error, as httpd prints it (absolute). */
  file?: string;
  /** The first error's message, without the `AH00526: Syntax error on line N of FILE:` header. */
  message?: string;
  stderr: string;
}

/** Reads the first error out of httpd's stderr. httpd stops at the first syntax error, so there is one. */
export function parseApacheError(stderr: string, status: number): Omit<CheckResult, 'stderr' | 'status' | 'ok'> {
  const lines = stderr.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Errors in files read through -f / -c:   AH00526: Syntax error on line 3 of /x/y.conf:\n<message>
    const two = /^AH00526: Syntax error on line (\d+) of (.+):$/.exec(lines[i]);
    if (two) return { line: Number(two[1]), file: two[2], message: (lines[i + 1] ?? '').trim() };
    // Errors in files read through -C:  apache2: Syntax error in -C/-c directive: Syntax error on line 3 of F: msg
    const one = /Syntax error on line (\d+) of (.+?): (.*)$/.exec(lines[i]);
    if (one) return { line: Number(one[1]), file: one[2], message: one[3].trim() };
  }
  if (status === 0) return {};
  const quiet = /^\[[^\]]*\] \[[^:\]]*:(notice|info|debug|warn)\]|^AH00112|^AH00558|WARNING:|^Syntax OK$/;
  const first = lines.find(l => l.trim() && !quiet.test(l));
  return first ? { message: first.trim() } : {};
}

export interface CheckOptions {
  /** Load every module httpd has (default), or only the MPM and the built-in modules. */
  allModules?: boolean;
  /** Config text read after the base config and before the file under test (e.g. `Define X`). */
  extraDirectives?: string;
}

export interface StartOptions {
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** 'all' (default): every module; 'minimal': the MPM plus authz_core, dir and mime; or identifiers to add
   *  to the MPM, e.g. ['authz_core_module', 'rewrite_module']. */
  modules?: 'all' | 'minimal' | string[];
  /** DocumentRoot; default: an empty `htdocs` folder of this server's scratch folder. */
  documentRoot?: string;
  /** How long to wait for the port to answer (default 10 s). */
  timeoutMs?: number;
}

export interface RunningApache {
  port: number;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  baseUrl: string;
  /** This server's scratch folder (config, logs, run files). */
  dir: string;
  documentRoot: string;
  /** The generated config httpd was started with. */
  configFile: string;
  pid: number;
  /** Sends SIGTERM and waits for httpd to exit (SIGKILL to its process group after 5 s). */
  stop(): Promise<void>;
  /** Current content of the server's error log. */
  errorLog(): string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// ---------------------------------------------------------------------------------------------------------
// The scratch folder

interface Prepared {
  bin: string;
  base: string;
  loadFile: string;
  mpmFile: string;
  entries: { id: string; so: string; path: string }[];
}

const quote = (p: string): string => `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Users httpd's children may switch to when the tests run as root (httpd refuses to serve as root). */
const UNPRIVILEGED_USERS = ['www-data', 'apache', 'daemon', 'nobody'];

function unprivilegedUser(): { name: string; gid: number } | null {
  let passwd = '';
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return null;
  }
  for (const name of UNPRIVILEGED_USERS) {
    const row = passwd.split('\n').find(l => l.startsWith(`${name}:`));
    if (row) return { name, gid: Number(row.split(':')[3]) };
  }
  return null;
}

/**
 * A scratch folder with a base config and the all-modules load file, for one test process. The load file is
 * built on first use and reused. `cleanup()` stops servers still running and deletes the folder.
 */
export class ApacheScratch {
  readonly dir: string;
  private prepared: Prepared | undefined;
  private counter = 0;
  private readonly running = new Set<RunningApache>();

  constructor(prefix = 'upkeep-apache-') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    // httpd's children run as an unprivileged user when we are root: they must be able to reach the files.
    fs.chmodSync(this.dir, 0o755);
  }

  private prepare(): Prepared {
    if (!this.prepared) {
      if (!apacheBinary()) throw new Error('apache2 not installed: apt-get install apache2');
      const p = JSON.parse(runModulesScript(this.dir)) as Prepared;
      this.prepared = p;
    }
    return this.prepared;
  }

  get bin(): string {
    return this.prepare().bin;
  }
  /** Absolute path of the base config (ServerRoot, DefaultRuntimeDir, PidFile, ErrorLog in the scratch). */
  get baseConfig(): string {
    return this.prepare().base;
  }
  /** Absolute path of the file with one LoadModule line per module, in an order in which all load. */
  get allModulesLoad(): string {
    return this.prepare().loadFile;
  }
  /** Absolute path of a load file with the MPM only. */
  get mpmLoad(): string {
    return this.prepare().mpmFile;
  }
  /** The modules of the all-modules file, in load order. */
  get modules(): readonly { id: string; so: string; path: string }[] {
    return this.prepare().entries;
  }

  /** A load file with the MPM and the given module identifiers (kept in the all-modules order). */
  loadFileFor(ids: readonly string[]): string {
    const entries = this.modules;
    const unknown = ids.filter(id => !entries.some(e => e.id === id));
    if (unknown.length) throw new Error(`unknown module identifier(s): ${unknown.join(', ')}`);
    const chosen = entries.filter(e => e.so.startsWith('mod_mpm_') || ids.includes(e.id));
    const key = chosen.map(e => e.id).join('+');
    const file = path.join(this.dir, `load-${Buffer.from(key).toString('base64url').slice(0, 40)}-${chosen.length}.load`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, chosen.map(e => `LoadModule ${e.id} ${quote(e.path)}\n`).join(''));
    return file;
  }

  /** Writes a file (folders created as needed) under the scratch folder; returns its absolute path. */
  write(relPath: string, text: string): string {
    const file = path.resolve(this.dir, relPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  /**
   * `httpd -t` on one file: `httpd -t -T -f BASE -C 'Include MODULES' -c 'Include FILE'`. `-T` skips the
   * DocumentRoot existence check (without it a missing DocumentRoot at top level is a syntax error).
   */
  checkConfig(absPath: string, opts: CheckOptions = {}): CheckResult {
    if (!path.isAbsolute(absPath)) throw new Error(`checkConfig needs an absolute path, got ${absPath}`);
    const p = this.prepare();
    const args = ['-t', '-T', '-f', p.base, '-C', `Include ${quote(opts.allModules === false ? p.mpmFile : p.loadFile)}`];
    if (opts.extraDirectives) {
      const extra = this.write(`check/extra-${++this.counter}.conf`, opts.extraDirectives + '\n');
      args.push('-c', `Include ${quote(extra)}`);
    }
    args.push('-c', `Include ${quote(absPath)}`);
    const r = spawnSync(p.bin, args, { encoding: 'utf8', timeout: 30_000 });
    if (r.error) throw r.error;
    const status = r.status ?? -1;
    const stderr = r.stderr ?? '';
    return { ok: status === 0, status, stderr, ...parseApacheError(stderr, status) };
  }

  /** checkConfig on text: writes it to a file in the scratch folder first. */
  checkText(text: string, opts: CheckOptions = {}): CheckResult & { path: string } {
    const file = this.write(`check/text-${++this.counter}.conf`, text);
    return { ...this.checkConfig(file, opts), path: file };
  }

  /**
   * Starts `httpd -f SERVE.conf -DFOREGROUND` listening on 127.0.0.1 only. `conf` is config text, or the
   * absolute path of an existing config file; it is included after the generated server settings, so it may
   * override DocumentRoot and add sections. Resolves once the port accepts connections.
   */
  async startApache(conf: string, opts: StartOptions = {}): Promise<RunningApache> {
    // A port picked by freePort() can be taken by someone else before httpd binds it: pick again, twice.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce(conf, opts, opts.port ?? (await freePort()));
      } catch (e) {
        const busy = e instanceof Error && /Address already in use/.test(e.message);
        if (!busy || opts.port !== undefined || attempt >= 3) throw e;
      }
    }
  }

  private async startOnce(conf: string, opts: StartOptions, port: number): Promise<RunningApache> {
    const p = this.prepare();
    const dir = path.join(this.dir, `serve-${++this.counter}`);
    fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
    const documentRoot = opts.documentRoot ?? path.join(dir, 'htdocs');
    fs.mkdirSync(documentRoot, { recursive: true });
    const isFile = path.isAbsolute(conf) && !conf.includes('\n') && fs.existsSync(conf);
    const siteFile = isFile ? conf : path.join(dir, 'site.conf');
    if (!isFile) fs.writeFileSync(siteFile, conf + '\n');

    const modules = opts.modules ?? 'all';
    const loadFile =
      modules === 'all'
        ? p.loadFile
        : this.loadFileFor(modules === 'minimal' ? ['authz_core_module', 'dir_module', 'mime_module'] : modules);
    const user = typeof process.getuid === 'function' && process.getuid() === 0 ? unprivilegedUser() : null;
    const configFile = path.join(dir, 'serve.conf');
    const pidFile = path.join(dir, 'run', 'httpd.pid');
    fs.writeFileSync(
      configFile,
      [
        `ServerRoot ${quote(dir)}`,
        `DefaultRuntimeDir ${quote(path.join(dir, 'run'))}`,
        `PidFile ${quote(pidFile)}`,
        `ErrorLog ${quote(path.join(dir, 'error.log'))}`,
        'ServerName 127.0.0.1',
        `Include ${quote(loadFile)}`,
        // mod_mime reads mime.types relative to ServerRoot by default; point it at the system's copy or at an
        // empty file so loading mod_mime never stops the server.
        '<IfModule mod_mime.c>',
        `  TypesConfig ${quote(fs.existsSync('/etc/mime.types') ? '/etc/mime.types' : this.write(`serve-${this.counter}/mime.types`, ''))}`,
        '</IfModule>',
        ...(user ? [`User ${user.name}`, `Group "#${user.gid}"`] : []),
        `Listen 127.0.0.1:${port}`,
        `DocumentRoot ${quote(documentRoot)}`,
        `Include ${quote(siteFile)}`,
        '',
      ].join('\n'),
    );

    // httpd's own output goes to a file, not a pipe, so a server left running never holds the test
    // process open; the exit handler below stops it in that case.
    const outFile = path.join(dir, 'stderr.txt');
    const out = fs.openSync(outFile, 'w');
    const child = spawn(p.bin, ['-f', configFile, '-DFOREGROUND'], { stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    child.unref();
    let exited = null as { code: number | null; signal: NodeJS.Signals | null } | null;
    const exitPromise = new Promise<void>(resolve =>
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        resolve();
      }),
    );
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${p.bin}`);
    liveServers.add(pid);

    const readLog = (): string => {
      try {
        return fs.readFileSync(path.join(dir, 'error.log'), 'utf8');
      } catch {
        return '';
      }
    };
    const stop = async (): Promise<void> => {
      if (!exited) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5_000);
        await exitPromise;
        clearTimeout(timer);
      }
      liveServers.delete(pid);
      this.running.delete(server);
    };
    const server: RunningApache = {
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      dir,
      documentRoot,
      configFile,
      pid,
      stop,
      errorLog: readLog,
    };
    this.running.add(server);

    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      if (exited) {
        liveServers.delete(pid);
        this.running.delete(server);
        const why = fs.readFileSync(outFile, 'utf8').trim() || readLog().trim();
        throw new Error(`httpd exited (${JSON.stringify(exited)}) before answering on port ${port}:\n${why}`);
      }
      // Ready when httpd has written its pid file (after binding its listeners) and the port answers; the
      // pid file also tells it apart from another program that may already listen on the port.
      if (fs.existsSync(pidFile) && (await canConnect(port)) && !exited) return server;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`httpd did not answer on 127.0.0.1:${port} within ${opts.timeoutMs ?? 10_000} ms:\n${readLog()}`);
      }
      await new Promise(r => setTimeout(r, 15));
    }
  }

  /** Stops the servers this scratch started that are still running, then deletes the folder. */
  async cleanup(): Promise<void> {
    await Promise.all([...this.running].map(s => s.stop()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Per-process defaults and emergency clean-up

/** Process ids of httpd parents started here and not yet stopped. */
const liveServers = new Set<number>();
let scratch: ApacheScratch | undefined;

process.once('exit', () => {
  // Last resort for servers a test forgot to stop: kill their whole process group (we made it detached).
  for (const pid of liveServers) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  if (scratch && !process.env.UPKEEP_KEEP_APACHE_SCRATCH) fs.rmSync(scratch.dir, { recursive: true, force: true });
});

/** The scratch folder shared by the helpers below, created on first use and removed when the process exits. */
export function defaultScratch(): ApacheScratch {
  scratch ??= new ApacheScratch();
  return scratch;
}

/** `httpd -t` on an absolute path, with all modules loaded unless `allModules: false`. */
export function checkConfig(absPath: string, opts?: CheckOptions): CheckResult {
  return defaultScratch().checkConfig(absPath, opts);
}

/** Starts a real httpd on 127.0.0.1 with `conf` (text, or absolute path of a file) included. */
export function startApache(conf: string, opts?: StartOptions): Promise<RunningApache> {
  return defaultScratch().startApache(conf, opts);
}

// ---------------------------------------------------------------------------------------------------------
// Network helpers

/** A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export interface HttpGetOptions {
  /** Source address of the request, e.g. '127.0.0.2' to come from outside an allowlist (all of 127/8 is on lo). */
  localAddress?: string;
  headers?: http.OutgoingHttpHeaders;
  method?: string;
  /** Whole-request time limit (default 5 s). */
  timeoutMs?: number;
}

/** One HTTP request without keep-alive; the body is read as UTF-8. Rejects on timeout. */
export function httpGet(url: string, opts: HttpGetOptions = {}): Promise<HttpResponse> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.localAddress, agent: false },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`${url}: no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', err => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}
