// `upkeep.server.status`: what the client's language status item shows for a file: the Apache main
// configuration it belongs to, how many files that configuration reads, the Apache version the rules
// target (and why), and the settings file in use (the nearest .upkeep.json above the file). A thin adapter over engine functions.
import { isConfigFilePath } from '../engine/config-file';
import { languageFor } from '../languages';
import { detectVersion, httpdConfigFor, targetVersion } from '../httpd/config';
import type { Feature } from './features';

export const STATUS_COMMAND = 'upkeep.server.status';

export interface FileStatus {
  /** The file's Upkeep language, 'settings' for a .upkeep.json, null for a file Upkeep does not check. */
  language: string | null;
  /** Main configuration (path for messages) the file belongs to, for httpd files. */
  configuration?: string;
  /** The same as a URI, for opening it (display paths are relative to a workspace folder). */
  configurationUri?: string;
  files?: number;
  apacheVersion?: '2.2' | '2.4';
  versionSource?: 'setting' | 'detected' | 'default';
  /** The .upkeep.json in use (path for messages), or null. */
  settingsFile: string | null;
}

export const statusFeature: Feature = {
  name: 'status',
  register(s) {
    s.commands.register({
      id: STATUS_COMMAND,
      run(args): FileStatus {
        const path = s.pathOf(String(args[0] ?? ''));
        // `s.project` is the Project of this file's settings (the request is about it).
        const settings = s.settingsFileFor(path);
        // A settings file is checked too (config/invalid): "settings" rather than "not checked".
        const language = isConfigFilePath(path) ? 'settings' : languageFor(s.project, path);
        const out: FileStatus = { language, settingsFile: settings ? s.project.display(settings) : null };
        if (out.language !== 'apacheconf') return out;
        const cfg = httpdConfigFor(s.project, path);
        out.configuration = s.project.display(cfg.root);
        out.configurationUri = s.uriOf(cfg.root);
        out.files = cfg.files.length;
        out.apacheVersion = targetVersion(s.project, cfg);
        out.versionSource = s.project.options.httpdVersion ? 'setting' : detectVersion(s.project, cfg) ? 'detected' : 'default';
        return out;
      },
    });
  },
};
