import { kyivParagraphs, natoParagraphs, onSite, siteFooter } from './__fixtures__/articles';
import { fingerprintArticle } from './fingerprint';
import { measureInnerOverlap, measureOverlap, sharedFrame, unmatchedLead } from './overlap';

const fingerprint = (paragraphs: readonly string[]) => fingerprintArticle({ body: paragraphs.join('\n') });
const none = () => false;

describe('measureOverlap', () => {
  it('measures containment of a part in the whole and Jaccard of the two', () => {
    const whole = fingerprint(natoParagraphs);
    const half = fingerprint(natoParagraphs.slice(0, 13));
    const overlap = measureOverlap(half, whole, none);
    expect(overlap.containment).toBeGreaterThan(0.9);
    expect(overlap.jaccard).toBeGreaterThan(0.3);
    expect(overlap.jaccard).toBeLessThan(0.7);
    expect(overlap.firstIsSmaller).toBe(true);
  });

  it('leaves boilerplate paragraphs out of the comparison', () => {
    const a = fingerprintArticle({ body: onSite(kyivParagraphs.slice(0, 1)) });
    const b = fingerprintArticle({ body: onSite(natoParagraphs.slice(0, 1)) });
    const footerKeys = new Set(a.paragraphKeys.slice(-siteFooter.length));
    expect(measureOverlap(a, b, none).containment).toBeGreaterThan(0.5);
    expect(measureOverlap(a, b, (key) => footerKeys.has(key)).containment).toBeLessThan(0.3);
  });
});

describe('sharedFrame and measureInnerOverlap', () => {
  const nato = fingerprintArticle({ body: onSite(natoParagraphs) });
  const kyiv = fingerprintArticle({ body: onSite(kyivParagraphs.slice(0, 2)) });

  it('finds the identical leading and trailing paragraphs', () => {
    expect(sharedFrame(nato.paragraphKeys, kyiv.paragraphKeys)).toEqual({ leading: 1, trailing: 3 });
    expect(sharedFrame(Uint32Array.of(1, 2), Uint32Array.of(1, 2))).toEqual({ leading: 2, trailing: 0 });
  });

  it('compares what lies inside a shared footer', () => {
    expect(measureInnerOverlap(kyiv, nato, none)?.containment).toBe(0);
    const copy = fingerprintArticle({ body: onSite([`Edited: ${natoParagraphs[0]}`, ...natoParagraphs.slice(1, 20)]) });
    expect(measureInnerOverlap(copy, nato, none)?.containment).toBeGreaterThan(0.9);
  });

  it('is null without a shared end: a shared start alone is what a truncated copy has', () => {
    const truncated = fingerprint([...natoParagraphs.slice(0, 10), 'Read more']);
    expect(measureInnerOverlap(truncated, fingerprint(natoParagraphs), none)).toBeNull();
  });
});

describe('unmatchedLead', () => {
  it('is zero for a copy that keeps the start of the story', () => {
    expect(unmatchedLead(fingerprint(natoParagraphs.slice(0, 8)), fingerprint(natoParagraphs), none)).toBe(0);
  });

  it('counts the distinctive start of an article that only shares its end with the other', () => {
    const a = fingerprint([...kyivParagraphs.slice(0, 2), ...natoParagraphs.slice(24)]);
    const b = fingerprint(natoParagraphs);
    expect(unmatchedLead(a, b, none)).toBeGreaterThan(40);
  });
});
