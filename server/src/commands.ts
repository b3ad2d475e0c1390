// Commands of the CLI besides `lint` and `rules` (maintenance, plugin ...). Each feature module adds its
// own entry here, so cli.ts stays the same as features grow.
export interface CliCommand {
  name: string;
  /** Lines for the usage text, each starting with two spaces and ending with a newline. */
  usage: string;
  run(argv: string[]): number;
}

export const CLI_COMMANDS: CliCommand[] = [];
