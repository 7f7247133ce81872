import { ERROR_KINDS } from '@inkstream/errors';
import { decideOnFailure, type ConsumeDecision } from './consume-policy';
import type { FailureClass } from './errors';

const retry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 };
const ceiling = () => 1;
const decide = (failure: FailureClass, attempt: number, holds = 0): ConsumeDecision =>
  decideOnFailure(failure, { attempt, holds }, retry, ceiling);

describe('decideOnFailure: the consume loop policy over every failure class', () => {
  const expected: Record<FailureClass, (attempt: number) => ConsumeDecision> = {
    'invalid-message': () => ({ action: 'dead-letter', kind: 'invalid-message' }),
    'invalid-output': () => ({ action: 'dead-letter', kind: 'invalid-output' }),
    'permanent-error': () => ({ action: 'dead-letter', kind: 'permanent-error' }),
    'dependency-unavailable': () => ({ action: 'hold', delayMs: 100 }),
    transient: (attempt) =>
      attempt < retry.maxAttempts
        ? { action: 'retry', delayMs: 100 * 2 ** (attempt - 1) }
        : { action: 'dead-letter', kind: 'retries-exhausted' },
  };

  it('covers every error kind there is, plus transient', () => {
    expect(Object.keys(expected).sort()).toEqual([...ERROR_KINDS, 'transient'].sort());
  });

  it.each(Object.keys(expected) as FailureClass[])('%s, at every attempt', (failure) => {
    for (const attempt of [1, 2, 3, 4, 10]) expect(decide(failure, attempt)).toEqual(expected[failure](attempt));
  });

  it('never dead-letters during an outage, however long it lasts, and backs off up to the ceiling', () => {
    const delays = [0, 1, 2, 3, 5, 20, 1_000].map((holds) => decide('dependency-unavailable', 1, holds));
    expect(delays.every((decision) => decision.action === 'hold')).toBe(true);
    expect(delays.map((decision) => (decision.action === 'hold' ? decision.delayMs : -1))).toEqual([
      100, 200, 400, 800, 1_000, 1_000, 1_000,
    ]);
  });

  it('a single attempt policy dead-letters the first transient failure', () => {
    expect(decideOnFailure('transient', { attempt: 1, holds: 0 }, { ...retry, maxAttempts: 1 })).toEqual({
      action: 'dead-letter',
      kind: 'retries-exhausted',
    });
  });

  it('jitters the delay within [0, ceiling]', () => {
    expect(decideOnFailure('transient', { attempt: 2, holds: 0 }, retry, () => 0)).toEqual({
      action: 'retry',
      delayMs: 0,
    });
  });
});
