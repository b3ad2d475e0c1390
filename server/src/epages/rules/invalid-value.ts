import { defineRule, makeFinding, type Fix, type Severity } from '../../engine/rules';
import { keyInfo, type SettingKey } from '../keys';
import { checkable, valueEdit, type EpagesLintContext, type EpagesRule } from '../lint';
import type { ShellAssignment } from '../syntax';

const meta = defineRule({
  code: 'epages/invalid-value',
  language: 'epages',
  title: 'A value the ePages hotfix tooling does not accept for this setting',
  defaultSeverity: 'warning',
  fix: 'safe',
});

const YES_LIKE = /^(?:y|yes|true|on|1|enabled?)$/i;
const NO_LIKE = /^(?:n|no|false|off|0|disabled?)?$/i;

interface Problem {
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

type Check = (ctx: EpagesLintContext, a: ShellAssignment, key: SettingKey) => Problem | null;

const change = (ctx: EpagesLintContext, a: ShellAssignment, value: string, safe: boolean, title = `Change to ${value === '' ? 'an empty value' : value}`): Fix => ({
  title,
  edits: valueEdit(ctx.file.text, a, value),
  safe,
});

const shown = (v: string) => (v === '' ? 'an empty value' : `"${v}"`);

const yesNoStrict: Check = (ctx, a) => {
  const v = a.value;
  if (v === 'yes' || v === 'no') return null;
  if (YES_LIKE.test(v)) {
    return {
      message: `${a.name}=${v} counts as "no": the hotfix script takes only the exact word yes as yes. Write yes if that is what you mean.`,
      fixes: [change(ctx, a, 'yes', false)],
    };
  }
  if (NO_LIKE.test(v)) {
    // Same behaviour either way: spelling it "no" only makes it obvious.
    return { message: `${a.name} is ${shown(v)}, which the hotfix script reads as "no"; write no.`, severity: 'information', fixes: [change(ctx, a, 'no', true)] };
  }
  return { message: `${a.name} is ${shown(v)}: the hotfix script reads every value other than yes as "no". Write yes or no.` };
};

const yesNo: Check = (ctx, a) => {
  const v = a.value;
  if (v === 'yes' || v === 'no') return null;
  const to = YES_LIKE.test(v) ? 'yes' : NO_LIKE.test(v) && v !== '' ? 'no' : null;
  return { message: `${a.name} takes yes or no, not ${shown(v)}.`, fixes: to ? [change(ctx, a, to, false)] : undefined };
};

const UNIT = /^(\d+)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?)$/i;

function number(unit: 'minutes' | 'seconds'): Check {
  return (ctx, a) => {
    const v = a.value;
    if (/^\d+$/.test(v)) return null;
    const m = UNIT.exec(v);
    let fixes: Fix[] | undefined;
    if (m) {
      const u = m[2][0].toLowerCase();
      const seconds = Number(m[1]) * (u === 'h' ? 3600 : u === 'm' ? 60 : 1);
      const target = unit === 'seconds' ? seconds : seconds / 60;
      if (Number.isInteger(target)) fixes = [change(ctx, a, String(target), false)];
    }
    return { message: `${a.name} is a whole number of ${unit}, without unit; ${shown(v)} is not.`, fixes };
  };
}

/** Day names as `date +%w` numbers them (0 is Sunday), the numbering of the 0123456 default. */
const DAY_NAMES: Record<string, number> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};

