import { isAllowed } from '@inkstream/feeds';
import { FetchError, RobotsCache, type RobotsLoader } from '@inkstream/fetching';
import { feedsFetchPolicies } from './fetch-policies';

function cache(load: RobotsLoader, now = { value: 0 }) {
  return new RobotsCache(
    feedsFetchPolicies.robots,
    load,
    { ttlMs: 1000, errorTtlMs: 100 },
    { now: () => now.value, sleep: async () => undefined },
  );
}

const UA = 'Inkstream/0.1';

describe('RobotsCache', () => {
  it('applies robots.txt rules and fetches each origin once within the TTL, concurrent callers sharing', async () => {
    const load = jest.fn(async () => ({ status: 200, text: 'User-agent: *\nDisallow: /private/' }));
    const robots = cache(load);
    const [a, b] = await Promise.all([
      robots.policyFor('https://site.example/private/x'),
      robots.policyFor('https://site.example/news'),
    ]);
    expect(a).toBe(b);
    expect(isAllowed(a, 'https://site.example/private/x', UA)).toBe(false);
    expect(isAllowed(a, 'https://site.example/news', UA)).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith('https://site.example/robots.txt', []);
  });

  it('allows everything on 4xx, disallows everything on 5xx or no answer, and asks again sooner after errors', async () => {
    const now = { value: 0 };
    const answers: Array<() => Promise<{ status: number; text: string }>> = [
      async () => ({ status: 404, text: '' }),
      async () => ({ status: 503, text: '' }),
      async () => {
        throw new FetchError('timeout', 'no answer', { transient: true });
      },
      async () => ({ status: 200, text: '' }),
    ];
    const robots = cache(() => (answers.shift() as () => Promise<{ status: number; text: string }>)(), now);
    expect(isAllowed(await robots.policyFor('https://a.example/x'), 'https://a.example/x', UA)).toBe(true);
    expect(isAllowed(await robots.policyFor('https://b.example/x'), 'https://b.example/x', UA)).toBe(false);
    expect(isAllowed(await robots.policyFor('https://c.example/x'), 'https://c.example/x', UA)).toBe(false);
    // "disallow all" for want of an answer is told apart from a site's own rules
    expect(robots.unreachableReason('https://a.example/x')).toBeNull();
    expect(robots.unreachableReason('https://b.example/x')).toBe('HTTP 503');
    expect(robots.unreachableReason('https://c.example/x')).toBe('no answer');
    now.value = 150; // past the error TTL, within the normal TTL
    expect(isAllowed(await robots.policyFor('https://a.example/x'), 'https://a.example/x', UA)).toBe(true);
    expect(answers).toHaveLength(1);
    expect(isAllowed(await robots.policyFor('https://b.example/x'), 'https://b.example/x', UA)).toBe(true);
    expect(answers).toHaveLength(0);
    expect(robots.unreachableReason('https://b.example/x')).toBeNull();
  });

  it('passes an SSRF refusal through instead of turning it into a robots verdict, and does not cache it', async () => {
    const load = jest.fn(async () => {
      throw new FetchError('refused', 'refused to connect: host resolves to 10.0.0.1 (private)');
    });
    const robots = cache(load);
    await expect(robots.policyFor('https://internal.example/')).rejects.toThrow(/refused to connect/);
    await expect(robots.policyFor('https://internal.example/')).rejects.toThrow(/refused to connect/);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
