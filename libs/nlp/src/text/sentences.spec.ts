import { splitSentences } from './sentences';
import { tokenize } from './tokenize';

function sentences(text: string): string[] {
  return splitSentences(text, tokenize(text)).map((sentence) => text.slice(sentence.start, sentence.end));
}

describe('splitSentences', () => {
  it('splits on terminal punctuation and keeps closing quotes with their sentence', () => {
    expect(sentences('He left. “We won,” she said. Did they? Yes!')).toEqual([
      'He left.',
      '“We won,” she said.',
      'Did they?',
      'Yes!',
    ]);
  });

  it('does not split after "U.S." before a name or after "Mr."', () => {
    expect(sentences('The U.S. President met Mr. Smith in Washington. Then he left.')).toEqual([
      'The U.S. President met Mr. Smith in Washington.',
      'Then he left.',
    ]);
  });

  it('ends a sentence after "U.S." when a new sentence obviously starts', () => {
    expect(sentences('Troops returned to the U.S. The Pentagon confirmed it.')).toHaveLength(2);
  });

  it('treats line breaks as boundaries', () => {
    expect(sentences('- Concessions -\nAfter talks, Ukraine agreed')).toEqual([
      '- Concessions -',
      'After talks, Ukraine agreed',
    ]);
  });
});
