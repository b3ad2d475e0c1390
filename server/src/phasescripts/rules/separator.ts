import { defineRule, makeFinding } from '../../engine/rules';
import { renameFix, type PhaseRule } from '../lint';
import { closestNames, moduleInfo, PHASE_NAMES, phaseInfo } from '../model';

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
    // When the phase or the module is misspelt too, their rule offers the one rename that corrects
    // everything (separator included); a second rename here would lead to a name that is still wrong.
    const otherWrong =
      (!phaseInfo(name.phase.text) && closestNames(name.phase.text, PHASE_NAMES).length > 0) ||
      (!moduleInfo(name.module.text, settings) && closestNames(name.module.text, settings.modules).length > 0);
    const fix = otherWrong ? undefined : renameFix(ctx, part, settings.separator);
    ctx.report(makeFinding(meta, 0, 0, message, { fixes: fix ? [fix] : undefined }));
  },
};
