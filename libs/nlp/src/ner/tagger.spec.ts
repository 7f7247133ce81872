import { defaultTagger } from './default-tagger';
import { isAllowedAfter, isAllowedFor } from './tags';

describe('NerTagger (committed model)', () => {
  const tagger = defaultTagger();

  it('tags people, organisations and places in a news sentence', () => {
    const words = 'German Chancellor Angela Merkel met NATO officials in Brussels on Monday .'.split(' ');
    expect(tagger.tag(words)).toEqual(['O', 'O', 'B-PER', 'I-PER', 'O', 'B-ORG', 'O', 'O', 'B-LOC', 'O', 'O', 'O']);
  });

  it('never emits a malformed span or starts a name on a lower-case word or bare number', () => {
    const words = 'the 2025 talks in new york and kyiv , with 3 parties , ended'.split(' ');
    const tags = tagger.tag(words);
    tags.forEach((tag, i) => {
      expect(isAllowedAfter(tag, tags[i - 1] ?? 'O')).toBe(true);
      expect(isAllowedFor(tag, words[i])).toBe(true);
    });
  });
});

describe('tag constraints', () => {
  it('allows I- only after the same class', () => {
    expect(isAllowedAfter('I-PER', 'B-PER')).toBe(true);
    expect(isAllowedAfter('I-PER', 'B-ORG')).toBe(false);
    expect(isAllowedAfter('I-LOC', 'O')).toBe(false);
  });

  it('lets names continue over particles and camel case but not other lower-case words', () => {
    expect(isAllowedFor('I-ORG', 'for')).toBe(true);
    expect(isAllowedFor('I-PER', 'bin')).toBe(true);
    expect(isAllowedFor('B-ORG', 'al-Qaida')).toBe(true);
    expect(isAllowedFor('I-PER', 'met')).toBe(false);
    expect(isAllowedFor('B-LOC', '2025')).toBe(false);
  });
});
