import { MAX_MESSAGE_BYTES, type RawDocument } from '@inkstream/contracts';
import { createLogger } from '@inkstream/observability';
import { sourceRecordFrom, type SeenItem } from '@inkstream/persistence';
import { FLUSH_EVERY, RunBatch } from './publishing';
import type { RunnerDeps } from './run-context';

/** The publishing side of a run, with the publish and the seen-items store as recorders (no Kafka here). */
function recordingBatch() {
  const published: RawDocument[][] = [];
  const seen: SeenItem[][] = [];
  const deps = {
    publish: async (documents: RawDocument[]) => void published.push(documents),
    sources: { recordSeen: async (_id: string, items: SeenItem[]) => void seen.push([...items]) },
    // content limit as large as the message limit: only the encoded message can be too large
    documentLimits: { gzipThresholdBytes: 100 * 1024 * 1024, maxContentBytes: MAX_MESSAGE_BYTES },
  } as unknown as RunnerDeps;
  const now = new Date('2026-12-01T00:00:00Z');
  const source = sourceRecordFrom({ kind: 'feed', url: 'https://example.com/feed.xml', name: 'Example' }, now);
  const batch = new RunBatch(deps, {
    source,
    traceId: '0123456789abcdef0123456789abcdef',
    now,
    signal: new AbortController().signal,
    logger: createLogger('publishing-test', 'silent'),
  });
  return { batch, published, seen };
}

const draft = (i: number, content = `<p>Item ${i}</p>`) => ({
  url: `https://example.com/a/${i}`,
  itemKey: `guid:${i}`,
  content,
  contentType: 'text/html; charset=utf-8',
  isUpdate: false,
});

describe('RunBatch', () => {
  it('sets aside an item whose message would exceed MAX_MESSAGE_BYTES, with its reason, and still marks it seen', async () => {
    const { batch, published, seen } = recordingBatch();
    batch.add(draft(1), { itemKey: 'guid:1', contentHash: 'h1' });
    batch.add(draft(2, 'x'.repeat(MAX_MESSAGE_BYTES - 50)), { itemKey: 'guid:2', contentHash: 'h2' });
    await batch.flush();
    expect(published.flat().map((document) => document.url)).toEqual(['https://example.com/a/1']);
    expect(batch.failureMessage()).toMatch(
      new RegExp(
        `^https://example\\.com/a/2: output message too large: news\\.raw\\.v1 .* over the message limit of ${MAX_MESSAGE_BYTES}`,
      ),
    );
    expect(seen.flat().map((item) => item.itemKey)).toEqual(['guid:1', 'guid:2']);
  });

  it('publishes a long run as it goes, never holding more than FLUSH_EVERY documents', async () => {
    const { batch, published } = recordingBatch();
    for (let i = 0; i < FLUSH_EVERY * 3 + 1; i += 1) {
      batch.add(draft(i), { itemKey: `guid:${i}`, contentHash: `h${i}` });
      await batch.flushWhenFull();
    }
    expect(published.map((documents) => documents.length)).toEqual([FLUSH_EVERY, FLUSH_EVERY, FLUSH_EVERY]);
    await batch.flush();
    expect(batch.published).toBe(FLUSH_EVERY * 3 + 1);
  });
});
