// Guarded apply for every CLI command that writes (maintenance on/off, plugin swap/drain/restore,
// lint --fix). In order:
//   1. the input is checked before anything is planned (`checkTarget`): a directory, a missing or a
//      binary file is bad usage; a file of another kind (plugin-cfg.xml given to `maintenance on`,
//      an HTML page) is refused unless --force;
//   2. every new content is computed in memory first, so a failure to plan writes nothing;
//   3. each file is written atomically: a temporary file in the same folder, with the original's mode
//      (and owner, when we may set it), renamed over the original. A reader (the web server's
//      graceful restart) sees the old bytes or the new ones, never half a file;
//   4. --backup keeps the previous bytes in FILE.bak (FILE.bak.1 ... when that exists);
//   5. --verify CMD runs the server's own check (`apachectl -t`, `apache2ctl configtest`) after
//      writing; when it fails every file is put back byte for byte (created files removed, deleted
//      ones written again) and the command exits 4.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { languageFor } from '../engine/languages';
import type { FileChange } from '../engine/rules';
import { applyOffsetEdits, decodeBytes, encodeText } from '../engine/text';
import type { Project } from '../engine/workspace';
import { UsageError, type ParsedArgs } from './args';

/** A refusal: nothing was written; exit 1. The message says why (and whether --force helps). */
export class Refused extends Error {}

/** --verify failed and every file was rolled back: exit 4. */
export class VerifyFailed extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, refused: 1, usage: 2, off: 3, verifyFailed: 4 } as const;

export interface GuardOptions {
  force: boolean;
  backup: boolean;
  verify?: string;
}

/** Flag names the guarded commands accept: booleans and valued ones. */
export const GUARD_BOOLEANS = ['force', 'backup'];
export const GUARD_VALUED = ['verify'];

