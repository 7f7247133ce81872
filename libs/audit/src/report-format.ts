import { ACCOUNT_STATUSES, type AuditReport, type DocumentAccount } from './reconcile';

function describe(account: DocumentAccount): string {
  const where = `${account.rawDocumentId} ${account.url ?? '(no url)'} [${account.sourceId}, partition ${account.partition} offset ${account.offset}, ${new Date(account.publishedAt).toISOString()}]`;
  return account.deadLetters.length > 0
    ? `${where} (also dead-lettered: ${account.deadLetters.map((letter) => letter.group).join(', ')})`
    : where;
}

/** The operator's view: counts per outcome, dead letters per stage, and every document that needs a look. */
export function formatAuditReport(report: AuditReport, listLimit = 50): string {
  const { summary } = report;
  const rows: Array<[string, number]> = [
    ['raw documents in', summary.rawIn],
    ...ACCOUNT_STATUSES.map((status): [string, number] => [`  ${status}`, summary.byStatus[status]]),
    ['articles stored', summary.articles],
    ['duplicate records', summary.duplicates],
    ...Object.entries(summary.deadLettersByGroup).map(([group, count]): [string, number] => [
      `dead letters (${group})`,
      count,
    ]),
    ['stored twice', summary.storedTwice],
    ['text not from its URL owner', summary.notOwnersText],
    ['  held under that URL (squats)', summary.squats],
    ['versions never published', summary.unpublished],
  ];
  if (summary.republished > 0) rows.push(['published more than once', summary.republished]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, count]) => `${label.padEnd(width)}  ${String(count).padStart(8)}`);
  const listed = (title: string, accounts: DocumentAccount[], detail: (account: DocumentAccount) => string) => {
    if (accounts.length === 0) return;
    lines.push('', `${title} (${accounts.length}):`);
    for (const account of accounts.slice(0, listLimit)) lines.push(`  ${detail(account)}`);
    if (accounts.length > listLimit) lines.push(`  … and ${accounts.length - listLimit} more (--json lists all)`);
  };
  const withStatus = (status: string) => report.accounts.filter((account) => account.status === status);
  listed('dead letters', withStatus('dead-letter'), (account) => {
    const [first] = account.deadLetters;
    return `${describe(account)}: ${first.group} ${first.kind}: ${first.error.slice(0, 200)}`;
  });
  listed('empty', withStatus('empty'), (account) => `${describe(account)}: ${account.empty?.reason}`);
  listed(
    'stored twice',
    report.accounts.filter((account) => account.storedTwice),
    (account) =>
      `${describe(account)}: articles ${account.articles.map(({ id }) => id).join(', ')}; duplicates ${account.duplicates.map(({ id }) => id).join(', ')}`,
  );
  listed('unaccounted', withStatus('unaccounted'), describe);
  if (report.unpublished.length > 0) {
    lines.push('', `versions never published (${report.unpublished.length}):`);
    for (const owed of report.unpublished.slice(0, listLimit)) {
      lines.push(
        `  article ${owed.articleId} version ${owed.version} (published ${owed.publishedVersion}), written ${new Date(owed.updatedAt).toISOString()} from ${owed.rawDocumentId}`,
      );
    }
  }
  const squatted = report.accounts.filter((account) => account.notOwnersText.some((found) => found.squat));
  listed(
    "text not from its URL's owner, held under that URL",
    squatted,
    (account) =>
      `${describe(account)}: ${account.notOwnersText
        .filter((found) => found.squat)
        .map(({ articleId, url }) => `article ${articleId} ${url}`)
        .join('; ')}`,
  );
  return lines.join('\n');
}
