// One position-keeping XML parser for every XML format Upkeep reads (plugin-cfg.xml, Sametime
// managed-settings.xml and managed-community-configs.xml). See README.md in this folder for why it is
// our own scanner and not fast-xml-parser.
//
// Guarantees:
// - It never throws and runs in linear time on any input (binary, huge, half-typed, not XML at all).
// - Every element, attribute name, attribute value (with its quote characters), comment, processing
//   instruction, CDATA section, DOCTYPE, XML declaration and text run keeps its offsets in the original
//   text (BOM and CRLF included), so edits are computed from the tree and never by re-printing.
// - It recovers like an editor needs: unclosed and crossed tags, a missing quote, typographic quotes
//   used as attribute delimiters (name=”x”), a stray `<` in text, `#` comment lines: the tree is still
//   built and each problem becomes an XmlError.
// - The well-formedness errors follow the XML 1.0 rules the way libxml2 (xmllint) applies them: the
//   first error's `at` offset is on the line xmllint reports (tested on the corpus and mutations).

export interface Span {
  start: number;
  end: number;
}

/** The characters that act as quotes when someone pastes attribute values from a word processor. */
export const TYPOGRAPHIC_QUOTES = '“”„‟″‘’‚‛′«»';

export interface XmlAttribute extends Span {
  /** `span` runs from the name to the closing delimiter (or the value's end when there is none). */
  name: string;
  nameSpan: Span;
  /** Offset of `=`, or -1 when the attribute has no `=`. */
  equals: number;
  /**
   * The value as an XML processor reads it: character and predefined entity references expanded,
   * tabs and line breaks turned into spaces. null when the attribute has no value at all.
   */
  value: string | null;
  /** The text between the delimiters, as written. */
  valueSpan: Span | null;
  /** Opening delimiter: `"` or `'`, a typographic quote, or null when the value is not quoted. */
  quote: string | null;
  /** Closing delimiter as found (it may differ from `quote`), or null when there is none. */
  closeQuote: string | null;
}

export interface XmlElement extends Span {
  kind: 'element';
  name: string;
  nameSpan: Span;
  attributes: XmlAttribute[];
  /** The start tag, from `<` to `>` (or as far as it goes when unterminated). */
  startTag: Span;
  /** The start tag ends with `/>`. */
  selfClosing: boolean;
  /** The start tag has no `>`. */
  startTagUnterminated: boolean;
  /** Between the start tag and the end tag; empty (start = end = startTag.end) when self-closing. */
  content: Span;
  /** The end tag, or null when self-closing or never closed. */
  endTag: (Span & { nameSpan: Span }) | null;
  children: XmlNode[];
  parent: XmlElement | null;
}

export interface XmlText extends Span {
  kind: 'text';
  parent: XmlElement | null;
}

export interface XmlComment extends Span {
  kind: 'comment';
  /** Between `<!--` and `-->` (to the end of the text when unterminated). */
  content: Span;
  closed: boolean;
  parent: XmlElement | null;
}

export interface XmlProcessingInstruction extends Span {
  kind: 'pi';
  target: string;
  parent: XmlElement | null;
}

export interface XmlCData extends Span {
  kind: 'cdata';
  content: Span;
  parent: XmlElement | null;
}

export interface XmlDoctype extends Span {
  kind: 'doctype';
  parent: XmlElement | null;
}

export interface XmlDeclaration extends Span {
  kind: 'declaration';
  /** The pseudo-attributes version, encoding and standalone, as written. */
  attributes: XmlAttribute[];
  version: XmlAttribute | null;
  encoding: XmlAttribute | null;
  standalone: XmlAttribute | null;
  /** Not at the very start of the document (after an optional BOM): not allowed. */
  misplaced: boolean;
  parent: XmlElement | null;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlProcessingInstruction | XmlCData | XmlDoctype | XmlDeclaration;

export type XmlErrorKind =
  | 'declaration'
  | 'misplaced-declaration'
  | 'invalid-char'
  | 'invalid-name'
  | 'attribute-value'
  | 'attribute-syntax'
  | 'duplicate-attribute'
  | 'unterminated-tag'
  | 'entity'
  | 'comment'
  | 'cdata'
  | 'pi'
  | 'doctype'
  | 'tag-mismatch'
  | 'stray-end-tag'
  | 'unclosed-element'
  | 'content-outside-root'
  | 'no-root'
  | 'encoding';

export interface XmlError extends Span {
  kind: XmlErrorKind;
  message: string;
  /**
   * Where a conforming parser notices the problem (xmllint reports the line of this offset). The span
   * (start/end) is what an editor should underline, which can be a more helpful place.
   */
  at: number;
  /**
   * The error is about the element structure (mismatched or unclosed tags, content outside the root),
   * so later structural errors may only be consequences of it.
   */
  structural: boolean;
  /** A second place that explains the error (e.g. the start tag a mismatched end tag should close). */
  related?: Span & { message: string };
}

export interface XmlDocument {
  text: string;
  /** The text starts with U+FEFF. */
  bom: boolean;
  declaration: XmlDeclaration | null;
  /** Top-level nodes (the root element, comments, PIs, the DOCTYPE, stray text ...). */
  children: XmlNode[];
  /** The first top-level element. */
  root: XmlElement | null;
  /** Every element in document order (by start tag). */
  elements: XmlElement[];
  comments: XmlComment[];
  /** Well-formedness errors in the order a parser meets them (the first is the one xmllint reports). */
  errors: XmlError[];
}

// ---------------------------------------------------------------------------------------------------
// Character classes (XML 1.0 fifth edition, which libxml2 follows by default).

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function isNameStartChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdb7f) || // high surrogate of #x10000-#xEFFFF
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

export function isNameChar(c: number): boolean {
  if (isNameStartChar(c)) return true;
  return (
    c === 0x2d ||
    c === 0x2e ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040) ||
    (c >= 0xdc00 && c <= 0xdfff) // low surrogate following a high one
  );
}

