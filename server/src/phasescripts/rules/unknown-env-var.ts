import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { closestNames, ENV_VARS, envVarInfo, isUpdaterVariableName } from '../model';
import type { PhaseRule } from '../lint';

const meta = defineRule({
  code: 'phase/unknown-env-var',
  language: 'phasescript',
  title: 'An E_ environment variable that the updater does not set',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

const KNOWN = ENV_VARS.map(v => v.name);

export const unknownEnvVar: PhaseRule = {
  meta,
  check(ctx) {
    const refs = ctx.tree.envRefs;
    // A variable the script sets itself is its own business.
    const setHere = new Set(refs.filter(r => r.assigned).map(r => r.name.toUpperCase()));
    for (const ref of refs) {
      if (ref.assigned || !isUpdaterVariableName(ref.name) || envVarInfo(ref.name)) continue;
      const upper = ref.name.toUpperCase();
      if (setHere.has(upper)) continue;
      const known = KNOWN.join(' and ');
      const glued = KNOWN.find(k => upper.startsWith(k) && upper.length > k.length);
      if (glued && ref.form === 'variable' && ref.inString) {
        // "$env:E_MODULE_PATHweb.config": the name runs on into the text that follows.
        const rest = ref.name.slice(glued.length);
        const message =
          `In this string PowerShell reads the variable name ${ref.name}, which the updater does not set, so the value is empty. ` +
          `Write \${env:${glued}}${rest} to end the name after ${glued} (its value already ends with a backslash).`;
        const fix: Fix = {
          title: `Write \${env:${glued}}${rest}`,
          edits: [
            { start: ref.start + 1, end: ref.start + 1, newText: '{' },
            { start: ref.nameStart + glued.length, end: ref.nameStart + glued.length, newText: '}' },
          ],
          safe: false,
        };
        ctx.report(makeFinding(meta, ref.nameStart, ref.nameEnd, message, { fixes: [fix] }));
        continue;
      }
      let message = `The updater does not set ${ref.name}: it sets only ${known}, so this reads an empty value.`;
      const candidates = glued ? [glued] : closestNames(ref.name, KNOWN);
      if (candidates.length) message += ` Did you mean ${candidates.join(', ')}?`;
      // A name that runs on (E_MODULE_PATHweb) outside a string: replacing it would drop the rest, and
      // where that rest belongs is the author's call.
      const fixes: Fix[] = (glued ? [] : candidates).map(c => ({
        title: `Change to ${c}`,
        edits: [{ start: ref.nameStart, end: ref.nameEnd, newText: c }],
        safe: false,
      }));
      ctx.report(makeFinding(meta, ref.nameStart, ref.nameEnd, message, { fixes: fixes.length ? fixes : undefined }));
    }
  },
};
