import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { closestNames, phaseInfo, PHASE_NAMES } from '../model';
import { renameFix, type PhaseRule } from '../lint';

const meta = defineRule({
  code: 'phase/unknown-phase',
  language: 'phasescript',
  title: 'A script in the update scripts folder whose name starts with no phase the updater runs',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const unknownPhase: PhaseRule = {
  meta,
  check(ctx) {
    const { name, settings } = ctx;
    const phase = name.phase.text;
    if (phaseInfo(phase)) return;
    const list = PHASE_NAMES.join(', ');
    const pattern = `PHASE${settings.separator}module.ps1`;
    let message: string;
    if (phase === '') {
      message = `${name.base} starts with the separator, so it names no phase; the updater only runs scripts named ${pattern} with one of ${list}.`;
    } else if (name.module === null) {
      message = `${name.base} does not follow the ${pattern} pattern, so the updater never runs it. Phases: ${list}.`;
    } else {
      message = `"${phase}" is not a phase of the updater, so it never runs ${name.base}. Phases: ${list}.`;
    }
    const candidates = closestNames(phase, PHASE_NAMES);
    if (candidates.length) message += ` Did you mean ${candidates.join(', ')}?`;
    const fixes = candidates.map(c => renameFix(ctx, name.phase, c)).filter((f): f is Fix => !!f);
    ctx.report(makeFinding(meta, 0, 0, message, { fixes: fixes.length ? fixes : undefined }));
  },
};
