/**
 * The note a poll leaves on its source's status when the document listed more entries than one poll reads (a
 * feed of 100,000 items, a sitemap past its bound), or null when nothing was cut. Not an error: the source stays
 * healthy and is polled as usual; the note says what was left out and which setting decides it.
 */
export function pollCutNotice(cut: { document: string; listed: number; read: number; setting: string }): string | null {
  const { document, listed, read, setting } = cut;
  if (listed <= read) return null;
  return (
    `${document} lists ${listed} entries, more than one poll reads: the first ${read} were read and the other ` +
    `${listed - read} left out (${setting}=${read})`
  );
}

/**
 * The note a poll leaves when more pages are due than one poll fetches (a sitemap with 300 new pages, 50 per poll):
 * not a cut, the rest are fetched by the next polls; null when everything due was taken.
 */
export function pollPagingNotice(paging: { due: number; taken: number; setting: string }): string | null {
  const { due, taken, setting } = paging;
  if (due <= taken) return null;
  return `${due} pages are new or changed, more than one poll fetches: ${taken} fetched now, the other ${due - taken} on the next polls (${setting}=${taken})`;
}
