// Registers Apache httpd configuration with the engine: its parser, its linter, and the detector that
// claims files a main configuration of the workspace includes (conf/maintenance.conf, a lone `Listen 8443`).
import { registerDetector, registerLanguage } from '../engine/registry';
import type { SourceFile } from '../engine/workspace';
import { isIncludedByHttpd } from './config';
import { lintHttpd } from './lint';
import { parseHttpd, reparseHttpd, type HttpdTree } from './syntax';

registerLanguage('apacheconf', parseHttpd, (p, f) => lintHttpd(p, f as SourceFile<HttpdTree>), (old, text) => reparseHttpd(old as HttpdTree, text));
registerDetector((project, path) => (isIncludedByHttpd(project, path) ? 'apacheconf' : null));
