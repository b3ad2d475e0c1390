// Registers the Sametime files (managed-settings.xml, managed-community-configs.xml) with the engine.
// Imported once by server/src/languages.ts.
import { registerLanguage } from '../engine/registry';
import type { SourceFile } from '../engine/workspace';
import { lintSametime } from './lint';
import { parseSametime, type SametimeTree } from './model';

registerLanguage('sametime', parseSametime, (project, file) => lintSametime(project, file as SourceFile<SametimeTree>));
