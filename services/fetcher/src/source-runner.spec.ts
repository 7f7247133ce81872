import { FetchError } from '@inkstream/fetching';
import { DependencyUnavailableError } from '@inkstream/errors';
import { createLogger } from '@inkstream/observability';
import { sourceRecordFrom } from '@inkstream/persistence';
import type { RunContext, RunnerDeps } from './run-context';
import { sourceAllowList } from './run-context';
import { runSource } from './source-runner';

function context(signal = new AbortController().signal): RunContext {
  const source = sourceRecordFrom({ kind: 'page', url: 'https://site.example/a', name: 'A' }, new Date());
  return { source, traceId: 't', now: new Date(), signal, logger: createLogger('test', 'silent') };
}

function depsFailingWith(error: unknown): RunnerDeps {
  return {
    http: {
      fetch: async () => {
        throw error;
      },
    },
  } as unknown as RunnerDeps;
}

describe('runSource', () => {
  it("turns the source's own failures into a failed outcome with the error kind", async () => {
    const outcome = await runSource(
      depsFailingWith(new FetchError('http', 'HTTP 503 from x', { status: 503, retryAfterSeconds: 30 })),
      context(),
    );
    expect(outcome).toEqual({
      ok: false,
      error: 'HTTP 503 from x',
      httpStatus: 503,
      retryAfterSeconds: 30,
      published: 0,
      crawlDelaySeconds: null,
      errorKind: 'http',
    });
  });

  it('shows unexpected errors on the status instead of hiding them', async () => {
    const outcome = await runSource(depsFailingWith(new TypeError('x is undefined')), context());
    expect(outcome).toMatchObject({ ok: false, error: 'internal error: x is undefined', errorKind: 'internal' });
  });

  it('lets our own outages and shutdown aborts through, so the source is not blamed', async () => {
    await expect(runSource(depsFailingWith(new DependencyUnavailableError('Kafka down')), context())).rejects.toThrow(
      'Kafka down',
    );
    // The repositories translate a database outage into the same kind (libs/persistence mongo-errors.ts).
    const mongoDown = new DependencyUnavailableError('MongoDB unavailable: connect ECONNREFUSED');
    await expect(runSource(depsFailingWith(mongoDown), context())).rejects.toBe(mongoDown);
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      runSource(depsFailingWith(new FetchError('timeout', 'aborted')), context(aborted.signal)),
    ).rejects.toThrow('aborted');
  });
});

describe('sourceAllowList', () => {
  it('adds the origin (scheme, host, port) or the folder of an allow-listed source only', () => {
    expect(sourceAllowList({ url: 'http://10.1.2.3:8080/feed', allowListed: true })).toEqual(['http://10.1.2.3:8080']);
    expect(sourceAllowList({ url: 'https://intranet.corp/feed', allowListed: true })).toEqual([
      'https://intranet.corp',
    ]);
    expect(sourceAllowList({ url: 'file:///srv/drop/', allowListed: true })).toEqual(['file:///srv/drop/']);
    expect(sourceAllowList({ url: 'https://intranet.corp/feed', allowListed: false })).toEqual([]);
  });
});
