import type { Command } from 'commander';
import { registerAuditCommand } from './audit';
import { registerDedupCommand } from './dedup';
import { registerEnrichCommand } from './enrich';
import { registerFeedCommand } from './feed';
import { registerIngestCommand } from './ingest';
import { registerReenrichCommand } from './reenrich';
import { registerSourcesCommand } from './sources';
import { registerSplitCommand } from './split';
import { registerStatsCommand } from './stats';
import { registerTailCommand } from './tail';

/** Every command module exports one `register…Command(program)`; add it here to put it on the CLI. */
export type RegisterCommand = (program: Command) => void;

export const cliCommands: RegisterCommand[] = [
  // offline: files in, JSON lines out
  registerSplitCommand,
  registerFeedCommand,
  registerDedupCommand,
  registerEnrichCommand,
  // against a running stack
  registerSourcesCommand,
  registerIngestCommand,
  registerTailCommand,
  registerStatsCommand,
  registerReenrichCommand,
  registerAuditCommand,
];
