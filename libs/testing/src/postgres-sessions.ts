// What the embedded stack's PostgreSQL says of its own connections: tests that must show a read keeps FerretDB's
// pooled connection (no backend started per read) count the sessions PostgreSQL started around it.
import { psql } from '@inkstream/embedded-stack';
import { testStackInfo } from './stack-info';

/**
 * Sessions (backends) the embedded stack's PostgreSQL has started so far, from `pg_stat_database`; null when the
 * run's server is not FerretDB on the embedded PostgreSQL (MongoDB in a container, an external server).
 */
export function postgresSessionsStarted(): number | null {
  const embedded = testStackInfo().embedded;
  if (!embedded) return null;
  const { ok, output } = psql(
    embedded.ports.postgres,
    "SELECT sessions FROM pg_stat_database WHERE datname = 'postgres'",
  );
  const sessions = Number(output);
  if (!ok || !Number.isSafeInteger(sessions)) throw new Error(`cannot read pg_stat_database.sessions: ${output}`);
  return sessions;
}
