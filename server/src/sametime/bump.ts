// "Bump lastModDate": a client that already applied a settingGroup applies it again only when its
// lastModDate changes, so every edit of a group needs a new value. The action writes "now" in the form
// the file already uses (20210211T173921 or 2021-02-11T17:39:21-05, with the same zone style), always
// later than the value it replaces, as one minimal edit of the attribute value (or one insertion when
// the group has no lastModDate yet).
import { minimalEdit, type OffsetEdit } from '../engine/text';
import { elementAt, type XmlElement } from '../xml/parser';
import { formatLastModDate, instantOf, parseLastModDate, systemClock, type Clock, type DateForm, type LastModDate, type ZoneStyle } from './dates';
import { groupOf, type SametimeInput, type SettingGroupEntry } from './model';

export interface BumpAction {
  title: string;
  edits: OffsetEdit[];
  /** The group(s) it changes. */
  groups: SettingGroupEntry[];
  /** The value written. */
  value: string;
}

type Style = { form: DateForm; zone: ZoneStyle; zoneOffset: number | null };

/** The form of the file: the first readable lastModDate of any group; the documented compact form without one. */
function fileStyle(input: SametimeInput): Style {
  for (const g of input.tree.model.groups) {
    const r = g.lastModDate?.value ? parseLastModDate(g.lastModDate.value) : null;
    if (r?.ok) return { form: r.date.form, zone: r.date.zone, zoneOffset: r.date.offsetMinutes };
  }
  return { form: 'compact', zone: '', zoneOffset: null };
}

/**
 * The new value for a group: now, or one second after the current value when that is not earlier,
 * in the group's own form, else the file's. `style` can be passed to avoid recomputing the file's.
 */
export function nextLastModDate(input: SametimeInput, group: SettingGroupEntry, clock: Clock = systemClock, style?: () => Style): string {
  const now = clock.now();
  const offset = clock.offsetMinutes(now);
  const own = group.lastModDate?.value ? parseLastModDate(group.lastModDate.value) : null;
  const old: LastModDate | null = own?.ok ? own.date : null;
  const { form, zone, zoneOffset } = old ? { form: old.form, zone: old.zone, zoneOffset: old.offsetMinutes } : (style ?? (() => fileStyle(input)))();
  let instant = Math.floor(now.getTime() / 1000) * 1000;
  if (old) {
    const before = instantOf(old, offset);
    if (instant <= before) instant = before + 1000;
  }
  // A written zone is kept (the file's author chose it); without one, the time is the machine's local time.
  return formatLastModDate(instant, form, zone, zoneOffset ?? offset);
}

function editFor(input: SametimeInput, group: SettingGroupEntry, value: string): OffsetEdit | null {
  const { text } = input;
  const a = group.lastModDate;
  const el = group.element;
  if (a?.valueSpan && a.quote) return minimalEdit(text, a.valueSpan.start, a.valueSpan.end, value);
  if (a) return { start: a.start, end: a.end, newText: `lastModDate="${value}"` };
  const after = group.nameAttr ?? el.attributes[el.attributes.length - 1];
  const at = after ? after.end : el.nameSpan.end;
  return { start: at, end: at, newText: ` lastModDate="${value}"` };
}

/** One action per group is offered for at most this many groups (a whole-file selection has them all). */
const MAX_GROUP_ACTIONS = 10;

/** Is `offset` (or the range) on the group: its start tag or anything inside it. */
function groupsInRange(input: SametimeInput, start: number, end: number): SettingGroupEntry[] {
  const { doc, model } = input.tree;
  const out: SettingGroupEntry[] = [];
  const first = groupOf(model, elementAt(doc, start));
  if (first) out.push(first);
  for (const g of model.groups) {
    if (out.length >= MAX_GROUP_ACTIONS) break;
    if (g !== first && g.element.start < end && g.element.end > start) out.push(g);
  }
  return out;
}

/**
 * The bump actions at a range: one per settingGroup the range touches, and one for every group of
 * the file when the range is on the root start tag.
 */
export function bumpActions(input: SametimeInput, start: number, end: number, clock: Clock = systemClock): BumpAction[] {
  const { model } = input.tree;
  const out: BumpAction[] = [];
  let cached: Style | undefined;
  const style = () => (cached ??= fileStyle(input));
  for (const g of groupsInRange(input, start, end)) {
    const value = nextLastModDate(input, g, clock, style);
    const edit = editFor(input, g, value);
    if (!edit) continue;
    const label = g.name ? `settingGroup "${g.name}"` : 'this settingGroup';
    out.push({ title: g.lastModDate ? `Bump lastModDate of ${label}` : `Add lastModDate to ${label}`, edits: [edit], groups: [g], value });
  }
  const root: XmlElement | null = model.root;
  if (root && root.name === 'ManagedSettings' && model.groups.length > 1 && start < root.startTag.end && end >= root.startTag.start) {
    const edits: OffsetEdit[] = [];
    let value = '';
    for (const g of model.groups) {
      value = nextLastModDate(input, g, clock, style);
      const e = editFor(input, g, value);
      if (e) edits.push(e);
    }
    if (edits.length) out.push({ title: `Bump lastModDate of every settingGroup (${model.groups.length})`, edits, groups: model.groups, value });
  }
  return out;
}
