// The language server as a real client drives it: dist/server.js over stdio, JSON-RPC through vscode-jsonrpc
// (the library VS Code's own client uses), a workspace folder, didOpen, incremental didChange one character at
// a time, completion and hover right after a keystroke. Server CPU comes from /proc/PID/stat (utime + stime,
// plus cutime + cstime for any child it reaped), memory from /proc/PID/status (VmRSS, VmHWM).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** CPU seconds the process has used so far (itself and its reaped children). */
export function procCpu(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state); utime is field 14 -> f[11], stime f[12], cutime f[13], cstime f[14].
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
}

/** { rssMB, hwmMB } from /proc/PID/status. */
export function procMem(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = key => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

const sleep = ms => new Promise(r => setTimeout(r, ms));
/** How long to wait for a publishDiagnostics (BENCH_LSP_WAIT_S, default 60 s) before counting it as never sent. */
const WAIT_MS = Number(process.env.BENCH_LSP_WAIT_S ?? 60) * 1000;
const now = () => performance.now();

/** A small deterministic random generator (mulberry32) for the typing pace. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts the server and initializes it with `folder` as the workspace folder. `settings` is the `upkeep`
 * section, sent both in initializationOptions.settings and as the answer to workspace/configuration.
 */
export async function startClient({ root, folder, settings }) {
  const require = createRequire(path.join(root, 'package.json'));
  const rpc = require('vscode-jsonrpc/node');
  // The Node flags the VS Code extension starts the server with (package.json "upkeep.serverNodeFlags").
  const flags = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).upkeep?.serverNodeFlags ?? [];
  // BENCH_SERVER_NODE_FLAGS adds flags for a profiling run (e.g. --cpu-prof --cpu-prof-dir=DIR).
  flags.push(...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean));
  const child = spawn(process.execPath, [...flags, path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', d => (stderr += d));
  let dead = false;
  const exited = new Promise(resolve =>
    child.on('exit', code => {
      dead = true;
      for (const w of waiters) w.giveUp();
      waiters = [];
      resolve(code);
    }),
  );
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  /** uri -> [{ version, at, count }] */
  const published = new Map();
  let waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', p => {
    const at = now();
    const list = published.get(p.uri) ?? [];
    list.push({ version: p.version, at, count: p.diagnostics.length });
    published.set(p.uri, list);
    waiters = waiters.filter(w => !w.check());
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('window/showMessage', () => undefined);
  conn.onNotification('$/logTrace', () => undefined);
  conn.onRequest('workspace/configuration', p => p.items.map(i => (i.section === 'upkeep' ? settings ?? {} : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/applyEdit', () => ({ applied: false }));
  conn.listen();

  const folderUri = pathToFileURL(folder).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'upkeep-bench' },
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
    initializationOptions: settings ? { settings: { upkeep: settings } } : {},
    capabilities: {
      workspace: { workspaceFolders: true, configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        // As VS Code's client asks: documentation and detail come with completionItem/resolve.
        completion: {
          contextSupport: true,
          completionItem: {
            snippetSupport: true,
            commitCharactersSupport: true,
            documentationFormat: ['markdown', 'plaintext'],
            deprecatedSupport: true,
            preselectSupport: true,
            insertReplaceSupport: true,
            labelDetailsSupport: true,
            resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
          },
          completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } } },
      },
    },
  });
  conn.sendNotification('initialized', {});

  /** Resolves with the first publishDiagnostics for `uri` with version >= `version` (when the server sends no
   *  version: the first one received after `since`), or null after `timeoutMs`. */
  function diagnosticsFor(uri, version, since, timeoutMs = WAIT_MS) {
    const match = () => (published.get(uri) ?? []).find(d => (d.version === undefined || d.version === null ? d.at >= since : d.version >= version));
    return new Promise(resolve => {
      const hit = match();
      if (hit) return resolve(hit);
      if (dead) return resolve(null);
      const timer = setTimeout(() => {
        waiters = waiters.filter(w => w !== waiter);
        resolve(null);
      }, timeoutMs);
      const waiter = {
        giveUp: () => {
          clearTimeout(timer);
          resolve(null);
        },
        check: () => {
          const h = match();
          if (!h) return false;
          clearTimeout(timer);
          resolve(h);
          return true;
        },
      };
      waiters.push(waiter);
    });
  }

  return {
    pid: child.pid,
    isDead: () => dead,
    conn,
    /** A request that gives up (throws) after the wait limit instead of hanging the bench. */
    request: (method, params) =>
      Promise.race([
        conn.sendRequest(method, params),
        sleep(WAIT_MS).then(() => {
          throw new Error(`${method}: no answer within ${WAIT_MS / 1000} s`);
        }),
      ]),
    published,
    diagnosticsFor,
    stderr: () => stderr,
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), sleep(5000)]);
        conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      const code = await Promise.race([exited, sleep(3000).then(() => 'timeout')]);
      if (code === 'timeout') child.kill('SIGKILL');
      conn.dispose();
    },
  };
}

