// "New phase script...": the file name and a starting content for a phase and a module. Pure. The
// content is plain ASCII on purpose: Windows PowerShell 5.1 reads a UTF-8 file without BOM as the
// ANSI code page, so any accented letter in a comment or string would be mangled.
import { DEFAULT_MODULES, DEFAULT_SEPARATOR, ENV_VARS, phaseFileName, phaseInfo, PHASE_DOCS_URL, type ModuleInfo } from './model';
import { phaseStateLines } from './hover';

export interface NewPhaseScript {
  fileName: string;
  content: string;
}

export function newPhaseScript(phase: string, module: string, separator: string = DEFAULT_SEPARATOR, eol: '\r\n' | '\n' = '\r\n'): NewPhaseScript {
  const info = phaseInfo(phase);
  const phaseName = info?.name ?? phase;
  const mod: ModuleInfo | undefined = DEFAULT_MODULES.find(m => m.name === module.toLowerCase());
  const fileName = phaseFileName(phaseName, module, separator);
  const lines: string[] = [`# ${fileName}`];
  if (info) {
    lines.push(`# Runs ${info.when}.`);
    lines.push(`# Typical use: ${info.useFor}.`);
  }
  if (mod) lines.push(`# Module ${mod.name}: ${mod.description}.`);
  if (info) {
    lines.push('#', '# At this point:');
    for (const l of phaseStateLines(info, mod)) lines.push(`#   ${l.replace(/ \*$/, '')}`);
  }
  lines.push('#', '# Set by the updater (both values end with a backslash):');
  for (const v of ENV_VARS) lines.push(`#   $env:${v.name.padEnd(14)} ${v.holds}`);
  lines.push(`# See ${PHASE_DOCS_URL}`);
  lines.push(
    '',
    "# Uncomment to stop at the first error (how the updater reacts to a failing script is not documented):",
    "# $ErrorActionPreference = 'Stop'",
    '',
    '$modulePath = $env:E_MODULE_PATH',
    '$backupPath = $env:E_BACKUP_PATH',
    '',
    'Push-Location $modulePath',
    'try {',
    "    # Example: $webConfig = Join-Path $modulePath 'web.config'",
    '}',
    'finally {',
    '    Pop-Location',
    '}',
    '',
  );
  return { fileName, content: lines.join(eol) };
}
