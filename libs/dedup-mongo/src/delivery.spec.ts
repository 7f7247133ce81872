import { planDelivery } from './delivery';

describe('planDelivery', () => {
  const first = { rawDocumentId: 'raw-1', contentHash: 'hash-1' };

  it('a first delivery is decided for its own document', () => {
    expect(planDelivery(null, first)).toEqual({ decisionKey: 'raw-1', document: 'raw-1', repeatsPrior: false });
  });

  it('the same document again repeats its decision, whatever text the splitter gave it this time', () => {
    expect(planDelivery(first, first)).toEqual({ decisionKey: 'raw-1', document: 'raw-1', repeatsPrior: true });
    expect(planDelivery(first, { rawDocumentId: 'raw-1', contentHash: 'hash-2' })).toEqual({
      decisionKey: 'raw-1',
      document: 'raw-1',
      repeatsPrior: true,
    });
  });

  it('the same text in another document (a feed fetched again for other items) repeats the first decision', () => {
    expect(planDelivery(first, { rawDocumentId: 'raw-2', contentHash: 'hash-1' })).toEqual({
      decisionKey: 'raw-1',
      document: 'raw-1',
      repeatsPrior: true,
    });
  });

  it('another document with another text is an edit: decided anew, for that document', () => {
    expect(planDelivery(first, { rawDocumentId: 'raw-2', contentHash: 'hash-2' })).toEqual({
      decisionKey: 'raw-2',
      document: 'raw-2',
      repeatsPrior: false,
    });
  });

  it('a fingerprint indexed before decisions were keyed by document finds its decision by its text', () => {
    const legacy = { rawDocumentId: undefined, contentHash: 'hash-1' };
    expect(planDelivery(legacy, first)).toEqual({ decisionKey: 'hash-1', document: 'raw-1', repeatsPrior: true });
    expect(planDelivery(legacy, { rawDocumentId: 'raw-2', contentHash: 'hash-2' })).toMatchObject({
      decisionKey: 'raw-2',
      repeatsPrior: false,
    });
  });
});
