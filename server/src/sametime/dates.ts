// lastModDate values. HCL documents the SimpleDateFormat pattern yyyyMMdd'T'HHmmss (`20210211T173921`,
// optionally followed by a zone) and one of its examples uses `2021-02-11T17:39:21-05`. Both forms are
// read here; "Bump lastModDate" writes a new value in the form (and zone style) the file already uses.

export type DateForm = 'compact' | 'extended';
/** How the zone is written: none, `Z`, `-05`, `-0500` or `-05:00`. */
export type ZoneStyle = '' | 'Z' | 'hh' | 'hhmm' | 'hh:mm';

export interface LastModDate {
  form: DateForm;
  zone: ZoneStyle;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC, or null when no zone is written (local time of the client). */
  offsetMinutes: number | null;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DateCheck = { ok: true; date: LastModDate } | { ok: false; reason: string };

/** Reads a lastModDate value in one of the two documented forms. */
export function parseLastModDate(value: string): DateCheck {
  const v = value.trim();
  if (v.length > 40) return { ok: false, reason: 'it is not a date' };
  const m = COMPACT.exec(v) ?? EXTENDED.exec(v);
  if (!m) return { ok: false, reason: 'it is in neither documented form (20210211T173921 or 2021-02-11T17:39:21-05)' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return { ok: false, reason: `there is no month ${m[2]}` };
  if (day < 1 || day > daysIn(year, month)) return { ok: false, reason: `${year}-${m[2]} has no day ${m[3]}` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `${m[4]}:${m[5]}:${m[6]} is not a time of day` };
  const z = m[7] ?? '';
  let zone: ZoneStyle = '';
  let offsetMinutes: number | null = null;
  if (z === 'Z') {
    zone = 'Z';
    offsetMinutes = 0;
  } else if (z) {
    const sign = z[0] === '-' ? -1 : 1;
    const hh = Number(z.slice(1, 3));
    const mm = z.length > 3 ? Number(z.slice(-2)) : 0;
    if (hh > 14 || mm > 59) return { ok: false, reason: `${z} is not a time zone offset` };
    zone = z.length === 3 ? 'hh' : z.includes(':') ? 'hh:mm' : 'hhmm';
    offsetMinutes = sign * (hh * 60 + mm);
  }
  return { ok: true, date: { form: COMPACT.test(v) ? 'compact' : 'extended', zone, year, month, day, hour, minute, second, offsetMinutes } };
}

/** The instant a value stands for; a value without zone is read in `localOffsetMinutes`. */
export function instantOf(d: LastModDate, localOffsetMinutes: number): number {
  const off = d.offsetMinutes ?? localOffsetMinutes;
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) - off * 60_000;
}

const p2 = (x: number) => String(x).padStart(2, '0');

function zoneText(style: ZoneStyle, offsetMinutes: number): string {
  if (style === '') return '';
  if (style === 'Z') return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = p2(Math.floor(abs / 60));
  const mm = p2(abs % 60);
  if (style === 'hh' && abs % 60 === 0) return `${sign}${hh}`;
  if (style === 'hhmm') return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}

/** Writes `instant` (ms) in a form and zone style; `offsetMinutes` is the zone to write it in. */
export function formatLastModDate(instant: number, form: DateForm, zone: ZoneStyle, offsetMinutes: number): string {
  const off = zone === 'Z' ? 0 : offsetMinutes;
  const t = new Date(instant + off * 60_000);
  const [y, mo, d, h, mi, s] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  const body =
    form === 'compact' ? `${String(y).padStart(4, '0')}${p2(mo)}${p2(d)}T${p2(h)}${p2(mi)}${p2(s)}` : `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}`;
  return body + zoneText(zone, off);
}

/** What "now" is: injectable so that tests (and the bump action) are deterministic. */
export interface Clock {
  now(): Date;
  /** Minutes east of UTC at that moment (the machine's zone by default). */
  offsetMinutes(at: Date): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  offsetMinutes: at => -at.getTimezoneOffset(),
};

/** A readable rendering for hover: `2021-02-11 17:39:21 (UTC-05:00)` or `(client's local time)`. */
export function describeLastModDate(d: LastModDate): string {
  const body = `${String(d.year).padStart(4, '0')}-${p2(d.month)}-${p2(d.day)} ${p2(d.hour)}:${p2(d.minute)}:${p2(d.second)}`;
  if (d.offsetMinutes === null) return `${body} (no zone: read in the client's local time)`;
  return `${body} (UTC${zoneText('hh:mm', d.offsetMinutes).replace('+00:00', '')})`;
}
