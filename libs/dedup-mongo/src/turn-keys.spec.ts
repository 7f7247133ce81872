import { fingerprintArticle, postingKeyIds, sentenceKeyId } from '@inkstream/dedup';
import { turnKeys } from './turn-keys';

const fingerprint = fingerprintArticle({
  body: [
    'The minister did not respond to a request for comment on Tuesday evening.',
    'Flooding closed the coastal road between the two towns for a third day running.',
  ].join('\n'),
  url: 'https://example.com/flood',
});

describe('turnKeys', () => {
  it('takes turns on every lookup key, the URL and the text while none is known full', () => {
    const keys = turnKeys(fingerprint, () => false);
    expect(keys).toEqual([...postingKeyIds(fingerprint), `c:${fingerprint.contentHash}`, `u:${fingerprint.urlKey}`]);
  });

  it('leaves out the posting keys found full, never the URL or the text', () => {
    const stock = sentenceKeyId(fingerprint.sentenceKeys[0]);
    const keys = turnKeys(fingerprint, (key) => key === stock || key.startsWith('c:') || key.startsWith('u:'));
    expect(keys).not.toContain(stock);
    expect(keys).toContain(`c:${fingerprint.contentHash}`);
    expect(keys).toContain(`u:${fingerprint.urlKey}`);
    expect(keys).toHaveLength(postingKeyIds(fingerprint).length + 1);
  });
});
