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
