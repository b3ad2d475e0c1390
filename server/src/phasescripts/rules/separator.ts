import { defineRule, makeFinding } from '../../engine/rules';
import { renameFix, type PhaseRule } from '../lint';

const meta = defineRule({
  code: 'phase/separator',
  language: 'phasescript',
  title: 'A phase script whose name separates phase and module with another character than the configured one',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

const shown = (s: string) => (s === ' ' ? 'a space' : `"${s}"`);

export const separator: PhaseRule = {
  meta,
  check(ctx) {
    const { name, settings } = ctx;
    if (name.separator === null || name.module === null || name.separator === settings.separator) return;
    const at = name.phase.end;
    const part = { text: name.separator, start: at, end: at + name.separator.length };
    const expected = name.stem.slice(0, at) + settings.separator + name.stem.slice(part.end) + name.ext;
    const message =
      name.separator === ''
        ? `${name.base} has no separator between the phase and the module; the updater expects ${expected}.`
        : `${name.base} separates phase and module with ${shown(name.separator)}; this installation uses ${shown(settings.separator)} (${expected}), so the updater may not find the script.`;
    const fix = renameFix(ctx, part, settings.separator);
    ctx.report(makeFinding(meta, 0, 0, message, { fixes: fix ? [fix] : undefined }));
  },
};
