import { DEFAULT_SCHEDULE_POLICY } from '@inkstream/feeds';
import { emptySourceStatus } from '@inkstream/persistence';
import { statusAfterRun, type RunOutcome } from '../source-status';

const now = new Date('2026-11-28T12:00:00Z');
const policy = {
  schedule: { ...DEFAULT_SCHEDULE_POLICY, jitterRatio: 0 },
  parkAfterErrors: 3,
  parkAfterFailingMs: 0,
  intervalBounds: { minSeconds: 60, maxSeconds: 3600 },
};
const source = { kind: 'feed' as const, pollIntervalSeconds: 300, status: emptySourceStatus() };
const ok: RunOutcome = {
  ok: true,
  httpStatus: 200,
  notModified: false,
  etag: null,
  lastModified: null,
  newItemsSeen: 0,
  published: 0,
  crawlDelaySeconds: null,
};
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('polling while a WebSub lease holds (statusAfterRun with pollNotBefore)', () => {
  it('rests until pollNotBefore when it is later than the source’s own next poll', () => {
    expect(statusAfterRun(source, { ...ok, pollNotBefore: later(3600) }, now, () => 0.5, policy).nextRunAt).toEqual(
      later(3600),
    );
  });

  it('does not bring the source’s own next poll forward', () => {
    expect(statusAfterRun(source, { ...ok, pollNotBefore: later(60) }, now, () => 0.5, policy).nextRunAt).toEqual(
      later(300),
    );
    expect(statusAfterRun(source, { ...ok, pollNotBefore: null }, now, () => 0.5, policy).nextRunAt).toEqual(
      later(300),
    );
  });
});
