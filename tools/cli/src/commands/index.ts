import type { Command } from 'commander';

/** Every command module exports one `register…Command(program)`; add it here to put it on the CLI. */
export type RegisterCommand = (program: Command) => void;

export const cliCommands: RegisterCommand[] = [];
