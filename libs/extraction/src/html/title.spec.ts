import { reconcileTitle, stripSiteName } from './title';

const none = {
  ogTitle: null,
  headline: null,
  twitterTitle: null,
  titleTag: null,
  h1: null,
  ldName: null,
  headings: [],
  siteNames: [],
};

describe('page title', () => {
  it('cuts the site name and the section or date segments after it, by site name or host', () => {
    expect(stripSiteName('Ukrainische Gegenoffensive: Ziele | DW | 28.04.2023', ['www.dw.com'])).toBe(
      'Ukrainische Gegenoffensive: Ziele',
    );
    expect(stripSiteName('Bridge reopens - here is why - Daily Mail Online', ['Mail Online'])).toBe(
      'Bridge reopens - here is why',
    );
    expect(stripSiteName('Example Times | Bridge reopens after repairs', ['Example Times'])).toBe(
      'Bridge reopens after repairs',
    );
  });

  it('keeps a headline whose dash or colon is its own', () => {
    expect(stripSiteName('Chelsea - Tottenham: the verdict', ['Evening Standard'])).toBe(
      'Chelsea - Tottenham: the verdict',
    );
  });

  it('trusts og:title first, each source with the site stripped', () => {
    expect(
      reconcileTitle({
        ...none,
        ogTitle: 'Nordmann dømt til livstid',
        headline: '«Evnukkmakeren»: Nordmann dømt til livstid',
        titleTag: '«Evnukkmakeren»: - Nordmann dømt til livstid',
        siteNames: ['dagbladet.no'],
      }),
    ).toBe('Nordmann dømt til livstid');
    expect(reconcileTitle({ ...none, titleTag: 'Only a title | Site', siteNames: ['Site'] })).toBe('Only a title');
    expect(reconcileTitle(none)).toBeNull();
  });

  it('a source that is another plus a tail after a separator gives way to the shorter one', () => {
    expect(
      reconcileTitle({
        ...none,
        ogTitle: 'Bridge reopens after repairs - Politics',
        h1: 'Bridge reopens after repairs',
      }),
    ).toBe('Bridge reopens after repairs');
  });

  it('passes over a JSON-LD headline no other source confirms when the others agree among themselves', () => {
    expect(
      reconcileTitle({
        ...none,
        headline: 'constitutional monarchy in Oceania',
        titleTag: 'New Zealand - Wikipedia',
        h1: 'New Zealand',
        siteNames: ['Wikipedia'],
      }),
    ).toBe('New Zealand');
  });
});