/**
 * One server session on one document: open, first diagnostics, then the typing sessions. Returns the raw
 * samples; the caller takes medians and percentiles over rounds.
 *   paced: `words` words of `wordLen` keystrokes, 30-60 ms apart; after each word, wait for the diagnostics
 *          of its last version (one latency sample per word), then a short pause.
 *   burst: `burst` keystrokes sent back to back; one latency sample (last change -> its diagnostics).
 *   interactive: `interactive` keystrokes 30-60 ms apart, each followed at once by a completion or a hover
 *          request (alternately) in the same vhost; the response time of each is a sample.
 * CPU per keystroke is the server's CPU over a typing session (diagnostics of its last version included)
 * divided by its keystrokes.
 */
export async function lspSession({ root, folder, file, text, positions, settings, seed, words = 5, wordLen = 10, burst = 50, interactive = 20 }) {
  const random = rng(seed);
  const pace = () => 30 + Math.floor(random() * 31);
  const uri = pathToFileURL(file).href;
  const t0 = now();
  const client = await startClient({ root, folder, settings });
  const initMs = now() - t0;
  const out = { initMs, openToDiagnosticsMs: NaN, paced: null, burst: null, interactive: null, mem: null, notes: [] };
  try {
    let version = 1;
    const tOpen = now();
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version, text } });
    const first = await client.diagnosticsFor(uri, 1, tOpen);
    if (!first) {
      out.notes.push('no publishDiagnostics after didOpen within the timeout');
      return out;
    }
    out.openToDiagnosticsMs = first.at - tOpen;
    out.memAfterOpen = procMem(client.pid);
    const pos = { ...positions.serverName };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let typed = 0;
    let lastAt = 0;
    const keystroke = () => {
      const ch = letters[typed++ % letters.length];
      version++;
      client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { ...pos }, end: { ...pos } }, rangeLength: 0, text: ch }],
      });
      pos.character++;
      lastAt = now();
      return { version, at: lastAt };
    };
    const settle = () => sleep(150);

    // paced words
    {
      const typed0 = typed;
      const cpu0 = procCpu(client.pid);
      const latencies = [];
      let missing = 0;
      for (let w = 0; w < words; w++) {
        let last;
        for (let k = 0; k < wordLen; k++) {
          last = keystroke();
          if (k < wordLen - 1) await sleep(pace());
        }
        const d = await client.diagnosticsFor(uri, last.version, last.at);
        if (d) latencies.push(d.at - last.at);
        else {
          // Either the server is stuck or it does not republish unchanged diagnostics: stop typing words.
          missing++;
          out.notes.push(`no publishDiagnostics for version ${last.version} within ${WAIT_MS / 1000} s${client.isDead() ? ' (the server exited)' : ''}`);
          break;
        }
        await settle();
      }
      const cpu = procCpu(client.pid) - cpu0;
      const keys = typed - typed0;
      out.paced = { keystrokes: keys, cpuPerKeystrokeMs: (cpu * 1000) / keys, latencies, missing };
    }
    // burst
    if (burst > 0) {
      const cpu0 = procCpu(client.pid);
      let last;
      for (let k = 0; k < burst; k++) last = keystroke();
      const d = await client.diagnosticsFor(uri, last.version, last.at);
      const cpu = procCpu(client.pid) - cpu0;
      out.burst = { keystrokes: burst, cpuPerKeystrokeMs: (cpu * 1000) / burst, latencies: d ? [d.at - last.at] : [], missing: d ? 0 : 1 };
      await settle();
    }
    // completion / hover right after a keystroke
    if (interactive > 0) {
      const completion = [];
      const hover = [];
      let empty = 0;
      for (let k = 0; k < interactive; k++) {
        keystroke();
        const t = now();
        if (k % 2 === 0) {
          const r = await client.request('textDocument/completion', { textDocument: { uri }, position: positions.rewriteEngine });
          completion.push(now() - t);
          const items = Array.isArray(r) ? r : r?.items;
          if (!items?.length) empty++;
        } else {
          const r = await client.request('textDocument/hover', { textDocument: { uri }, position: positions.rewriteRule });
          hover.push(now() - t);
          if (!r) empty++;
        }
        await sleep(pace());
      }
      out.interactive = { completion, hover, empty };
      // Let the lint of the last keystroke finish before reading memory.
      await client.diagnosticsFor(uri, version, lastAt);
    }
    out.mem = procMem(client.pid);
    return out;
  } catch (e) {
    out.notes.push(`session failed: ${e.message ?? e}${client.isDead() ? `; the server exited: ${client.stderr().trim().split('\n').slice(-3).join(' | ')}` : ''}`);
    return out;
  } finally {
    await client.stop();
  }
}