/** Start and end of the XML name (element or attribute, being typed or not) around `offset`. */
export function nameBoundsAt(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return { start, end };
}

/** Is `c` (a UTF-16 unit at `i`) outside the XML Char production? Surrogates must come in pairs. */
function invalidCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x20 && c < 0xd800) return false;
  if (c === 0x09 || c === 0x0a || c === 0x0d) return false;
  if (c < 0x20) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = text.charCodeAt(i - 1);
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return c === 0xfffe || c === 0xffff;
}

function isTypographicQuote(ch: string): boolean {
  return ch.length === 1 && TYPOGRAPHIC_QUOTES.includes(ch);
}

function isAnyQuote(ch: string): boolean {
  return ch === '"' || ch === "'" || isTypographicQuote(ch);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Errors kept per document: past this the file is not XML anyway, and the tree is still built. */
const MAX_ERRORS = 1000;

/** Deepest nesting at which a mismatched end tag is matched against open ancestors (keeps it linear). */
const MAX_RECOVERY_DEPTH = 64;

// ---------------------------------------------------------------------------------------------------

export interface ParseXmlOptions {
  /**
   * How the bytes were decoded (engine/text.ts decodeBytes). `latin1` means they are not valid UTF-8,
   * which an XML parser rejects unless the declaration names another encoding.
   */
  encoding?: 'utf8' | 'latin1';
}

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlDocument {
  return new Scanner(text, options).run();
}

class Scanner {
  private readonly n: number;
  private i = 0;
  private readonly doc: XmlDocument;
  private readonly stack: XmlElement[] = [];
  private seenDoctype = false;
  /** Undefined entity references are only an error when no external DTD could declare them. */
  private entitiesMayBeExternal = false;
  private declaredEntities = new Set<string>();
  private lineStarts: number[] | null = null;
  /** Last answers of next(): searching again from a later offset reuses them (keeps scans linear). */
  private found = new Map<string, { from: number; at: number }>();

  constructor(
    private readonly text: string,
    private readonly options: ParseXmlOptions,
  ) {
    this.n = text.length;
    const bom = text.charCodeAt(0) === 0xfeff || (options.encoding === 'latin1' && text.startsWith('\u00ef\u00bb\u00bf'));
    this.doc = { text, bom, declaration: null, children: [], root: null, elements: [], comments: [], errors: [] };
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : bom ? 3 : 0;
  }

  run(): XmlDocument {
    const { text, n } = this;
    this.checkChars();
    this.checkEncoding();
    // Errors found by whole-text checks come first by position; the scan's errors stay in the order
    // the scan meets them, which is the order a parser that stops at the first error would report.
    const pre = this.doc.errors.splice(0);
    const docStart = this.i;
    if (text.startsWith('<?xml', docStart) && (docStart + 5 >= n || isWs(text.charCodeAt(docStart + 5)) || text.startsWith('?>', docStart + 5))) {
      const decl = this.declaration(docStart, false);
      this.doc.declaration = decl;
      this.add(decl);
    }
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 0x3c /* < */) this.markup();
      else this.textRun();
    }
    this.finish();
    if (pre.length) {
      const scan = this.doc.errors;
      const merged: XmlError[] = [];
      let p = 0;
      for (const e of scan) {
        while (p < pre.length && pre[p].at <= e.at) merged.push(pre[p++]);
        merged.push(e);
      }
      while (p < pre.length) merged.push(pre[p++]);
      this.doc.errors = merged;
    }
    return this.doc;
  }

  // --- helpers -----------------------------------------------------------------------------------

  private get parent(): XmlElement | null {
    return this.stack.length ? this.stack[this.stack.length - 1] : null;
  }

  private add(node: XmlNode): void {
    const p = this.parent;
    (node as { parent: XmlElement | null }).parent = p;
    if (p) p.children.push(node);
    else this.doc.children.push(node);
  }

  private error(kind: XmlErrorKind, start: number, end: number, message: string, at = start, structural = false, related?: XmlError['related']): void {
    if (this.doc.errors.length >= MAX_ERRORS) return;
    this.doc.errors.push({ kind, start, end: Math.max(start, end), message, at, structural, ...(related ? { related } : {}) });
  }

  private lineOf(offset: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      for (let k = this.text.indexOf('\n'); k !== -1; k = this.text.indexOf('\n', k + 1)) starts.push(k + 1);
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** text.indexOf(needle, from), or -1; amortized linear when called with increasing `from`. */
  private next(needle: string, from: number): number {
    const hit = this.found.get(needle);
    if (hit && hit.from <= from && (hit.at === -1 || hit.at >= from)) return hit.at;
    const at = this.text.indexOf(needle, from);
    this.found.set(needle, { from, at });
    return at;
  }

  private scanName(from: number): number {
    const { text, n } = this;
    let j = from;
    if (j < n && isNameStartChar(text.charCodeAt(j))) {
      j++;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
    }
    return j;
  }

  private skipWs(from: number): number {
    let j = from;
    while (j < this.n && isWs(this.text.charCodeAt(j))) j++;
    return j;
  }

  private outsideRoot(): boolean {
    return this.stack.length === 0;
  }

  // --- whole-text checks -------------------------------------------------------------------------

  private checkChars(): void {
    const { text, n } = this;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x20 && c < 0xd800) continue;
      if (invalidCharAt(text, k)) {
        const hex = c.toString(16).toUpperCase().padStart(4, '0');
        this.error('invalid-char', k, k + 1, `The character U+${hex} is not allowed anywhere in an XML document.`);
        return; // one is enough: the file is likely binary or in another encoding
      }
    }
  }

  private checkEncoding(): void {
    if (this.options.encoding !== 'latin1') return;
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(this.text.slice(this.i, this.i + 512))?.[1];
    if (declared && !/^utf-?8$/i.test(declared)) return;
    const bad = firstInvalidUtf8(this.text);
    if (bad < 0) return;
    this.error(
      'encoding',
      bad,
      bad + 1,
      declared
        ? `The declaration says ${declared}, but the bytes from here on are not UTF-8. Save the file as UTF-8 or declare its real encoding (for example ISO-8859-1).`
        : 'These bytes are not UTF-8, which is what an XML file without an encoding declaration must be. Save it as UTF-8 or declare its encoding (for example <?xml version="1.0" encoding="ISO-8859-1"?>).',
    );
  }

  // --- markup --------------------------------------------------------------------------------------

  private markup(): void {
    const { text } = this;
    const i = this.i;
    const next = text.charCodeAt(i + 1);
    if (next === 0x3f /* ? */) return this.pi(i);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) return this.comment(i);
      if (text.startsWith('<![CDATA[', i)) return this.cdata(i);
      if (text.startsWith('<!DOCTYPE', i)) return this.doctype(i);
      this.error('invalid-name', i, i + 2, 'Markup starting with "<!" must be a comment <!-- -->, a <![CDATA[ ]]> section or a <!DOCTYPE>.');
      this.i = i + 1;
      return this.textRunFrom(i, true);
    }
    if (next === 0x2f /* / */) return this.endTag(i);
    if (isNameStartChar(next)) return this.startTag(i);
    const what = i + 1 >= this.n ? 'the end of the file' : /\s/.test(text[i + 1]) ? 'white space' : `"${text[i + 1]}"`;
    this.error(
      'invalid-name',
      i,
      i + 1,
      `A "<" followed by ${what} starts no tag. Write &lt; for a literal "<", or complete the tag name.`,
    );
    this.i = i + 1;
    this.textRunFrom(i, true);
  }

  private declaration(i: number, misplaced: boolean): XmlDeclaration {
    const { text, n } = this;
    const decl: XmlDeclaration = {
      kind: 'declaration',
      start: i,
      end: i,
      attributes: [],
      version: null,
      encoding: null,
      standalone: null,
      misplaced,
      parent: null,
    };
    const close = text.indexOf('?>', i + 5);
    const limit = close === -1 ? n : close;
    let j = i + 5;
    let reported = misplaced;
    const report = (start: number, end: number, message: string, at = start) => {
      if (reported) return;
      reported = true;
      this.error('declaration', start, end, message, at);
    };
    const order = ['version', 'encoding', 'standalone'];
    let expect = 0;
    for (;;) {
      const before = j;
      j = this.skipWs(j);
      if (j >= limit) break;
      const nameEnd = this.scanName(j);
      if (nameEnd === j) {
        report(j, j + 1, 'The XML declaration can only hold version, encoding and standalone before its closing "?>".');
        break;
      }
      const name = text.slice(j, nameEnd);
      const attr = this.attributeValueAfterName(j, nameEnd, limit, false);
      decl.attributes.push(attr);
      const idx = order.indexOf(name);
      if (before === j) report(j, nameEnd, `A space is needed before ${name} in the XML declaration.`);
      if (idx < 0) report(j, nameEnd, `"${name}" is not part of an XML declaration: only version, encoding and standalone are.`);
      else if (idx < expect || (expect === 0 && idx !== 0)) {
        report(j, nameEnd, idx !== 0 && expect === 0 ? 'The XML declaration must start with version="1.0".' : `${name} is out of place: the order is version, encoding, standalone.`);
      } else {
        expect = idx + 1;
        if (name === 'version') decl.version = attr;
        else if (name === 'encoding') decl.encoding = attr;
        else decl.standalone = attr;
      }
      const raw = attr.valueSpan ? text.slice(attr.valueSpan.start, attr.valueSpan.end) : '';
      const vs = attr.valueSpan?.start ?? nameEnd;
      const ve = attr.valueSpan?.end ?? nameEnd;
      if (attr.equals < 0) {
        report(j, nameEnd, `${name} needs a value: ${name}="${name === 'version' ? '1.0' : name === 'encoding' ? 'UTF-8' : 'no'}".`, this.skipWs(nameEnd));
      } else if (attr.quote === null || !(attr.quote === '"' || attr.quote === "'") || attr.closeQuote !== attr.quote) {
        report(vs, attr.end, `${name} needs a value in straight quotes, e.g. ${name}="${name === 'version' ? '1.0' : name === 'encoding' ? 'UTF-8' : 'no'}".`);
      } else if (name === 'version' && !/^1\.[0-9]+$/.test(raw)) {
        report(vs, ve, `XML version "${raw}" is not supported: use 1.0.`);
      } else if (name === 'encoding' && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(raw)) {
        report(vs, ve, `"${raw}" is not an encoding name.`);
      } else if (name === 'encoding' && !knownEncoding(raw)) {
        report(vs, ve, `"${raw}" is not an encoding XML parsers know: use UTF-8 (or ISO-8859-1).`);
      } else if (name === 'standalone' && raw !== 'yes' && raw !== 'no') {
        report(vs, ve, 'standalone takes "yes" or "no".');
      } else if (name === 'encoding' && /^utf-?(16|32)/i.test(raw) && !misplaced) {
        report(vs, ve, `The declaration says ${raw}, but the file is stored with one byte per character: declare UTF-8.`);
      }
      j = Math.max(attr.end, j + 1);
    }
    if (!decl.version) report(i, Math.min(n, i + 5), 'The XML declaration needs version="1.0" first.');
    if (close === -1) {
      report(n, n, 'The XML declaration is not closed with "?>".');
      decl.end = n;
    } else decl.end = close + 2;
    this.i = decl.end;
    return decl;
  }

  private pi(i: number): void {
    const { text, n } = this;
    const nameEnd = this.scanName(i + 2);
    const target = text.slice(i + 2, nameEnd);
    if (target === 'xml' && (nameEnd >= n || isWs(text.charCodeAt(nameEnd)) || text.startsWith('?>', nameEnd))) {
      this.error(
        'misplaced-declaration',
        i,
        nameEnd,
        this.doc.declaration
          ? 'A second XML declaration: there can be only one, at the very start of the file.'
          : 'The XML declaration must be the very first thing in the file: remove what comes before "<?xml" (spaces and empty lines too).',
      );
      const decl = this.declaration(i, true);
      this.add(decl);
      return;
    }
    if (!target) {
      this.error('pi', i, i + 2, 'A processing instruction "<?" needs a target name.');
    } else if (target.toLowerCase() === 'xml') {
      this.error('pi', i + 2, nameEnd, `"${target}" is reserved: the XML declaration is written <?xml ...?> in lower case, at the start of the file.`);
    } else if (nameEnd < n && !isWs(text.charCodeAt(nameEnd)) && !text.startsWith('?>', nameEnd)) {
      this.error('pi', nameEnd, nameEnd + 1, `A space is needed after the processing instruction target "${target}".`);
    }
    const close = text.indexOf('?>', nameEnd);
    const end = close === -1 ? n : close + 2;
    if (close === -1) this.error('pi', i, Math.min(n, nameEnd), 'This processing instruction is not closed with "?>".', n);
    const node: XmlProcessingInstruction = { kind: 'pi', target, start: i, end, parent: null };
    this.add(node);
    this.i = end;
  }

  private comment(i: number): void {
    const { text, n } = this;
    const contentStart = i + 4;
    let k = text.indexOf('--', contentStart);
    let end: number;
    let contentEnd: number;
    let closed = true;
    if (k !== -1 && text.charCodeAt(k + 2) !== 0x3e) {
      this.error('comment', k, k + 2, 'A comment cannot contain "--" (nor end with "--->"): change or remove the extra hyphens.');
      k = text.indexOf('-->', k);
    }
    if (k === -1) {
      this.error('comment', i, i + 4, 'This comment is not closed with "-->".', n);
      closed = false;
      end = n;
      contentEnd = n;
    } else {
      contentEnd = k;
      end = k + 3;
    }
    const node: XmlComment = { kind: 'comment', start: i, end, content: { start: contentStart, end: contentEnd }, closed, parent: null };
    this.doc.comments.push(node);
    this.add(node);
    this.i = end;
  }

  private cdata(i: number): void {
    const { text, n } = this;
    if (this.outsideRoot()) this.contentOutsideRoot(i, i + 9);
    const k = text.indexOf(']]>', i + 9);
    const end = k === -1 ? n : k + 3;
    if (k === -1) this.error('cdata', i, i + 9, 'This CDATA section is not closed with "]]>".', n);
    const node: XmlCData = { kind: 'cdata', start: i, end, content: { start: i + 9, end: k === -1 ? n : k }, parent: null };
    this.add(node);
    this.i = end;
  }

  private doctype(i: number): void {
    const { text, n } = this;
    if (!this.outsideRoot()) {
      this.error('doctype', i, i + 9, 'A <!DOCTYPE> can only come before the root element.');
    } else if (this.doc.root) {
      this.contentOutsideRoot(i, i + 9);
    } else if (this.seenDoctype) {
      this.error('doctype', i, i + 9, 'There can be only one <!DOCTYPE>.');
    }
    this.seenDoctype = true;
    {
      const nameAt = this.skipWs(i + 9);
      const nameEnd = this.scanName(nameAt);
      if (nameAt === i + 9 || nameEnd === nameAt) this.error('doctype', i, i + 9, '<!DOCTYPE must be followed by a space and the root element name.', nameAt);
      else {
        const k = this.skipWs(nameEnd);
        const rest = text.slice(k, k + 6);
        if (!(rest.startsWith('>') || rest.startsWith('[') || ((rest === 'SYSTEM' || rest === 'PUBLIC') && k > nameEnd))) {
          this.error('doctype', i, i + 9, 'After the root element name, a <!DOCTYPE> holds only SYSTEM/PUBLIC identifiers and an internal subset [ ... ].', k);
        }
      }
    }
    // Scan to the closing '>' outside quotes, comments and the internal subset.
    let j = i + 9;
    let inSubset = false;
    let subsetStart = -1;
    let end = -1;
    while (j < n) {
      const c = text[j];
      if (c === '"' || c === "'") {
        const q = text.indexOf(c, j + 1);
        if (q === -1) break;
        j = q + 1;
        continue;
      }
      if (inSubset && text.startsWith('<!--', j)) {
        const q = text.indexOf('-->', j + 4);
        if (q === -1) break;
        j = q + 3;
        continue;
      }
      if (c === '[' && !inSubset) {
        inSubset = true;
        subsetStart = j + 1;
      } else if (c === ']' && inSubset) {
        inSubset = false;
        this.readSubset(subsetStart, j);
      } else if (c === '>' && !inSubset) {
        end = j + 1;
        break;
      }
      j++;
    }
    const head = text.slice(i + 9, Math.min(n, i + 9 + 400));
    if (/^\s+\S+\s+(SYSTEM|PUBLIC)\b/.test(head)) this.entitiesMayBeExternal = true;
    if (end === -1) {
      this.error('doctype', i, i + 9, 'This <!DOCTYPE> is not closed with ">".', n);
      end = n;
    }
    const node: XmlDoctype = { kind: 'doctype', start: i, end, parent: null };
    this.add(node);
    this.i = end;
  }

  /** Notes the entities the internal subset declares (and whether parameter entities may add more). */
  private readSubset(from: number, to: number): void {
    const subset = this.text.slice(from, to);
    const re = /<!ENTITY\s+(%\s+)?([^\s"'>]+)/g;
    for (let m = re.exec(subset); m; m = re.exec(subset)) {
      if (!m[1]) this.declaredEntities.add(m[2]);
    }
    if (/%[^\s;]+;/.test(subset)) this.entitiesMayBeExternal = true;
  }

  private contentOutsideRoot(start: number, end: number): void {
    if (this.doc.root) {
      this.error(
        'content-outside-root',
        start,
        end,
        `Content after the end of the root element <${this.doc.root.name}>: an XML file has exactly one root element.`,
        start,
        true,
      );
    } else {
      this.error(
        'content-outside-root',
        start,
        end,
        'Text before the root element: only the XML declaration, comments and white space may come before the first tag.',
        start,
        true,
      );
    }
  }

  // --- elements ------------------------------------------------------------------------------------

  private startTag(i: number): void {
    const { text, n } = this;
    const nameEnd = this.scanName(i + 1);
    const name = text.slice(i + 1, nameEnd);
    if (this.outsideRoot() && this.doc.root) this.contentOutsideRoot(i, nameEnd);
    const el: XmlElement = {
      kind: 'element',
      name,
      nameSpan: { start: i + 1, end: nameEnd },
      attributes: [],
      startTag: { start: i, end: nameEnd },
      selfClosing: false,
      startTagUnterminated: false,
      content: { start: nameEnd, end: nameEnd },
      endTag: null,
      children: [],
      parent: null,
      start: i,
      end: nameEnd,
    };
    let j = nameEnd;
    // Attribute names seen so far: a list while short (most tags have a few), a set past that.
    let seen: Set<string> | null = null;
    let duplicates: XmlAttribute[] | null = null;
    let constructErrorReported = false;
    let stoppedAt = -1;
    for (;;) {
      const wsStart = j;
      j = this.skipWs(j);
      if (j >= n) {
        this.error('unterminated-tag', i, nameEnd, `The start tag <${name}> is not closed with ">".`, n);
        el.startTagUnterminated = true;
        stoppedAt = n;
        break;
      }
      const c = text.charCodeAt(j);
      if (c === 0x3e /* > */) {
        j++;
        break;
      }
      if (c === 0x2f /* / */ && text.charCodeAt(j + 1) === 0x3e) {
        el.selfClosing = true;
        j += 2;
        break;
      }
      if (c === 0x3c /* < */) {
        if (!constructErrorReported) this.error('unterminated-tag', i, nameEnd, `The start tag <${name}> is not closed with ">" before the next "<".`, j);
        el.startTagUnterminated = true;
        stoppedAt = j;
        j = wsStart; // leave the white space to the text that follows
        break;
      }
      if (isNameStartChar(c)) {
        const attrNameEnd = this.scanName(j);
        if (wsStart === j && !constructErrorReported) {
          constructErrorReported = true;
          this.error('attribute-syntax', j, attrNameEnd, 'Attributes must be separated by white space.');
        }
        const attr = this.attributeValueAfterName(j, attrNameEnd, n, true);
        const attrs = el.attributes;
        let dup = false;
        if (seen) dup = seen.has(attr.name);
        else {
          for (let a = 0; a < attrs.length; a++) if (attrs[a].name === attr.name) dup = true;
          if (attrs.length >= 8) seen = new Set(attrs.map(a => a.name));
        }
        attrs.push(attr);
        if (dup) (duplicates ??= []).push(attr);
        else if (seen) seen.add(attr.name);
        j = Math.max(attr.end, attrNameEnd);
        continue;
      }
      // Something that starts no attribute: a stray quote, '=', '/' ...
      if (!constructErrorReported) {
        constructErrorReported = true;
        this.error('attribute-syntax', j, j + 1, `Unexpected "${text[j]}" in the start tag <${name}>: expected an attribute name, ">" or "/>".`);
      }
      j++;
    }
    if (stoppedAt < 0) stoppedAt = j;
    if (el.attributes.length > 0) el.attributes = el.attributes.slice(); // exact length (see close)
    el.startTag.end = j;
    el.end = j;
    el.content = { start: j, end: j };
    for (const d of duplicates ?? []) {
      this.error('duplicate-attribute', d.nameSpan.start, d.nameSpan.end, `The attribute ${d.name} appears twice in <${name}>: an element can have each attribute once.`, stoppedAt);
    }
    if (this.doc.root === null && this.stack.length === 0) this.doc.root = el;
    this.add(el);
    this.doc.elements.push(el);
    if (!el.selfClosing) this.stack.push(el);
    this.i = j;
  }

  /**
   * Reads `= "value"` after an attribute name (shared by elements and the XML declaration), with
   * recovery for missing and typographic quotes. Reports its errors only when `report` is set.
   */
  private attributeValueAfterName(nameStart: number, nameEnd: number, limit: number, report: boolean): XmlAttribute {
    const { text } = this;
    const attr: XmlAttribute = {
      name: text.slice(nameStart, nameEnd),
      nameSpan: { start: nameStart, end: nameEnd },
      equals: -1,
      value: null,
      valueSpan: null,
      quote: null,
      closeQuote: null,
      start: nameStart,
      end: nameEnd,
    };
    const err = (kind: XmlErrorKind, s: number, e: number, message: string, at = s) => {
      if (report) this.error(kind, s, e, message, at);
    };
    let j = this.skipWs(nameEnd);
    if (j >= limit || text.charCodeAt(j) !== 0x3d /* = */) {
      err('attribute-syntax', nameStart, nameEnd, `The attribute ${attr.name} has no value: write ${attr.name}="...".`, j);
      return attr;
    }
    attr.equals = j;
    attr.end = j + 1;
    j = this.skipWs(j + 1);
    if (j >= limit) {
      err('attribute-value', nameStart, attr.end, `The value of ${attr.name} is missing.`, j);
      return attr;
    }
    const q = text[j];
    if (q === '"' || q === "'") return this.quotedValue(attr, j, limit, report);
    if (isTypographicQuote(q)) {
      err('attribute-value', j, j + 1, `The value of ${attr.name} starts with the typographic quote ${q}: XML needs a straight " or '.`);
      attr.quote = q;
      const vs = j + 1;
      let k = vs;
      while (k < limit) {
        const ch = text[k];
        if (isAnyQuote(ch) || ch === '<' || ch === '>' || ch === '\n' || ch === '\r') break;
        k++;
      }
      let ve = k;
      if (k < limit && isAnyQuote(text[k])) {
        attr.closeQuote = text[k];
        attr.end = k + 1;
      } else {
        if (k < limit && text[k] === '>' && text[k - 1] === '/' && k - 1 >= vs) ve = k - 1;
        attr.end = ve;
      }
      attr.valueSpan = { start: vs, end: ve };
      attr.value = this.attrValue(vs, ve, false);
      return attr;
    }
    // Unquoted value: up to white space or the end of the tag.
    err('attribute-value', j, j + 1, `The value of ${attr.name} must be in quotes: ${attr.name}="...".`);
    let k = j;
    while (k < limit) {
      const c = text.charCodeAt(k);
      if (isWs(c) || c === 0x3c || c === 0x3e || (c === 0x2f && text.charCodeAt(k + 1) === 0x3e)) break;
      k++;
    }
    attr.valueSpan = { start: j, end: k };
    attr.value = this.attrValue(j, k, false);
    attr.end = k;
    return attr;
  }

  private quotedValue(attr: XmlAttribute, qpos: number, limit: number, report: boolean): XmlAttribute {
    const { text } = this;
    const q = text[qpos];
    attr.quote = q;
    const vs = qpos + 1;
    let k = vs;
    let typoClose = -1;
    let lt = -1;
    const qc = text.charCodeAt(qpos);
    while (k < limit) {
      const c = text.charCodeAt(k);
      if (c === qc) break;
      if (c === 0x3c /* < */) {
        lt = k;
        break;
      }
      // Typographic quotes are all outside ASCII.
      if (c >= 0x80 && typoClose < 0 && isTypographicQuote(text[k])) {
        const after = text.charCodeAt(k + 1);
        if (k + 1 >= limit || isWs(after) || after === 0x3e || after === 0x2f) typoClose = k;
      }
      k++;
    }
    if (k < limit && text[k] === q) {
      // Closed by the matching quote. If what follows cannot follow an attribute and a typographic
      // quote looked like the real end, the author closed the value with it: recover there.
      const after = text.charCodeAt(k + 1);
      const fine = k + 1 >= limit || isWs(after) || after === 0x3e || after === 0x2f;
      if (!fine && typoClose >= 0) {
        if (report) this.attrValue(vs, k, true);
        if (report) this.error('attribute-value', typoClose, typoClose + 1, `The value of ${attr.name} ends with the typographic quote ${text[typoClose]}: close it with ${q}.`, k + 1);
        attr.valueSpan = { start: vs, end: typoClose };
        attr.closeQuote = text[typoClose];
        attr.end = typoClose + 1;
        attr.value = this.attrValue(vs, typoClose, false);
        return attr;
      }
      attr.valueSpan = { start: vs, end: k };
      attr.closeQuote = q;
      attr.end = k + 1;
      attr.value = this.attrValue(vs, k, report);
      return attr;
    }
    if (lt >= 0) {
      // A '<' inside a value: almost always the closing quote is missing.
      if (report) {
        this.attrValue(vs, lt, true);
        this.error('attribute-value', qpos, qpos + 1, `The value of ${attr.name} has no closing ${q}: it runs into the next tag.`, lt);
      }
      let ve = typoClose >= 0 ? typoClose : -1;
      if (ve < 0) {
        let gt = vs;
        while (gt < lt && text.charCodeAt(gt) !== 0x3e) gt++;
        ve = gt < lt ? (text[gt - 1] === '/' && gt - 1 >= vs ? gt - 1 : gt) : lt;
        if (ve === lt) while (ve > vs && isWs(text.charCodeAt(ve - 1))) ve--;
      }
      attr.valueSpan = { start: vs, end: ve };
      attr.value = this.attrValue(vs, ve, false);
      if (typoClose >= 0) {
        attr.closeQuote = text[typoClose];
        attr.end = typoClose + 1;
      } else attr.end = ve;
      return attr;
    }
    // Runs to the end of the text.
    if (report) {
      this.attrValue(vs, limit, true);
      this.error('attribute-value', qpos, qpos + 1, `The value of ${attr.name} has no closing ${q}.`, limit);
    }
    attr.valueSpan = { start: vs, end: limit };
    attr.value = this.attrValue(vs, limit, false);
    attr.end = limit;
    return attr;
  }

  /** Decodes an attribute value; checks its references when `report`. */
  private attrValue(from: number, to: number, report: boolean): string {
    const { text } = this;
    // Most values hold no reference and no tab or line break: they are read as written.
    let plain = true;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x26 /* & */ || c === 0x09 || c === 0x0a || c === 0x0d) {
        plain = false;
        break;
      }
    }
    if (plain) return text.slice(from, to);
    let out = '';
    let k = from;
    while (k < to) {
      const amp = this.next('&', k);
      const stop = amp === -1 || amp >= to ? to : amp;
      out += text.slice(k, stop);
      if (stop >= to) break;
      const ref = this.reference(stop, to, report);
      out += ref.value;
      k = ref.end;
    }
    return out.replace(/\r\n|[\t\n\r]/g, ' ');
  }

  /** Reads an entity or character reference at `amp`. */
  private reference(amp: number, limit: number, report: boolean): { value: string; end: number } {
    const { text } = this;
    if (text.charCodeAt(amp + 1) === 0x23 /* # */) {
      const hex = text.charCodeAt(amp + 2) === 0x78; /* x */
      let k = amp + (hex ? 3 : 2);
      const ds = k;
      while (k < limit && (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(text[k])) k++;
      const digits = text.slice(ds, k);
      if (!digits || text[k] !== ';') {
        if (report) this.error('entity', amp, k, 'A character reference is written &#NNN; or &#xHHH;.', k);
        return { value: text.slice(amp, k), end: Math.max(k, amp + 1) };
      }
      const cp = digits.length > 8 ? -1 : parseInt(digits, hex ? 16 : 10);
      const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!ok) {
        if (report) this.error('entity', amp, k + 1, `&#${hex ? 'x' : ''}${digits}; is not a character XML allows.`, k + 1);
        return { value: '', end: k + 1 };
      }
      return { value: String.fromCodePoint(cp), end: k + 1 };
    }
    const nameEnd = this.scanName(amp + 1);
    if (nameEnd === amp + 1) {
      if (report) this.error('entity', amp, amp + 1, 'A bare "&" is not allowed: write &amp;.');
      return { value: '&', end: amp + 1 };
    }
    const name = text.slice(amp + 1, nameEnd);
    if (text.charCodeAt(nameEnd) !== 0x3b /* ; */ || nameEnd >= limit) {
      if (report) this.error('entity', amp, nameEnd, `"&${name}" lacks its closing ";" (write &amp; for a literal "&").`, nameEnd);
      return { value: text.slice(amp, nameEnd), end: nameEnd };
    }
    if (name in PREDEFINED) return { value: PREDEFINED[name], end: nameEnd + 1 };
    if (!this.declaredEntities.has(name) && !this.entitiesMayBeExternal && report) {
      this.error('entity', amp, nameEnd + 1, `&${name}; is not defined: XML knows only &lt; &gt; &amp; &apos; &quot; (write &amp; for a literal "&").`, nameEnd + 1);
    }
    return { value: text.slice(amp, nameEnd + 1), end: nameEnd + 1 };
  }

  private endTag(i: number): void {
    const { text, n } = this;
    const nameEnd = this.scanName(i + 2);
    const name = text.slice(i + 2, nameEnd);
    const top = this.parent;
    if (!top) {
      // Nothing is open: before the root this starts no tag; after it, it is extra content.
      const afterWs = this.skipWs(nameEnd);
      const end = name && text.charCodeAt(afterWs) === 0x3e ? afterWs + 1 : Math.max(nameEnd, i + 2);
      if (this.doc.root) this.contentOutsideRoot(i, end);
      else this.error('stray-end-tag', i, end, `${name ? `</${name}>` : '"</"'} closes nothing: no element is open here.`, i, true);
      this.i = end;
      return;
    }
    if (!name) {
      this.error('invalid-name', i, i + 2, 'An end tag "</" needs the name of the element it closes.', this.skipWs(i + 2));
      this.i = i + 2;
      this.textRunFrom(i, true);
      return;
    }
    const afterWs = this.skipWs(nameEnd);
    let j: number;
    // A parser notices a mismatch once it has read the whole end tag: that is where it reports it.
    let at: number;
    if (afterWs < n && text.charCodeAt(afterWs) === 0x3e) j = at = afterWs + 1;
    else {
      this.error('unterminated-tag', i, nameEnd, `The end tag </${name}> is not closed with ">".`, afterWs);
      j = nameEnd;
      at = afterWs;
    }
    const tag = { start: i, end: j, nameSpan: { start: i + 2, end: nameEnd } };
    this.i = j;
    if (top.name === name) {
      this.close(top, tag);
      this.stack.pop();
      this.afterClose();
      return;
    }
    // Mismatch: find the element it closes among the (nearest) open ancestors.
    let k = this.stack.length - 2;
    const floor = Math.max(0, this.stack.length - MAX_RECOVERY_DEPTH);
    while (k >= floor && this.stack[k].name !== name) k--;
    const topLine = this.lineOf(top.start);
    if (k < floor) {
      this.error(
        'tag-mismatch',
        i,
        j,
        `</${name}> does not match the open element <${top.name}> (line ${topLine}): expected </${top.name}>.`,
        at,
        true,
        { start: top.nameSpan.start, end: top.nameSpan.end, message: `<${top.name}> opened here` },
      );
      return; // ignored: it closes nothing that is open
    }
    this.error(
      'tag-mismatch',
      i,
      j,
      `</${name}> closes <${name}> (line ${this.lineOf(this.stack[k].start)}), but <${top.name}> (line ${topLine}) is still open: </${top.name}> is missing.`,
      at,
      true,
      { start: top.nameSpan.start, end: top.nameSpan.end, message: `<${top.name}> is never closed` },
    );
    for (let m = this.stack.length - 1; m > k; m--) {
      const inner = this.stack[m];
      inner.end = i;
      inner.content.end = i;
    }
    this.close(this.stack[k], tag);
    this.stack.length = k;
    this.afterClose();
  }

  private close(el: XmlElement, tag: Span & { nameSpan: Span }): void {
    el.endTag = tag;
    el.content = { start: el.startTag.end, end: tag.start };
    el.end = tag.end;
    // Kept at its exact length: an array grown by push keeps room for 17 elements.
    if (el.children.length < 64) el.children = el.children.slice();
  }

  private afterClose(): void {
    // Nothing to do yet: content after the root is detected where it starts.
  }

  // --- text ----------------------------------------------------------------------------------------

  private textRun(): void {
    this.textRunFrom(this.i, false);
  }

  /**
   * A text node from `start` to the next "<" (from this.i on). `stray` marks a "<" at `start` that is
   * already reported and taken as text.
   */
  private textRunFrom(start: number, stray: boolean): void {
    const { text, n } = this;
    let end = text.indexOf('<', this.i);
    if (end === -1) end = n;
    this.checkText(stray ? start + 1 : start, end);
    const prev = this.parent ? this.parent.children[this.parent.children.length - 1] : this.doc.children[this.doc.children.length - 1];
    if (prev && prev.kind === 'text' && prev.end === start) prev.end = end;
    else {
      const node: XmlText = { kind: 'text', start, end, parent: null };
      this.add(node);
    }
    this.i = end;
  }

  private checkText(from: number, to: number): void {
    const { text } = this;
    if (this.outsideRoot()) {
      let k = from;
      while (k < to && isWs(text.charCodeAt(k))) k++;
      if (k < to) {
        let e = k;
        while (e < to && text[e] !== '\n' && text[e] !== '\r') e++;
        this.contentOutsideRoot(k, e);
      }
      return;
    }
    // References and "]]>" inside content.
    let k = from;
    while (k < to) {
      const amp = this.next('&', k);
      const br = this.next(']]>', k);
      const next = Math.min(amp === -1 || amp >= to ? to : amp, br === -1 || br >= to ? to : br);
      if (next >= to) break;
      if (next === br) {
        this.error('cdata', br, br + 3, '"]]>" is not allowed in text: write ]]&gt;.');
        k = br + 3;
      } else k = this.reference(amp, to, true).end;
    }
  }

  private finish(): void {
    const { n } = this;
    if (!this.doc.root) {
      const onlyWs = /^\s*$/.test(this.text.slice(this.doc.bom ? (this.text.charCodeAt(0) === 0xfeff ? 1 : 3) : 0));
      this.error('no-root', 0, 0, onlyWs ? 'The file is empty: an XML document needs a root element.' : 'There is no root element: an XML document needs one.', n, true);
      return;
    }
    if (this.stack.length) {
      const outer = this.stack[0];
      const inner = this.stack[this.stack.length - 1];
      const shown = this.stack.slice(-5).reverse();
      const names = shown.map(e => `<${e.name}> (line ${this.lineOf(e.start)})`);
      if (this.stack.length > shown.length) names.push(`${this.stack.length - shown.length} more`);
      this.error(
        'unclosed-element',
        inner.nameSpan.start,
        inner.nameSpan.end,
        `The file ends while ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} still open: </${inner.name}> is missing.`,
        n,
        true,
        inner === outer ? undefined : { start: outer.nameSpan.start, end: outer.nameSpan.end, message: `<${outer.name}> is never closed either` },
      );
      for (const el of this.stack) {
        el.end = n;
        el.content.end = n;
      }
      this.stack.length = 0;
    }
  }
}

