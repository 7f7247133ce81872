import { sourceRecordFrom, type SourceRecord } from '@inkstream/persistence';
import { createSourceBody, sourceView } from './source-params';

const now = new Date('2026-12-06T12:00:00Z');

describe('sourceView', () => {
  it("shows a source's limits, and null for each a record from before them lacks", () => {
    const record = sourceRecordFrom(
      { kind: 'feed', url: 'https://a.example/rss', name: 'A', maxItemsPerRun: 5000, minIntervalSeconds: 120 },
      now,
    );
    expect(sourceView(record, now)).toMatchObject({
      minIntervalSeconds: 120,
      maxIntervalSeconds: null,
      maxItemsPerRun: 5000,
      backoffMaxSeconds: null,
    });
    const {
      minIntervalSeconds: _min,
      maxIntervalSeconds: _max,
      maxItemsPerRun: _items,
      backoffMaxSeconds: _backoff,
      ...legacy
    } = record;
    const view = sourceView(legacy as SourceRecord, now);
    expect(view).toMatchObject({
      minIntervalSeconds: null,
      maxIntervalSeconds: null,
      maxItemsPerRun: null,
      backoffMaxSeconds: null,
    });
  });
});

describe('createSourceBody', () => {
  it('takes the limits and refuses a misspelt one by name', () => {
    const body = { kind: 'feed', url: 'https://a.example/rss', name: 'A', maxItemsPerRun: 5000 };
    expect(createSourceBody.parse(body)).toEqual(body);
    const misspelt = createSourceBody.safeParse({ ...body, maxItems: 5000 });
    expect(misspelt.success ? [] : misspelt.error.issues.map((issue) => issue.message)).toEqual([
      "Unrecognized key(s) in object: 'maxItems'",
    ]);
  });
});
