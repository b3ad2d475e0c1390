import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { closestNames, moduleInfo, phaseInfo } from '../model';
import { correctedPart, renameFix, type PhaseRule } from '../lint';

const meta = defineRule({
  code: 'phase/unknown-module',
  language: 'phasescript',
  title: 'A phase script named after a module the updater does not update',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const unknownModule: PhaseRule = {
  meta,
  check(ctx) {
    const { name, settings } = ctx;
    const list = settings.modules.join(', ');
    const phase = phaseInfo(name.phase.text)?.name ?? name.phase.text;
    if (name.module === null) {
      // Without a known phase either, the name is simply not a phase script name (phase/unknown-phase says so).
      if (!phaseInfo(name.phase.text)) return;
      const message = `${name.base} names no module: the updater runs ${phase}${settings.separator}<module>.ps1, with one of ${list}.`;
      ctx.report(makeFinding(meta, 0, 0, message));
      return;
    }
    const module = name.module.text;
    if (moduleInfo(module, settings)) return;
    if (module === '') {
      const message = `${name.base} has nothing after the separator, so it names no module. Modules: ${list}.`;
      ctx.report(makeFinding(meta, 0, 0, message));
      return;
    }
    let message = `"${module}" is not a module the updater knows, so it never runs ${name.base}. Modules: ${list}.`;
    const candidates = closestNames(module, settings.modules);
    if (candidates.length) message += ` Did you mean ${candidates.join(', ')}?`;
    // A misspelt phase with one candidate: its rule's rename already corrects this module too.
    const phaseCovers = !phaseInfo(name.phase.text) && correctedPart(ctx, 'phase') !== null && candidates.length === 1;
    const fixes = phaseCovers ? [] : candidates.map(c => renameFix(ctx, name.module!, c)).filter((f): f is Fix => !!f);
    ctx.report(makeFinding(meta, 0, 0, message, { fixes: fixes.length ? fixes : undefined }));
  },
};
