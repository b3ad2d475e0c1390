// code-server and headless Chromium for the scripts that need a real VS Code workbench:
// scripts/vscode/run.mjs (the extension tests), scripts/screenshots.mjs (README images) and, for the
// browser only, scripts/icon.mjs. Every wait is bounded; everything started here is stopped by `stop()`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { root } from './common.mjs';

export const chromiumPath = process.env.UPKEEP_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The code-server launcher: $UPKEEP_CODE_SERVER, else installed once by install-code-server.sh into
 * $UPKEEP_CACHE (default ~/.cache/upkeep). Throws with a reason when it cannot be had.
 */
export function ensureCodeServer(say = () => {}) {
  let codeServer = process.env.UPKEEP_CODE_SERVER;
  if (!codeServer) {
    say('checking the code-server install (the first time takes 1-2 minutes)');
    const r = spawnSync('bash', [path.join(root, 'scripts/vscode/install-code-server.sh')], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`installing code-server failed (exit ${r.status})`);
    codeServer = r.stdout.trim().split('\n').pop();
  }
  if (!codeServer || !existsSync(codeServer)) throw new Error(`code-server not found at ${codeServer}`);
  return codeServer;
}

/** playwright-core's chromium, or throws with what to install. */
export async function playwrightChromium() {
  if (!existsSync(chromiumPath)) throw new Error(`no browser at ${chromiumPath} (apt-get install chromium, or set UPKEEP_CHROMIUM)`);
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    throw new Error('playwright-core is not installed (a devDependency: npm ci)');
  }
}

/** Headless Chromium with its profile and caches in `browserDir` (not in $HOME). */
export async function launchChromium(browserDir) {
  const chromium = await playwrightChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // the callers' own handlers stop code-server too; Playwright's would exit before they run
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    env: { ...process.env, HOME: browserDir, XDG_CONFIG_HOME: `${browserDir}/.config`, XDG_CACHE_HOME: `${browserDir}/.cache` },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Environment for code-server: XDG folders in the scratch folder, no marketplace, plus `extra`. */
export function codeServerEnv(dirs, extra = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    // no extension marketplace: nothing to look up, and no traffic to anything but this machine
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
    ...extra,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // run from a VS Code terminal, code-server would talk to that instance
  return env;
}

/** `code-server --install-extension FILE` into the scratch extensions folder; returns the installed folder name. */
export function installVsix(codeServer, vsix, dirs, env) {
  const r = spawnSync(codeServer, ['--install-extension', path.resolve(vsix), '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData], { env, encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, output: (r.stdout ?? '') + (r.stderr ?? '') };
}

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group (setsid), logging to
 * `dirs.scratch/code-server.log`, and waits (bounded) for /healthz. Returns { base, log, stop }.
 * stop() sends SIGTERM to the whole group (extension hosts and language servers included), then SIGKILL.
 */
export async function startCodeServer(codeServer, dirs, env, { healthMs = 30_000 } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(dirs.scratch, 'code-server.log');
  const fd = openSync(log, 'a');
  const child = spawn(codeServer, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
  ], { env, detached: true, stdio: ['ignore', fd, fd] });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.pid && groupAlive(child.pid)) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch {}
      const end = Date.now() + 5_000;
      while (Date.now() < end && groupAlive(child.pid)) await new Promise(r => setTimeout(r, 100));
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }
  };
  const end = Date.now() + healthMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`code-server exited with ${child.exitCode}; see ${log}\n${tail(log)}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > end) {
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz within ${healthMs} ms; see ${log}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { base, log, stop, pid: child.pid };
}

export function tail(file, lines = 20) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/** The workbench URL for a folder, with an optional payload (extensionDevelopmentPath, extensionTestsPath ...). */
export function workbenchUrl(base, folder, payload = []) {
  const host = new URL(base).host;
  const remote = p => `vscode-remote://${host}${p}`;
  const entries = payload.map(([k, v]) => [k, /Path$/.test(k) ? remote(v) : v]);
  const q = `folder=${encodeURIComponent(folder)}` + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
  return `${base}/?${q}`;
}
