import { pollCutNotice, pollPagingNotice } from './poll-cut';

describe('pollCutNotice', () => {
  it('is null when the document lists no more than the poll reads', () => {
    expect(pollCutNotice({ document: 'feed', listed: 10, read: 10, setting: 'FETCH_FEED_MAX_ITEMS' })).toBeNull();
    expect(pollCutNotice({ document: 'feed', listed: 0, read: 0, setting: 'FETCH_FEED_MAX_ITEMS' })).toBeNull();
  });

  it('names what was listed, read and left out, and the setting that bounds it', () => {
    expect(pollCutNotice({ document: 'feed', listed: 100_000, read: 1_000, setting: 'FETCH_FEED_MAX_ITEMS' })).toBe(
      'feed lists 100000 entries, more than one poll reads: the first 1000 were read and the other 99000 left out ' +
        '(FETCH_FEED_MAX_ITEMS=1000)',
    );
  });
});

describe('pollPagingNotice', () => {
  it('says how many pages wait for the next polls, or null when none does', () => {
    expect(pollPagingNotice({ due: 50, taken: 50, setting: 'FETCH_SITEMAP_MAX_URLS' })).toBeNull();
    expect(pollPagingNotice({ due: 300, taken: 50, setting: 'FETCH_SITEMAP_MAX_URLS' })).toBe(
      '300 pages are new or changed, more than one poll fetches: 50 fetched now, the other 250 on the next polls ' +
        '(FETCH_SITEMAP_MAX_URLS=50)',
    );
  });
});
