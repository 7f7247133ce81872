import { Command, CommanderError } from 'commander';
import { cliCommands } from './commands';

export function buildProgram(): Command {
  const program = new Command('inkstream')
    .description('Inkstream news pipeline: offline tools and commands against a running stack')
    .exitOverride();
  for (const register of cliCommands) register(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code rather than exiting, so tests can drive it. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`inkstream: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
