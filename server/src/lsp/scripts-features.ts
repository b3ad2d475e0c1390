// Hover and code lens for update phase scripts and ePages settings; the "New phase script" command.
import * as nodePath from 'node:path';
import { epagesHover } from '../epages/hover';
import { phaseScriptCodeLenses, phaseScriptHover } from '../phasescripts/hover';
import { phaseSettings, PHASE_NAMES } from '../phasescripts/model';
import { newPhaseScript } from '../phasescripts/template';
import type { Feature } from './features';
import type { LanguageHandlers } from './router';

export const NEW_PHASE_SCRIPT_COMMAND = 'upkeep.server.phase.new';

export const phaseScriptHandlers: LanguageHandlers = {
  name: 'phasescript',
  hover(s, p) {
    const f = s.sourceFile(p.textDocument.uri);
    return f?.language === 'phasescript' ? phaseScriptHover(s.project, f, f.index.offsetAt(p.position)) : null;
  },
  codeLens(s, p) {
    const f = s.sourceFile(p.textDocument.uri);
    return f?.language === 'phasescript' ? phaseScriptCodeLenses(s.project, f) : null;
  },
};

export const epagesHandlers: LanguageHandlers = {
  name: 'epages',
  hover(s, p) {
    const f = s.sourceFile(p.textDocument.uri);
    return f?.language === 'epages' ? epagesHover(s.project, f, f.index.offsetAt(p.position)) : null;
  },
};

export const phaseScriptFeature: Feature = {
  name: 'phase-scripts',
  register(s) {
    s.commands.register({
      id: NEW_PHASE_SCRIPT_COMMAND,
      run(args) {
        const settings = phaseSettings(s.project.options.phaseScripts);
        if (args.length === 0) return { phases: [...PHASE_NAMES], modules: settings.modules, separator: settings.separator, folder: settings.folder };
        const [phase, module] = args.map(String);
        const script = newPhaseScript(phase, module, settings.separator);
        return { ...script, folder: settings.folder.split('/').join(nodePath.sep) };
      },
    });
  },
};
