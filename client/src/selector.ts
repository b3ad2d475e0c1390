// Which editor documents the Upkeep language server receives, in one place. The server decides per
// file (by name, path and content, see server/src/engine/files.ts); these filters only keep unrelated
// documents away from it, so they may be broader than the server's rules but never narrower.
// Plain data (no `vscode` import at run time) so tests can check it against the server's classifier.

/** A document filter both `vscode.languages.match` and vscode-languageclient accept. */
export interface UpkeepDocumentFilter {
  scheme: string;
  language?: string;
  /** Glob on the file path (VS Code glob syntax: `**`, `*`, `{a,b}`). */
  pattern?: string;
}

/** Phase names of update scripts (PHASE_module.ps1). */
export const PHASES = ['STARTUPDATE', 'PREBACKUP', 'POSTBACKUP', 'PREINSTALL', 'POSTINSTALL', 'ENDUPDATE'] as const;

export const DOCUMENT_SELECTOR: UpkeepDocumentFilter[] = [
  // Apache httpd / IBM HTTP Server: the `apacheconf` language (file names set in package.json).
  { scheme: 'file', language: 'apacheconf' },
  { scheme: 'untitled', language: 'apacheconf' },
  // WebSphere plug-in configuration.
  { scheme: 'file', language: 'xml', pattern: '**/plugin-cfg*.xml' },
  // Sametime managed settings.
  { scheme: 'file', language: 'xml', pattern: '**/managed-settings.xml' },
  { scheme: 'file', language: 'xml', pattern: '**/managed-community-configs.xml' },
  // Update phase scripts: PHASE_module.ps1 anywhere, and every script of an updates/scripts folder.
  { scheme: 'file', language: 'powershell', pattern: `**/{${PHASES.join(',')}}*.ps1` },
  { scheme: 'file', language: 'powershell', pattern: '**/updates/scripts/*.ps1' },
  // ePages hotfix settings (shell-style files without an extension, so any language).
  { scheme: 'file', pattern: '**/sysconfig/epages-hotfix' },
  { scheme: 'file', pattern: '**/default/epages6' },
  // The settings file (language `json` in VS Code, any in other editors): the server shows its problems in it.
  { scheme: 'file', pattern: '**/.upkeep.json' },
];

/** Files whose change on disk can change findings in open documents (one list, in the engine). */
export { WATCHED_GLOBS as WATCHED_FILES } from '../../server/src/engine/files';

/** The settings section the server reads (`upkeep.rules`, ...). */
export const SETTINGS_SECTION = 'upkeep';
