// Offsets <-> LSP positions, and minimal text edits. Offsets and characters are UTF-16 code units
// (what JavaScript strings and LSP use). A leading BOM is part of the text: offset 0 is the BOM,
// so edits computed here never drop it.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';

export type { Position, Range, TextEdit };

/** Line starts of a text, built once; position lookups are O(log lines). */
export class LineIndex {
  /**
   * Where each line starts. A typed array of the exact length: a file's index is built again for each
   * version an editor sends, and an array grown by push allocates about three times its final size on the
   * JavaScript heap (each growth copies), which the next young-generation collection then copies again;
   * a typed array's numbers lie outside the collected heap.
   */
  readonly lineStarts: Int32Array;
  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // LF only (the usual case): the native search is many times faster than a character loop. Counted
      // first, then filled.
      let count = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
      const starts = new Int32Array(count);
      let k = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.lineStarts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line holding `offset` (0-based). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineContentEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just past the line's last character, before its line break. */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let e = next;
    if (e > this.lineStarts[line] && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.lineStarts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineContentEnd(line));
  }
}

/** The line break the file mostly uses ("\r\n" when CRLF lines are at least as many as LF ones). */
export function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** An edit in offsets, the engine's own form; converted to LSP TextEdits at the boundary. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function toTextEdit(index: LineIndex, e: OffsetEdit): TextEdit {
  return { range: index.range(e.start, e.end), newText: e.newText };
}

/**
 * Applies non-overlapping edits to a text. Edits are sorted by start; overlapping ones throw, because
 * a silent merge could corrupt a user's file.
 */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  return applyOffsetEdits(
    text,
    edits.map(e => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText })),
  );
}

/**
 * Shrinks a whole-region replacement to the part that really changes (common prefix and suffix
 * kept), so that an edit touches as little of the user's text as possible.
 */
export function minimalEdit(text: string, start: number, end: number, replacement: string): OffsetEdit | null {
  const old = text.slice(start, end);
  if (old === replacement) return null;
  let p = 0;
  const max = Math.min(old.length, replacement.length);
  while (p < max && old.charCodeAt(p) === replacement.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === replacement.charCodeAt(replacement.length - 1 - s)) s++;
  return { start: start + p, end: end - s, newText: replacement.slice(p, replacement.length - s) };
}

/** How far into a file NUL bytes (or characters) are looked for to call it binary. */
export const BINARY_PROBE = 8192;

/** Decodes file bytes. Valid UTF-8 decodes as such; anything else as Latin-1, which keeps every byte. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'latin1'; binary: boolean } {
  const probe = bytes.subarray(0, Math.min(bytes.length, BINARY_PROBE));
  const binary = probe.includes(0);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf8', binary };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1', binary };
  }
}

export function encodeText(text: string, encoding: 'utf8' | 'latin1'): Buffer {
  return Buffer.from(text, encoding);
}
