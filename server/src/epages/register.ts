// Registers the ePages language with the engine (imported once by server/src/languages.ts).
import { registerLanguage } from '../engine/registry';
import type { SourceFile } from '../engine/workspace';
import { lintEpages } from './lint';
import { parseShellAssignments, type ShellTree } from './syntax';

registerLanguage('epages', parseShellAssignments, (project, file) => lintEpages(project, file as SourceFile<ShellTree>));
