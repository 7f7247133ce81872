import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliCommands } from './commands';
import { CONNECTION_HELP } from './live/connection';

/** The release the CLI belongs to: the repository's own version (the CLI ships with the pipeline it drives). */
export const CLI_VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** Commands that reach a running stack: their help names the connection variables. */
const COMMANDS_AGAINST_A_STACK = new Set(['sources', 'ingest', 'tail', 'stats', 'reenrich', 'audit']);

export function buildProgram(): Command {
  const program = new Command('inkstream')
    .description('Inkstream news pipeline: offline tools and commands against a running stack')
    .version(CLI_VERSION, '-V, --version', 'print the version and exit')
    .addHelpText('after', CONNECTION_HELP)
    .exitOverride();
  for (const register of cliCommands) register(program);
  for (const command of program.commands) {
    if (COMMANDS_AGAINST_A_STACK.has(command.name())) command.addHelpText('after', CONNECTION_HELP);
  }
  return program;
}

/** Runs the CLI; resolves to the process exit code rather than exiting, so tests can drive it. */
export async function main(argv: string[]): Promise<number> {
  // Commands report failure through process.exitCode; start each run clean so runs in one process (tests) do not
  // inherit each other's code.
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`inkstream: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
