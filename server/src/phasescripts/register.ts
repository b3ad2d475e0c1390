// Registers the phase-script language with the engine (imported once by server/src/languages.ts).
import { registerLanguage } from '../engine/registry';
import type { SourceFile } from '../engine/workspace';
import { lintPhaseScript } from './lint';
import { scanPowerShell, type PhaseScriptTree } from './scanner';

registerLanguage('phasescript', scanPowerShell, (project, file) => lintPhaseScript(project, file as SourceFile<PhaseScriptTree>));
