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
