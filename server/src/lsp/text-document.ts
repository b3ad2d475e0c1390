// The editor's open documents, kept so that a keystroke does not copy the whole text.
//
// vscode-languageserver-textdocument keeps each document as one string and splices every change into it:
// `head + typed + tail` makes a rope that the next read (its own CRLF check, at once) flattens into a new
// string of the document's full size. Over 128 KB V8 allocates such a string outside its regular pages,
// as fresh memory from the kernel: measured on the bench machine, 1 ms per keystroke at 10,000 lines (330
// KB; 83 page faults each time) and 3 ms at 1 MB, in each thread that holds the document (the server's and
// the diagnostics worker's), whether or not anything reads the text before the next keystroke.
//
// Here a document is a short list of pieces (slices of the last full text and the typed strings; a slice
// of a flat string shares its characters), so a change costs the piece list and the line table, not the
// text. The full text is joined once, when something reads it: the lint after a pause (one join for all
// the keystrokes since the last), a completion or hover. Positions, offsets, the line table and the
// handling of CRLF, of ranges given end-first and of positions past a line's end are those of
// vscode-languageserver-textdocument 1.0 (test/server/text-document.test.ts checks it against the library
// over random edits), so TextDocuments and everything that reads a document see no difference.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver/node';

/** Past this many pieces a change joins the text first (reading a character walks the list). */
const MAX_PIECES = 64;

const CR = 13;
const LF = 10;
const isEol = (c: number) => c === CR || c === LF;

/** The offsets at which lines start in `text` (after each CR, LF or CRLF), each plus `base`. */
function lineStarts(text: string, atLineStart: boolean, base: number): number[] {
  const out: number[] = atLineStart ? [base] : [];
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) out.push(base + i + 1);
    else if (c === CR) {
      if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    }
  }
  return out;
}

function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class PieceTextDocument implements TextDocument {
  private pieces: string[];
  private size: number;
  private starts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
  ) {
    this.pieces = content ? [content] : [];
    this.size = content.length;
  }

  get version(): number {
    return this._version;
  }

  /** The text's length in UTF-16 code units, without joining it. */
  get length(): number {
    return this.size;
  }

  /** Whether the text is one string now (reading it costs nothing). */
  get joined(): boolean {
    return this.pieces.length <= 1;
  }

  getText(range?: Range): string {
    const text = this.text();
    if (!range) return text;
    return text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.lineTable().length;
  }

  /** Line `line` without its line break (the last line for a line past the end). */
  getLineRange(line: number): Range {
    const starts = this.lineTable();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const from = starts[line];
    const next = line + 1 < starts.length ? starts[line + 1] : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, from) - from } };
  }

  /** The line break that ends line `line` ('' for the last line and lines outside the text). */
  getEOLCharacters(line: number): string {
    const starts = this.lineTable();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.size;
    const eol = this.beforeEol(next, starts[line]);
    let out = '';
    for (let i = eol; i < next; i++) out += String.fromCharCode(this.charAt(i));
    return out;
  }

  offsetAt(position: Position): number {
    const starts = this.lineTable();
    if (position.line >= starts.length) return this.size;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.size;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const starts = this.lineTable();
    let low = 0;
    let high = starts.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  /** Applies the client's changes in order, as TextDocuments.update does. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const c = change as { text?: unknown; range?: Range; rangeLength?: unknown };
      if (typeof c.text !== 'string') throw new Error('Unknown change event received');
      if (c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number')) this.splice(ordered(c.range), c.text);
      else if (c.range === undefined && c.rangeLength === undefined) {
        this.pieces = c.text ? [c.text] : [];
        this.size = c.text.length;
        this.starts = undefined;
      } else throw new Error('Unknown change event received');
    }
    this._version = version;
  }

  private splice(range: Range, typed: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    this.replace(start, end, typed);
    const typedEnd = start + typed.length;
    // A change that puts CR and LF next to each other (or parts them) changes how the lines split around
    // it: the table is counted again from the text when next needed.
    if ((this.charAt(start - 1) === CR && this.charAt(start) === LF) || (this.charAt(typedEnd - 1) === CR && this.charAt(typedEnd) === LF)) {
      this.starts = undefined;
      return;
    }
    const starts = this.starts;
    if (!starts) return;
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStarts(typed, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) starts[startLine + 1 + i] = added[i];
    } else if (added.length < 10_000) {
      starts.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.starts = starts.slice(0, startLine + 1).concat(added, starts.slice(endLine + 1));
    }
    const delta = typed.length - (end - start);
    if (delta !== 0) {
      const table = this.starts!;
      for (let i = startLine + 1 + added.length; i < table.length; i++) table[i] += delta;
    }
  }

  /** Replaces [start, end) of the text with `typed` in the piece list. */
  private replace(start: number, end: number, typed: string): void {
    if (this.pieces.length >= MAX_PIECES) this.text();
    const out: string[] = [];
    let pos = 0;
    let placed = false;
    for (const piece of this.pieces) {
      const from = pos;
      const to = pos + piece.length;
      pos = to;
      if (to <= start) {
        out.push(piece);
        continue;
      }
      if (from < start) out.push(piece.slice(0, start - from));
      if (!placed) {
        if (typed) out.push(typed);
        placed = true;
      }
      if (to > end) out.push(from >= end ? piece : piece.slice(end - from));
    }
    if (!placed && typed) out.push(typed);
    this.pieces = out;
    this.size += typed.length - (end - start);
  }

  /** The character code at `offset` (NaN outside the text), without joining the pieces. */
  private charAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return NaN;
    let pos = 0;
    for (const piece of this.pieces) {
      if (offset < pos + piece.length) return piece.charCodeAt(offset - pos);
      pos += piece.length;
    }
    return NaN;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charAt(offset - 1))) offset--;
    return offset;
  }

  private lineTable(): number[] {
    return (this.starts ??= lineStarts(this.text(), true, 0));
  }

  /** The whole text, joined into one string once per change that split it. */
  private text(): string {
    if (this.pieces.length === 0) return '';
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0];
  }
}

/** The TextDocuments configuration that keeps documents as PieceTextDocument. */
export const PieceTextDocuments: TextDocumentsConfiguration<PieceTextDocument> = {
  create: (uri, languageId, version, content) => new PieceTextDocument(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
