// Commands of the CLI besides `lint` and `rules` (maintenance, plugin ...). Each feature adds its
// command module to the list, so cli.ts stays the same as features grow.
import { maintenanceCommand } from './cli/maintenance';
import { pluginCommand } from './plugincfg/cli';
import { simulateCommand } from './httpd/simulate/cli';

export interface CliCommand {
  name: string;
  /** Lines for the usage text, each starting with two spaces and ending with a newline. */
  usage: string;
  /** The exit code (see the table in README), or a promise of it for commands that wait (DNS). */
  run(argv: string[]): number | Promise<number>;
}

export const CLI_COMMANDS: CliCommand[] = [maintenanceCommand, pluginCommand, simulateCommand];
