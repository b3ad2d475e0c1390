// Helpers shared by the Sametime rules: where to underline, how to quote in messages.
import type { Span, XmlAttribute } from '../../xml/parser';

/** The attribute's value (between the quotes), or its name when the value is empty or missing. */
export function valueSpan(a: XmlAttribute): Span {
  return a.valueSpan && a.valueSpan.end > a.valueSpan.start ? a.valueSpan : a.nameSpan;
}

/** A value for messages: `"x"`, or `(empty)`. */
export function shown(value: string): string {
  return value === '' ? '(empty)' : `"${value.length > 80 ? value.slice(0, 77) + '...' : value}"`;
}

/** Is the attribute's value delimited by a straight quote and closed by the same one? */
export function properlyQuoted(a: XmlAttribute): a is XmlAttribute & { valueSpan: Span; quote: '"' | "'" } {
  return !!a.valueSpan && (a.quote === '"' || a.quote === "'") && a.closeQuote === a.quote;
}

/** `value` escaped for an attribute delimited by `quote`: &, < and that quote become references. */
export function escapeFor(value: string, quote: '"' | "'"): string {
  const q = quote === '"' ? /"/g : /'/g;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(q, quote === '"' ? '&quot;' : '&apos;');
}
