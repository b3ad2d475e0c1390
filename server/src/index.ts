// The engine's public API, bundled as dist/engine.js: the same functions the server and CLI use.
export { lintFile, registerLanguage, type LintResult } from './languages';
export { Project, nodeFileSystem, MemoryFileSystem, OverlayFileSystem, type FileSystem, type ProjectOptions } from './engine/workspace';
export { allRules, ruleMeta, type Finding, type Fix, type RuleMeta, type Severity } from './engine/rules';
export { LineIndex, applyOffsetEdits, applyTextEdits } from './engine/text';
export { classifyFile } from './engine/files';
export { parseHttpd, type HttpdTree } from './httpd/syntax';
export { buildHttpdConfig, httpdConfigFor } from './httpd/config';
export { parseXml } from './xml/parser';
export { parsePluginCfg } from './plugincfg/model';
export { HTTPD_RULES } from './httpd/rules';
export { baseContextOf, reachOf } from './httpd/config';
