import { auditViolations, formatAuditReport, parseTimePoint, parseTimeWindow, runAudit } from '@inkstream/audit';
import { DEFAULT_MONGODB_URI, env, loadConfig } from '@inkstream/config';
import { createKafka } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo } from '@inkstream/persistence';
import type { Command } from 'commander';
import { connectAdminFailFast, connectionFromEnv } from '../live/connection';
import { positiveInteger } from '../options';
import { ProgressLine } from '../progress';

interface AuditCommandOptions {
  since: string;
  until: string;
  grace: string;
  json: boolean;
  limit: number;
}

/**
 * `inkstream audit`: what became of every raw document published in a window (stored, duplicate, empty, dead
 * letter, in flight), the ones nothing accounts for, and exit 1 when there is any (or a story stored twice, or a stored version never published).
 */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'account for every raw document published in a time window: stored, duplicate, empty (reason), dead letter ' +
        '(reason), in flight or unaccounted; exits 1 when any is unaccounted or stored twice, or a stored version was never published',
    )
    .option('--since <time>', 'window start: ISO-8601, now, or an age like 90s, 15m, 1h, 2d', '1h')
    .option('--until <time>', 'window end (exclusive), same forms', 'now')
    .option('--grace <age>', 'a document younger than this without an outcome is in flight, not unaccounted', '5m')
    .option('--limit <n>', 'documents listed per outcome in the text output', positiveInteger, 50)
    .option('--json', 'print the whole report (every document with its evidence) as JSON', false)
    .action(async (options: AuditCommandOptions) => {
      const now = Date.now();
      const window = parseTimeWindow(options.since, options.until, now);
      const inFlightGraceMs = now - parseTimePoint(options.grace, now);
      const { brokers, topicPrefix, security } = connectionFromEnv();
      const { MONGODB_URI } = loadConfig({ MONGODB_URI: env.mongoUri(DEFAULT_MONGODB_URI) });
      const admin = await connectAdminFailFast(brokers, security);
      const kafka = createKafka({
        clientId: 'inkstream-cli-audit',
        brokers,
        security,
        logger: createLogger('cli', 'error', 'stderr'),
      });
      const mongo = await connectMongo(MONGODB_URI, { appName: 'inkstream-cli-audit' });
      // On a terminal, where the audit stands (reading a day of raw documents back takes a while); never in a pipe.
      const progress = process.stderr.isTTY
        ? new ProgressLine('audit', 'documents', (text) => process.stderr.write(text))
        : null;
      try {
        const report = await runAudit({
          kafka,
          admin,
          mongo,
          topicPrefix,
          window,
          now,
          inFlightGraceMs,
          onProgress: progress ? ({ phase, done, total }) => progress.update(phase, done, total) : undefined,
        });
        progress?.end();
        const violations = auditViolations(report);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ window, ...report, violations })}\n`);
        } else {
          const header = `raw documents published ${new Date(window.since).toISOString()} – ${new Date(window.until).toISOString()}`;
          process.stdout.write(`${header}\n\n${formatAuditReport(report, options.limit)}\n`);
          for (const violation of violations) process.stderr.write(`inkstream audit: ${violation}\n`);
        }
        if (violations.length > 0) process.exitCode = 1;
      } finally {
        await admin.disconnect();
        await mongo.close();
      }
    });
}
