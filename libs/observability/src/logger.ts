import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * One JSON event per line on stdout, `service` on every line and `traceId` on every line that handles a message
 * (via `logger.child({ traceId })`), so one article's path can be followed across services with a grep.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
