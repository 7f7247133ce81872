import { copyrightHolder, publisherFrom, publisherNameFromDomain } from './publisher';

describe('publisher of a dump', () => {
  it('names the publisher from a domain, keeping word top-level domains', () => {
    expect(publisherNameFromDomain('arab.news')).toBe('Arab News');
    expect(publisherNameFromDomain('www.bbc.co.uk'.replace(/^www\./, ''))).toBe('Bbc');
    expect(publisherNameFromDomain('the-star.com')).toBe('The Star');
  });

  it('falls back to the copyright holder when the dump has no link', () => {
    expect(copyrightHolder('© 2026 SAUDI RESEARCH & PUBLISHING COMPANY, All Rights Reserved')).toBe(
      'SAUDI RESEARCH & PUBLISHING COMPANY',
    );
    expect(publisherFrom([], ['Copyright 2020-2025 Example Media Ltd. All rights reserved.'])).toEqual({
      name: 'Example Media Ltd',
      domain: null,
      copyright: 'Copyright 2020-2025 Example Media Ltd. All rights reserved.',
    });
    expect(publisherFrom([], [])).toBeNull();
  });
});
