import { createLogger } from '@inkstream/observability';
import type { WebSubSubscriptionRecord, WebSubSubscriptionRepository } from '@inkstream/persistence';
import { Registry } from 'prom-client';
import type { HubAnswer, HubClient } from './hub-client';
import { WebSubMetrics } from './websub-metrics';
import { WebSubSubscriptions } from './websub-subscriptions';

// The subscription steps whose hub answers the integration test's local hub does not give (a hub that is down
// while a lease holds); the repository is kept in memory, its MongoDB side is in the integration test.
const HUB = 'https://hub.example/';
const TOPIC = 'https://news.example/feed';
const POLICY = { leaseSeconds: 3600, verifyWaitSeconds: 60, retrySeconds: 600, safetyPollSeconds: 900 };

class MemoryRepository {
  readonly records = new Map<string, WebSubSubscriptionRecord>();
  readonly polledNow: string[] = [];
  async get(id: string) {
    return this.records.get(id) ?? null;
  }
  async save(record: WebSubSubscriptionRecord) {
    this.records.set(record._id, { ...record });
  }
  async due(now: Date) {
    return [...this.records.values()].filter((record) => record.nextCheckAt && record.nextCheckAt <= now);
  }
  async takeCheck(id: string, seen: Date, until: Date) {
    const record = this.records.get(id);
    if (!record || record.nextCheckAt?.getTime() !== seen.getTime()) return false;
    record.nextCheckAt = until;
    return true;
  }
  async sourceState() {
    return 'polled' as const;
  }
  async pollNow(id: string) {
    this.polledNow.push(id);
  }
}

function activeRecord(now: Date, overrides: Partial<WebSubSubscriptionRecord> = {}): WebSubSubscriptionRecord {
  return {
    _id: 'src-1',
    hub: HUB,
    topic: TOPIC,
    callback: 'https://fetcher.example/websub/src-1',
    secret: 'a'.repeat(64),
    state: 'active',
    pendingSince: null,
    leaseSeconds: 100,
    verifiedAt: new Date(now.getTime() - 90_000),
    expiresAt: new Date(now.getTime() + 10_000),
    renewAt: new Date(now.getTime() - 10_000),
    retryAt: null,
    nextCheckAt: new Date(now.getTime() - 10_000),
    lastError: null,
    lastPushAt: null,
    pushes: 0,
    itemsPublished: 0,
    updatedAt: now,
    ...overrides,
  };
}

function setup(answer: HubAnswer) {
  const repository = new MemoryRepository();
  const requests: unknown[] = [];
  const hub = {
    subscribe: async (request: unknown) => {
      requests.push(request);
      return answer;
    },
    close: async () => undefined,
  } as unknown as HubClient;
  const subscriptions = new WebSubSubscriptions(
    repository as unknown as WebSubSubscriptionRepository,
    hub,
    { callbackBase: 'https://fetcher.example', policy: POLICY, checkIntervalMs: 1000 },
    createLogger('websub-test', 'silent'),
    new WebSubMetrics(new Registry()),
  );
  return { repository, requests, subscriptions };
}

describe('WebSubSubscriptions renewals', () => {
  it('keeps a lease that still holds when the hub is down, and asks again before it lapses', async () => {
    const { repository, requests, subscriptions } = setup({ ok: false, permanent: false, message: 'hub down' });
    const now = new Date();
    await repository.save(activeRecord(now));
    await subscriptions.checkDue();
    const record = repository.records.get('src-1');
    expect(requests).toEqual([expect.objectContaining({ hub: HUB, topic: TOPIC, secret: 'a'.repeat(64) })]);
    expect(record).toMatchObject({ state: 'active', pendingSince: null, lastError: 'hub down' });
    const retryIn = (record?.renewAt?.getTime() ?? 0) - Date.now();
    expect(retryIn).toBeGreaterThan(1000);
    expect(retryIn).toBeLessThanOrEqual(2_600);
    expect(record?.nextCheckAt).toEqual(record?.renewAt);
    expect(repository.polledNow).toEqual([]);
  });

  it('ends the subscription and polls at once when the hub refuses the renewal', async () => {
    const { repository, subscriptions } = setup({ ok: false, permanent: true, message: 'hub answered HTTP 404' });
    const now = new Date();
    await repository.save(activeRecord(now));
    await subscriptions.checkDue();
    expect(repository.records.get('src-1')).toMatchObject({
      state: 'refused',
      lastError: 'hub answered HTTP 404',
      nextCheckAt: null,
    });
    expect(repository.polledNow).toEqual(['src-1']);
  });

  it('stays active while a renewal waits for verification, then holds the lease the hub granted', async () => {
    const { repository, subscriptions } = setup({ ok: true, status: 202 });
    const now = new Date();
    await repository.save(activeRecord(now));
    await subscriptions.checkDue();
    const pending = repository.records.get('src-1');
    expect(pending).toMatchObject({ state: 'active' });
    expect(pending?.pendingSince).not.toBeNull();
    const answer = await subscriptions.verify('src-1', {
      mode: 'subscribe',
      topic: TOPIC,
      challenge: 'c',
      leaseSeconds: '100',
    });
    expect(answer).toEqual({ status: 200, body: 'c' });
    expect(repository.records.get('src-1')).toMatchObject({ state: 'active', pendingSince: null, leaseSeconds: 100 });
  });
});
