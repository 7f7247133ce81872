import { ServiceUnavailableException } from '@nestjs/common';
import { ReaderSlots } from './reader-slots';

describe('ReaderSlots', () => {
  it('refuses a read that would hold more consumers than the limit, and frees slots when a read ends', async () => {
    const slots = new ReaderSlots(6);
    let finish: () => void = () => undefined;
    const trace = slots.with(5, () => new Promise<void>((resolve) => (finish = resolve)));
    expect(slots.inUse).toBe(5);
    await expect(slots.with(2, async () => 'page')).rejects.toThrow(ServiceUnavailableException);
    await expect(slots.with(2, async () => 'page')).rejects.toThrow(/already reading topics with 5 .*at most 6/);
    await expect(slots.with(1, async () => 'page')).resolves.toBe('page');
    finish();
    await trace;
    expect(slots.inUse).toBe(0);
  });

  it('frees the slots of a read that failed', async () => {
    const slots = new ReaderSlots(1);
    await expect(slots.with(1, () => Promise.reject(new Error('Kafka down')))).rejects.toThrow('Kafka down');
    expect(slots.inUse).toBe(0);
  });

  it('at shutdown refuses new reads and waits for the reads in flight', async () => {
    const slots = new ReaderSlots(4);
    let finish: () => void = () => undefined;
    const page = slots.with(1, () => new Promise<string>((resolve) => (finish = () => resolve('page'))));
    let closed = false;
    const closing = slots.close().then(() => (closed = true));
    await expect(slots.with(1, async () => 'late')).rejects.toThrow(/shutting down/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    finish();
    await closing;
    expect(closed).toBe(true);
    await expect(page).resolves.toBe('page');
    expect(slots.inUse).toBe(0);
  });
});
