import { DependencyUnavailableError, InvalidMessageError, InvalidOutputError, PermanentError } from '@inkstream/errors';
import { classifyFailure } from './errors';
import { backoffDelay } from './retry-policy';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the ceiling per attempt and caps it', () => {
    const ceiling = (attempt: number) => backoffDelay(attempt, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(ceiling)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitters within [0, ceiling]', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });
});

describe('classifyFailure', () => {
  it('separates what is retried from what goes straight to the dead-letter topic', () => {
    expect(classifyFailure(new InvalidMessageError('x'))).toBe('invalid-message');
    expect(classifyFailure(new InvalidOutputError('x'))).toBe('invalid-output');
    expect(classifyFailure(new PermanentError('x'))).toBe('permanent-error');
    expect(classifyFailure(new DependencyUnavailableError('x'))).toBe('dependency-unavailable');
    expect(classifyFailure(new Error('socket hang up'))).toBe('transient');
  });
});