/**
 * Encoding names an XML parser (libxml2 with iconv) accepts for a file stored one byte per character.
 * Deliberately generous: only names that are nothing like an encoding are refused.
 */
export function knownEncoding(name: string): boolean {
  const e = name.toLowerCase().replace(/_/g, '-');
  return (
    /^(utf-?8|utf-?(16|32)(-?[bl]e)?|ucs-?[24]|(us-)?ascii|iso-?646.*|ansi.*)$/.test(e) ||
    /^(iso-?8859-?\d{1,2}|latin-?\d{1,2}|l\d|windows-?\d{3,4}|cp-?\d{3,5}|ibm-?\d{3,5}|x-mac.*|mac.*)$/.test(e) ||
    /^(shift-?jis|sjis|euc-?\w+|gb\w*|big5.*|koi8.*|iso-?2022.*|tis-?620|hz.*|utf-?7|viscii|armscii.*|georgian.*|tcvn.*|hp-?roman8|nextstep|cp\d+|ms-?\w+|csibm\d+|x-.*)$/.test(e)
  );
}

/** Offset of the first byte (as a Latin-1 char) that does not start or continue valid UTF-8, or -1. */
export function firstInvalidUtf8(latin1: string): number {
  const n = latin1.length;
  let k = 0;
  while (k < n) {
    const b = latin1.charCodeAt(k);
    if (b < 0x80) {
      k++;
      continue;
    }
    let len = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) (len = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (len = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (len = 3), (min = 0x10000);
    else return k;
    let cp = b & (len === 1 ? 0x1f : len === 2 ? 0x0f : 0x07);
    for (let m = 1; m <= len; m++) {
      const c = latin1.charCodeAt(k + m);
      if (!(c >= 0x80 && c <= 0xbf)) return k;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return k;
    k += len + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// Queries on the tree.

/** The attribute named exactly `name`, or undefined. */
export function attr(el: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

/** The attribute whose name equals `name` ignoring case (exact-case match first). */
export function attrCI(el: XmlElement, name: string): XmlAttribute | undefined {
  const exact = attr(el, name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const a of el.attributes) if (a.name.toLowerCase() === lower) return a;
  return undefined;
}

/** Child elements, optionally only those named `name` (exact case). */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** The innermost node whose span holds `offset` (start <= offset < end; the end too for an element never closed). */
export function nodeAt(doc: XmlDocument, offset: number): XmlNode | null {
  let list: XmlNode[] = doc.children;
  let found: XmlNode | null = null;
  for (;;) {
    let lo = 0;
    let hi = list.length - 1;
    let hit: XmlNode | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const node = list[mid];
      const openEnded = node.kind === 'element' && !node.endTag && !node.selfClosing;
      if (offset < node.start) hi = mid - 1;
      else if (offset > node.end || (offset === node.end && !openEnded)) lo = mid + 1;
      else {
        hit = node;
        break;
      }
    }
    if (!hit) return found;
    found = hit;
    if (hit.kind !== 'element') return found;
    list = hit.children;
  }
}

/** The innermost element whose span holds `offset`. */
export function elementAt(doc: XmlDocument, offset: number): XmlElement | null {
  let node = nodeAt(doc, offset);
  while (node && node.kind !== 'element') node = node.parent;
  return node;
}

/** Ancestors of a node, innermost first. */
export function ancestorsOf(node: XmlNode): XmlElement[] {
  const out: XmlElement[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The white space a line starts with, for the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

/** Escapes a string for use inside a double-quoted attribute value. */
export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
