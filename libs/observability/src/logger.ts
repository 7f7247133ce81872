import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * One JSON event per line on stdout, `service` on every line and `traceId` on every line that handles a message
 * (via `logger.child({ traceId })`), so one article's path can be followed across services with a grep.
 */
/**
 * Services log to stdout (their output is the log). Command-line tools pass `stderr`: their stdout is their
 * result (a summary line, JSON), which client-library noise must never mix into.
 */
export function createLogger(service: string, level = 'info', stream: 'stdout' | 'stderr' = 'stdout'): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return stream === 'stderr' ? pino(options, pino.destination({ fd: 2, sync: true })) : pino(options);
}
