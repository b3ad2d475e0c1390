// Typographic quotes used as attribute delimiters (name=”x”, value="80″), found per start tag and in
// the XML declaration, with the straight quotes that replace them. The XML parser already recovers
// from them; this scan decides the delimiters the way the author meant them (a closing quote is one
// followed by white space, `>`, `/>` or `?>`), so that `name=”it’s”` keeps its apostrophe.
import { TYPOGRAPHIC_QUOTES, type Span, type XmlDocument } from '../xml/parser';

export interface QuoteProblem {
  /** From the first typographic delimiter to the last. */
  region: Span;
  /** The whole start tag (or declaration) holding them. */
  tagSpan: Span;
  /** Name of the element (or `?xml`). */
  tag: string;
  /** Offsets of the typographic delimiters, in order. */
  delimiters: number[];
  /** Attribute names whose delimiters are typographic. */
  attributes: string[];
  /** Replacements, one per delimiter, or null when one value could not be re-quoted safely. */
  replacements: { at: number; with: '"' | "'" }[] | null;
}

const isTypo = (c: string) => c.length === 1 && TYPOGRAPHIC_QUOTES.includes(c);
const isStraight = (c: string) => c === '"' || c === "'";
const isAnyQuote = (c: string) => isStraight(c) || isTypo(c);
const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameChar = (c: string) => !!c && !isWs(c) && c !== '=' && c !== '>' && c !== '/' && c !== '<' && !isAnyQuote(c) && c !== '?';

/** Can the character at `p` follow a closing delimiter? */
function endsValue(text: string, p: number, to: number): boolean {
  if (p >= to) return true;
  const c = text[p];
  return isWs(c) || c === '>' || c === '/' || (c === '?' && text[p + 1] === '>');
}

/** Scans one tag's attribute list in [from, to). */
export function scanTag(text: string, from: number, to: number, tag: string, tagSpan: Span): QuoteProblem | null {
  const delimiters: number[] = [];
  const attributes: string[] = [];
  const replacements: { at: number; with: '"' | "'" }[] = [];
  let fixable = true;
  let i = from;
  let lastName = '';
  while (i < to) {
    const c = text[i];
    if (isNameChar(c)) {
      const s = i;
      while (i < to && isNameChar(text[i])) i++;
      lastName = text.slice(s, i);
      continue;
    }
    if (c !== '=') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && isWs(text[j])) j++;
    if (j >= to) break;
    const q = text[j];
    if (isStraight(q)) {
      // As XML reads it: the next same quote. A typographic one is the delimiter only when the
      // straight close is followed by something that cannot follow a value.
      let k = j + 1;
      let typoClose = -1;
      while (k < to && text[k] !== q && text[k] !== '<') {
        if (typoClose < 0 && isTypo(text[k]) && endsValue(text, k + 1, to)) typoClose = k;
        k++;
      }
      const closed = k < to && text[k] === q;
      if (closed && (endsValue(text, k + 1, to) || typoClose < 0)) {
        i = k + 1;
        continue;
      }
      if (typoClose >= 0) {
        delimiters.push(typoClose);
        attributes.push(lastName);
        if (text.slice(j + 1, typoClose).includes(q)) fixable = false;
        else replacements.push({ at: typoClose, with: q as '"' | "'" });
        i = typoClose + 1;
        continue;
      }
      i = closed ? k + 1 : k;
      continue;
    }
    if (!isTypo(q)) {
      i = j;
      continue;
    }
    // A typographic opening quote: the closing one is the first quote followed by what can follow a
    // value, before the end of the line; failing that, the first quote at all.
    let close = -1;
    let firstQuote = -1;
    for (let k = j + 1; k < to; k++) {
      const ch = text[k];
      if (ch === '<' || ch === '\n' || ch === '\r') break;
      if (isAnyQuote(ch)) {
        if (firstQuote < 0) firstQuote = k;
        if (endsValue(text, k + 1, to)) {
          close = k;
          break;
        }
      }
    }
    if (close < 0) close = firstQuote;
    delimiters.push(j);
    attributes.push(lastName);
    if (close < 0) {
      fixable = false;
      let k = j + 1;
      while (k < to && !isWs(text[k]) && text[k] !== '>') k++;
      i = k;
      continue;
    }
    const inner = text.slice(j + 1, close);
    const closeCh = text[close];
    let r: '"' | "'" | null;
    if (isStraight(closeCh)) r = inner.includes(closeCh) ? null : (closeCh as '"' | "'");
    else r = !inner.includes('"') ? '"' : !inner.includes("'") ? "'" : null;
    if (!r) fixable = false;
    else {
      replacements.push({ at: j, with: r });
      if (isTypo(closeCh)) replacements.push({ at: close, with: r });
    }
    if (isTypo(closeCh)) delimiters.push(close);
    i = close + 1;
  }
  if (!delimiters.length) return null;
  return {
    region: { start: delimiters[0], end: delimiters[delimiters.length - 1] + 1 },
    tagSpan,
    tag,
    delimiters,
    attributes: [...new Set(attributes.filter(Boolean))],
    replacements: fixable ? replacements : null,
  };
}

/** Every start tag and declaration with typographic delimiters. */
export function quoteProblems(doc: XmlDocument): QuoteProblem[] {
  const { text } = doc;
  const out: QuoteProblem[] = [];
  const decls = doc.children.filter(c => c.kind === 'declaration');
  for (const d of decls) {
    const p = scanTag(text, d.start + 5, d.end, '?xml', { start: d.start, end: d.end });
    if (p) out.push(p);
  }
  for (const el of doc.elements) {
    // Cheap pre-check: most tags have no typographic character at all.
    let has = false;
    for (let k = el.nameSpan.end; k < el.startTag.end && !has; k++) has = isTypo(text[k]);
    if (!has) continue;
    const p = scanTag(text, el.nameSpan.end, el.startTag.end, el.name, el.startTag);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.region.start - b.region.start);
}
