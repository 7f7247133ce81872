import { ZodError } from 'zod';
import {
  editShortensWaitTo,
  MAX_ITEMS_PER_RUN,
  sourceLimitProblems,
  sourceLimitsOf,
  type SourceLimits,
} from './source-limits';
import { newSourceSchema, sourceEditSchema, sourceRecordFrom } from './source-record';

const none: SourceLimits = {
  minIntervalSeconds: null,
  maxIntervalSeconds: null,
  maxItemsPerRun: null,
  backoffMaxSeconds: null,
};

describe('sourceLimitsOf', () => {
  it('reads a record from before the limits as all null (the defaults): no migration', () => {
    expect(sourceLimitsOf({})).toEqual(none);
    expect(sourceLimitsOf({ maxItemsPerRun: 5000 })).toEqual({ ...none, maxItemsPerRun: 5000 });
  });

  it('gives a new source every limit, null unless set', () => {
    const record = sourceRecordFrom({ kind: 'feed', url: 'https://a.example/rss', name: 'A' }, new Date());
    expect(record).toMatchObject(none);
    const limited = sourceRecordFrom(
      { kind: 'feed', url: 'https://a.example/rss', name: 'A', minIntervalSeconds: 120, maxItemsPerRun: 5000 },
      new Date(),
    );
    expect(sourceLimitsOf(limited)).toEqual({ ...none, minIntervalSeconds: 120, maxItemsPerRun: 5000 });
  });
});

describe('source limits validation', () => {
  const feed = { kind: 'feed' as const, url: 'https://a.example/rss', name: 'A' };
  const issues = (input: unknown) => {
    const result = newSourceSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('checks each limit alone, naming the field', () => {
    expect(issues({ ...feed, minIntervalSeconds: 0 })).toEqual([
      'minIntervalSeconds: must be a positive number of seconds',
    ]);
    expect(issues({ ...feed, maxIntervalSeconds: 1.5 })).toEqual([
      'maxIntervalSeconds: must be a whole number of seconds',
    ]);
    expect(issues({ ...feed, backoffMaxSeconds: 31 * 24 * 3600 })).toEqual([
      'backoffMaxSeconds: must be at most 2592000 seconds (30 days)',
    ]);
    expect(issues({ ...feed, maxItemsPerRun: MAX_ITEMS_PER_RUN + 1 })).toEqual([
      `maxItemsPerRun: must be at most ${MAX_ITEMS_PER_RUN} items`,
    ]);
    expect(issues({ ...feed, maxItemsPerRun: '10' })).toEqual(['maxItemsPerRun: must be a number of items or null']);
  });

  it('checks them together and against the kind', () => {
    expect(issues({ ...feed, minIntervalSeconds: 600, maxIntervalSeconds: 300 })).toEqual([
      'maxIntervalSeconds: must be at least minIntervalSeconds (600), got 300',
    ]);
    expect(issues({ ...feed, minIntervalSeconds: 300, maxIntervalSeconds: 300 })).toEqual([]);
    expect(issues({ kind: 'page', url: 'https://a.example/p', name: 'P', maxItemsPerRun: 5 })).toEqual([
      'maxItemsPerRun: applies to feed, sitemap and drop sources (a page is one item)',
    ]);
    expect(issues({ kind: 'drop', url: 'file:///srv/drop', name: 'D', maxIntervalSeconds: 60 })).toEqual([
      'maxIntervalSeconds: bounds the adaptive interval, which drop folders do not have (set pollIntervalSeconds)',
    ]);
    expect(sourceLimitProblems('sitemap', { ...none, maxItemsPerRun: 500, backoffMaxSeconds: 600 })).toEqual([]);
  });

  it('lets an edit set a limit or clear it to the default, and refuses a misspelt one', () => {
    expect(sourceEditSchema.parse({ maxItemsPerRun: 5000, minIntervalSeconds: null })).toEqual({
      maxItemsPerRun: 5000,
      minIntervalSeconds: null,
    });
    expect(() => sourceEditSchema.parse({ maxItems: 5000 })).toThrow(ZodError);
    expect(() => sourceEditSchema.parse({ maxIntervalSeconds: -1 })).toThrow(/positive/);
  });
});

describe('editShortensWaitTo', () => {
  const adaptive = { pollIntervalSeconds: null, ...none };

  it('brings the next run of an adaptive source within a new maximum', () => {
    expect(editShortensWaitTo({ ...adaptive, maxIntervalSeconds: 120 }, { maxIntervalSeconds: 120 })).toBe(120);
    // A fixed interval cleared: the source's maximum holds from now on.
    expect(editShortensWaitTo({ ...adaptive, maxIntervalSeconds: 900 }, { pollIntervalSeconds: null })).toBe(900);
  });

  it('brings it within a new fixed interval, which wins over the bounds', () => {
    const fixed = { ...adaptive, pollIntervalSeconds: 60, maxIntervalSeconds: 30 };
    expect(editShortensWaitTo(fixed, { pollIntervalSeconds: 60 })).toBe(60);
    // Bounds do not apply to a fixed interval: changing them does not move the next run.
    expect(editShortensWaitTo(fixed, { maxIntervalSeconds: 30 })).toBeNull();
  });

  it('leaves the next run alone for edits that do not shorten the wait', () => {
    expect(editShortensWaitTo({ ...adaptive, minIntervalSeconds: 600 }, { minIntervalSeconds: 600 })).toBeNull();
    expect(editShortensWaitTo(adaptive, { maxIntervalSeconds: null })).toBeNull();
    expect(editShortensWaitTo({ ...adaptive, maxItemsPerRun: 10 }, { maxItemsPerRun: 10 })).toBeNull();
  });
});
