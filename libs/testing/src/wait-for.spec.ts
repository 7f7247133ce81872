import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `done after ${calls}` : undefined), { intervalMs: 1 })).resolves.toBe(
      'done after 3',
    );
  });

  it('names what it waited for and the last error on timeout', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'the article to be stored' },
      ),
    ).rejects.toThrow('Timed out after 30ms waiting for the article to be stored (last error: not yet)');
  });
});