const isDaySep = (c: string) => c === ',' || c === ';' || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** Splits on runs of blanks, commas and semicolons, in one pass (no regex: blanks must not cost quadratic time). */
function dayTokens(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of v) {
    if (isDaySep(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** One day: a digit 0 to 6 or an English day name. */
function oneDay(t: string): number | null {
  if (t.length === 1 && t >= '0' && t <= '6') return Number(t);
  return DAY_NAMES[t.toLowerCase()] ?? null;
}

interface DayList {
  days: number[];
  /** Some token was a range (1-5, Mon-Fri). */
  range: boolean;
  /** Some day was written as a name. */
  names: boolean;
}

/** Reads a list of days written as digits, names and ranges; null when some token is none of these. */
function readDays(tokens: string[]): DayList | null {
  const days: number[] = [];
  let range = false;
  let names = false;
  const add = (d: number) => {
    if (!days.includes(d)) days.push(d);
  };
  for (const t of tokens) {
    const dash = t.indexOf('-');
    if (dash > 0 && dash < t.length - 1) {
      const from = oneDay(t.slice(0, dash));
      const to = oneDay(t.slice(dash + 1));
      if (from === null || to === null || from >= to) return null;
      range = true;
      if (!/^[0-6]$/.test(t.slice(0, dash))) names = true;
      for (let d = from; d <= to; d++) add(d);
      continue;
    }
    if (/^[0-6]+$/.test(t)) {
      for (const c of t) add(Number(c));
      continue;
    }
    const d = oneDay(t);
    if (d === null) return null;
    names = true;
    add(d);
  }
  return days.length ? { days, range, names } : null;
}

const days: Check = (ctx, a) => {
  const v = a.value;
  if (v === '') {
    return {
      message: `${a.name} is empty, so it lists no day. Write the days as digits 0 to 6 (0123456 is every day), or comment the line out for the default, every day.`,
      fixes: [change(ctx, a, '0123456', false, 'Change to 0123456 (every day)')],
    };
  }
  if (/^[0-6]+$/.test(v)) {
    const unique = [...new Set(v)].join('');
    if (unique === v) return null;
    // Same days, each once.
    return { message: `${a.name} lists a day twice (${v}); each digit 0 to 6 may appear once.`, fixes: [change(ctx, a, unique, true)] };
  }
  const tokens = dayTokens(v);
  const list = readDays(tokens);
  if (list) {
    const digits = list.days.join('');
    if (!list.range && !list.names) {
      // 1,2,3: the same digits without the separators.
      return {
        message: `${a.name} is a run of digits without separators (e.g. 12345), not ${shown(v)}.`,
        fixes: [change(ctx, a, digits, true, `Change to ${digits}`)],
      };
    }
    const sorted = [...list.days].sort((x, y) => x - y).join('');
    const message = list.names
      ? `${a.name} takes the days as digits 0 to 6 (0 is Sunday, 1 Monday ... 6 Saturday), not names: ${shown(v)} is ${sorted}.`
      : `${a.name} takes the days one by one as digits, not a range: ${v} is ${sorted}.`;
    // The numbering of names is the cron convention: offered, never applied unasked.
    return { message, fixes: [change(ctx, a, sorted, false, `Change to ${sorted}`)] };
  }
  const bad = tokens
    .filter(t => readDays([t]) === null)
    .map(t => (/[0-6]/.test(t) && !t.includes('-') ? [...new Set(t.replace(/[0-6]/g, ''))].join('') : t))
    .filter(Boolean);
  const sevenNote = v.includes('7') ? ' There is no day 7: the week is numbered 0 to 6.' : '';
  const holds = bad.length ? `; ${shown(v)} holds ${bad.map(b => JSON.stringify(b)).join(', ')}` : '';
  return { message: `${a.name} takes digits 0 to 6 only (0123456 is every day)${holds}.${sevenNote}` };
};

const LOCAL = "[A-Za-z0-9._%+!#&'*/=?^{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const RECIPIENT = new RegExp(`^${LOCAL}(?:@${LABEL}(?:\\.${LABEL})*)?$`);

const mailto: Check = (ctx, a) => {
  const v = a.value.trim();
  if (v === '' || v.includes('<')) return null;
  if (v.includes(';')) {
    const fixed = v.split(/\s*;\s*/).filter(Boolean).join(',');
    return { message: `${a.name} separates recipients with ";": mail reads that as part of an address. Separate them with commas.`, fixes: [change(ctx, a, fixed, false)] };
  }
  const bad = v.split(/[\s,]+/).filter(r => r && !RECIPIENT.test(r));
  if (!bad.length) return null;
  return { message: `${a.name} holds ${bad.map(b => `"${b}"`).join(', ')}, which is neither a user name nor an e-mail address.` };
};

const STORETYPE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const storetypes: Check = (ctx, a) => {
  const v = a.value;
  if (/[,;]/.test(v)) {
    const names = v.split(/[\s,;]+/).filter(Boolean);
    return {
      message: `${a.name} is a list separated by spaces, not by "," or ";": the installer would look for a store type named ${JSON.stringify(v.trim())}.`,
      fixes: [change(ctx, a, [...new Set(names)].join(' '), false)],
    };
  }
  const names = v.split(/\s+/).filter(Boolean);
  const bad = names.filter(n => !STORETYPE.test(n));
  if (bad.length) return { message: `${bad.map(b => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not a store type name' : 'are not store type names'} (letters, digits, "_", "-" and ".").` };
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length) {
    return {
      message: `${a.name} lists ${[...new Set(dup)].join(', ')} more than once.`,
      fixes: [change(ctx, a, [...new Set(names)].join(' '), true, 'Remove the repeated names')],
    };
  }
  return null;
};

const CHECKS: Partial<Record<SettingKey['kind'], Check>> = {
  'yes-no-strict': yesNoStrict,
  'yes-no': yesNo,
  minutes: number('minutes'),
  seconds: number('seconds'),
  days,
  mailto,
  storetypes,
};

export const invalidValue: EpagesRule = {
  meta,
  check(ctx) {
    for (const a of ctx.tree.assignments) {
      const key = keyInfo(ctx.kind, a.name);
      if (!key || !checkable(a)) continue;
      const check = CHECKS[key.kind];
      const p = check?.(ctx, a, key);
      if (!p) continue;
      const fixes = p.fixes?.filter(f => f.edits.length);
      const end = a.valueEnd > a.valueStart ? a.valueEnd : a.nameEnd + 1;
      const start = a.valueEnd > a.valueStart ? a.valueStart : a.nameStart;
      const extra: Parameters<typeof makeFinding>[4] = {};
      if (p.severity) extra.severity = p.severity;
      if (fixes?.length) extra.fixes = fixes;
      ctx.report(makeFinding(meta, start, end, p.message, extra));
    }
  },
};
