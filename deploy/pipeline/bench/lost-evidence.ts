// When a resilience run fails, what the next engineer needs before the stack is gone: whether each document the
// audit calls lost is in the database after all (then the audit's read missed it) or not (then a write acknowledged
// to a stage did not last), the publication note of each unpublished version read on its own, and what PostgreSQL
// and FerretDB logged.
import type { UnpublishedVersion } from '@inkstream/audit';
import { stackPaths } from '@inkstream/embedded-stack';
import { articleModels, connectMongo } from '@inkstream/persistence';
import { existsSync, readFileSync } from 'node:fs';

/** Lines of a server log that say something went wrong or the server (re)started: at most `limit`, the last ones. */
export function notableLogLines(text: string, limit = 40): string[] {
  const notable = /\b(ERROR|FATAL|PANIC|WARN|WARNING|error|panic)\b|database system|ready to accept|shutting down/;
  // FerretDB warns of every client that hangs up; a killed service's many connections would crowd out the rest.
  const noise = /Connection stopped/;
  return text
    .split('\n')
    .filter((line) => notable.test(line) && !noise.test(line))
    .slice(-limit);
}

/** Each lost document and unpublished version read back one by one, by the narrowest query there is. */
export async function recheckInDatabase(
  mongoUri: string,
  lost: ReadonlyArray<{ rawDocumentId: string; url: string | null }>,
  unpublished: readonly UnpublishedVersion[],
): Promise<string> {
  const mongo = await connectMongo(mongoUri, { appName: 'resilience-recheck' });
  try {
    const { articles, duplicates, publications } = articleModels(mongo);
    const lines = [`Read back one by one (articles in the database: ${await articles.estimatedDocumentCount()}):`];
    for (const { rawDocumentId, url } of lost) {
      const byRaw = await articles
        .findOne({ 'provenance.rawDocumentId': rawDocumentId }, { _id: 1, version: 1 })
        .lean();
      const byUrl = url ? await articles.countDocuments({ url }) : 0;
      const duplicate = await duplicates.findOne({ rawDocumentId }, { _id: 1 }).lean();
      const verdict = byRaw || duplicate ? 'IN THE DATABASE (the audit read missed it)' : 'not in the database';
      lines.push(
        `  ${rawDocumentId}: ${verdict}; article by raw id ${byRaw ? `${byRaw._id} v${byRaw.version}` : 'none'}, ` +
          `articles at its URL ${byUrl}, duplicate record ${duplicate ? duplicate._id : 'none'}`,
      );
    }
    for (const owed of unpublished) {
      const article = await articles.findById(owed.articleId, { version: 1, storedAt: 1 }).lean();
      const note = await publications.findById(owed.articleId).lean();
      lines.push(
        `  article ${owed.articleId}: stored v${article?.version ?? '?'} at ${article?.storedAt ?? '?'}, ` +
          `publication note ${note ? `v${note.version} for ${note.storedAt}` : 'none'}`,
      );
    }
    return lines.join('\n');
  } finally {
    await mongo.close();
  }
}

/** What PostgreSQL and FerretDB logged that matters, from the stack's data directory (kept after a failed run). */
export function databaseLogNotes(dataDir: string): string {
  const paths = stackPaths(dataDir);
  return [
    ['PostgreSQL', paths.postgresLog],
    ['FerretDB', paths.ferretdbLog],
  ]
    .map(([name, file]) => {
      const lines = existsSync(file) ? notableLogLines(readFileSync(file, 'utf8')) : ['(no log)'];
      return `${name} (${file}), notable lines:\n${lines.map((line) => `  ${line.slice(0, 300)}`).join('\n')}`;
    })
    .join('\n');
}
