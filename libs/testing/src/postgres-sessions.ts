// What the embedded stack's PostgreSQL says of its own connections: tests that must show a read keeps FerretDB's
// pooled connection (no backend started per read) count the sessions PostgreSQL started around it.
import { psql } from '@inkstream/embedded-stack';
import { testStackInfo } from './stack-info';

/**
 * Sessions (backends) the embedded stack's PostgreSQL has started so far, from `pg_stat_database` (the run's stack,
 * or the PostgreSQL on `postgresPort`); null when the run's server is not FerretDB on the embedded PostgreSQL
 * (MongoDB in a container, an external server).
 */
export function postgresSessionsStarted(postgresPort = testStackInfo().embedded?.ports.postgres): number | null {
  if (postgresPort === undefined) return null;
  const { ok, output } = psql(postgresPort, "SELECT sessions FROM pg_stat_database WHERE datname = 'postgres'");
  const sessions = Number(output);
  if (!ok || !Number.isSafeInteger(sessions)) throw new Error(`cannot read pg_stat_database.sessions: ${output}`);
  return sessions;
}
