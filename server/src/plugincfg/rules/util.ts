// Helpers shared by plugin-cfg rules: where to underline an attribute or an element.
import type { Span, XmlAttribute, XmlElement } from '../../xml/parser';

/** The attribute's value (between the quotes), or its name when it has no value. */
export function valueSpan(a: XmlAttribute): Span {
  return a.valueSpan && a.valueSpan.end > a.valueSpan.start ? a.valueSpan : a.nameSpan;
}

/** The element's name in its start tag. */
export function tagSpan(el: XmlElement): Span {
  return el.nameSpan;
}

/** `"name"` for messages, or "(no name)". */
export function quoted(name: string): string {
  return name ? `"${name}"` : '(no name)';
}