export function guardOptions(args: ParsedArgs | Map<string, string[] | string>): GuardOptions {
  const flags = 'flags' in args ? args.flags : args;
  const get = (k: string) => {
    const v = flags.get(k);
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
  const verify = get('verify');
  if (verify !== undefined && !verify.trim()) throw new UsageError('--verify needs a command, e.g. --verify "apachectl -t"');
  return { force: flags.has('force'), backup: flags.has('backup'), verify: verify?.trim() };
}

export type TargetKind = 'httpd' | 'plugincfg';

const KIND_NAME: Record<TargetKind, string> = { httpd: 'an Apache httpd / IBM HTTP Server configuration', plugincfg: 'a WebSphere plugin-cfg.xml' };

/**
 * Checks a file a command is about to change. Bad usage (exit 2): missing, a directory, binary.
 * Refused (exit 1, --force overrides): a file Upkeep does not read as the expected kind.
 */
export function checkTarget(project: Project, given: string, kind: TargetKind, force: boolean): string {
  const abs = nodePath.resolve(given);
  const st = project.fs.stat(abs);
  if (st === 'dir') throw new UsageError(`${given} is a directory; give the ${kind === 'httpd' ? 'httpd.conf' : 'plugin-cfg.xml'} file itself`);
  if (st !== 'file') throw new UsageError(`no such file: ${given}`);
  const raw = project.rawText(abs);
  if (!raw) throw new UsageError(`cannot read ${given}`);
  if (raw.binary) throw new UsageError(`${given} holds binary data (NUL bytes), not ${KIND_NAME[kind]}; nothing written`);
  const language = languageFor(project, abs);
  const head = raw.text.replace(/^\uFEFF/, '').trimStart().slice(0, 200).toLowerCase();
  const markup = /^(<\?xml|<!doctype|<html)/.test(head);
  const ok = kind === 'httpd' ? language === 'apacheconf' && !markup : language === 'plugincfg';
  if (!ok && !force) {
    const seen = language === 'plugincfg' ? 'a WebSphere plugin-cfg.xml' : language === 'sametime' ? 'a Sametime settings file' : markup ? 'markup (HTML/XML)' : language ? `a ${language} file` : 'no file Upkeep recognises';
    throw new Refused(`${given} is not ${KIND_NAME[kind]} (it reads as ${seen}); nothing written. Use --force if it really is one.`);
  }
  return abs;
}

interface Planned {
  path: string;
  /** Bytes before (null: the file did not exist). */
  before: Buffer | null;
  /** Bytes after (null: the file is deleted). */
  after: Buffer | null;
  /** A rename: the source path, which disappears. */
  renamedFrom?: string;
}

/** New bytes of every file the changes touch, computed before anything is written. */
function plan(changes: FileChange[]): Planned[] {
  const out = new Map<string, Planned>();
  const current = (p: string): Buffer | null => {
    const known = out.get(p);
    if (known) return known.after;
    return fs.existsSync(p) ? fs.readFileSync(p) : null;
  };
  const entry = (p: string) => {
    let e = out.get(p);
    if (!e) {
      const b = fs.existsSync(p) ? fs.readFileSync(p) : null;
      e = { path: p, before: b, after: b };
      out.set(p, e);
    }
    return e;
  };
  for (const c of changes) {
    if (c.create !== undefined) {
      if (current(c.path) !== null) throw new Refused(`${c.path} already exists; not overwriting it`);
      entry(c.path).after = encodeText(c.create, c.encoding ?? 'utf8');
    } else if (c.renameTo !== undefined) {
      if (current(c.renameTo) !== null) throw new Refused(`${c.renameTo} already exists; not renaming ${c.path} onto it`);
      const src = entry(c.path);
      const bytes = src.after;
      if (bytes === null) throw new Refused(`${c.path} does not exist; cannot rename it`);
      src.after = null;
      const dst = entry(c.renameTo);
      dst.after = bytes;
      dst.renamedFrom = c.path;
    } else if (c.delete) {
      entry(c.path).after = null;
    } else if (c.edits && c.edits.length) {
      const e = entry(c.path);
      if (e.after === null) throw new Refused(`${c.path} does not exist; cannot edit it`);
      const d = decodeBytes(e.after);
      e.after = encodeText(applyOffsetEdits(d.text, c.edits), d.encoding);
    }
  }
  return [...out.values()].filter(e => !(e.before && e.after && e.before.equals(e.after)) && !(e.before === null && e.after === null));
}

/** Writes bytes atomically: a temporary file next to the target, mode and owner kept, then rename. */
export function atomicWrite(path: string, bytes: Buffer | string): void {
  const dir = nodePath.dirname(path);
  fs.mkdirSync(dir, { recursive: true });
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(path);
  } catch {
    st = null;
  }
  const tmp = nodePath.join(dir, `.${nodePath.basename(path)}.upkeep-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = fs.openSync(tmp, 'wx', st ? st.mode & 0o7777 : 0o644);
  try {
    fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    if (st) {
      fs.fchmodSync(fd, st.mode & 0o7777);
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        // Only root may give a file away; a user editing their own file keeps its owner anyway.
      }
    }
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, path);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** FILE.bak, or FILE.bak.1 ... when that exists. */
export function backupPath(path: string): string {
  let p = `${path}.bak`;
  for (let n = 1; fs.existsSync(p); n++) p = `${path}.bak.${n}`;
  return p;
}

export interface ApplyResult {
  /** Files written, created or removed. */
  touched: string[];
  created: string[];
  removed: string[];
  backups: string[];
  /** The verify command's output when it ran (and passed). */
  verified?: string;
}

/** Puts files back as they were: edited ones rewritten, created ones removed, removed ones written again. */
function rollBack(done: Planned[]): void {
  for (const e of [...done].reverse()) {
    if (e.before === null) fs.rmSync(e.path, { force: true });
    else atomicWrite(e.path, e.before);
  }
}

/** Runs `cmd` through the shell; ok when it exits 0. */
export function runVerify(cmd: string, cwd = process.cwd()): { ok: boolean; output: string } {
  const r = spawnSync(cmd, { shell: true, cwd, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error.message) : ''}`.trim();
  return { ok: !r.error && r.status === 0, output: output || (r.signal ? `killed by ${r.signal}` : `exit status ${r.status}`) };
}

/**
 * Applies planned changes with the guard's rules: all or nothing, atomic writes, optional backups,
 * optional verification with rollback. Throws Refused (nothing written) or VerifyFailed (rolled back).
 */
export function guardedApply(changes: FileChange[], opts: GuardOptions): ApplyResult {
  const planned = plan(changes);
  const result: ApplyResult = { touched: [], created: [], removed: [], backups: [] };
  const done: Planned[] = [];
  try {
    for (const e of planned) {
      if (opts.backup && e.before !== null) {
        const b = backupPath(e.path);
        atomicWrite(b, e.before);
        result.backups.push(b);
      }
      if (e.after === null) fs.rmSync(e.path, { force: true });
      else atomicWrite(e.path, e.after);
      done.push(e);
      result.touched.push(e.path);
      if (e.before === null) result.created.push(e.path);
      if (e.after === null) result.removed.push(e.path);
    }
  } catch (err) {
    rollBack(done);
    throw err;
  }
  if (opts.verify && done.length) {
    const v = runVerify(opts.verify);
    if (!v.ok) {
      rollBack(done);
      throw new VerifyFailed(`"${opts.verify}" failed after the change, so every file was put back as it was (${done.map(d => d.path).join(', ')}).`, v.output);
    }
    result.verified = v.output;
  }
  return result;
}

/** Prints what the guard did (backups, verification) on stdout. */
export function reportApply(r: ApplyResult, rel: (p: string) => string, verify?: string): void {
  for (const b of r.backups) process.stdout.write(`backup: ${rel(b)}\n`);
  if (verify && r.verified !== undefined) process.stdout.write(`verified: "${verify}" passed\n`);
}

/** Maps the guard's errors to the exit code table; anything else is rethrown. */
export function guardExit(e: unknown): number {
  if (e instanceof Refused) {
    process.stderr.write(`upkeep: refused: ${e.message}\n`);
    return EXIT.refused;
  }
  if (e instanceof VerifyFailed) {
    process.stderr.write(`upkeep: ${e.message}\n${e.output ? e.output.replace(/^/gm, '  | ') + '\n' : ''}`);
    return EXIT.verifyFailed;
  }
  throw e;
}
