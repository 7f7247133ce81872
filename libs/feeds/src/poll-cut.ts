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
