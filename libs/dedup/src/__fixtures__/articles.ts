import { samplePage } from './sample-page';

/** The sample page (see /work/shared/samples/README.md), line by line. */
export const samplePageLines: string[] = samplePage.split('\n');

/** Its first article's 26 paragraphs (Brussels, NATO summit). */
export const natoParagraphs: string[] = samplePageLines.slice(0, 26);

/** Its second article's 31 paragraphs (Kyiv talks), without the repeated block. */
export const kyivParagraphs: string[] = samplePageLines.slice(33, 64);

/** Long boilerplate one site puts around every article. */
export const siteHeader = ['Daily Ledger | News, Sport, Business, Opinion and Weather for the whole region'];
export const siteFooter = [
  'Sign up for the Daily Ledger newsletter to get the most important stories, analysis and opinion delivered straight to your inbox every morning, free of charge. You can unsubscribe at any time.',
  '© 2026 Daily Ledger Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed in whole or in part without prior written permission.',
  'Follow the Daily Ledger on Facebook, X, Instagram and LinkedIn for breaking news alerts, live coverage and behind-the-scenes stories from our newsroom.',
];

export const onSite = (paragraphs: readonly string[]): string =>
  [...siteHeader, ...paragraphs, ...siteFooter].join('\n');
