// Which Upkeep language a file is, Include graph included. Lets the client switch a file that an
// httpd.conf includes (conf/maintenance.conf, which VS Code opens as "Properties") to apacheconf.
import { languageFor } from '../engine/languages';
import type { Feature } from './features';

export const LANGUAGE_OF_COMMAND = 'upkeep.server.languageOf';

export const languageOfFeature: Feature = {
  name: 'language-of',
  register(s) {
    s.commands.register({
      id: LANGUAGE_OF_COMMAND,
      run(args) {
        return { language: languageFor(s.project, s.pathOf(String(args[0] ?? ''))) };
      },
    });
  },
};
