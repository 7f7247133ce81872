import {
  DependencyUnavailableError,
  errorKindOf,
  InkstreamError,
  InvalidMessageError,
  InvalidOutputError,
  PermanentError,
} from './index';

describe('error kinds', () => {
  const cases = [
    { error: new InvalidMessageError('x'), name: 'InvalidMessageError', kind: 'invalid-message', retriable: false },
    { error: new InvalidOutputError('x'), name: 'InvalidOutputError', kind: 'invalid-output', retriable: false },
    { error: new PermanentError('x'), name: 'PermanentError', kind: 'permanent-error', retriable: false },
    {
      error: new DependencyUnavailableError('x'),
      name: 'DependencyUnavailableError',
      kind: 'dependency-unavailable',
      retriable: true,
    },
  ] as const;

  it.each(cases)(
    '$name has kind $kind, retriable $retriable, and prints its name',
    ({ error, name, kind, retriable }) => {
      expect(error).toBeInstanceOf(InkstreamError);
      expect(error.name).toBe(name);
      expect(error.kind).toBe(kind);
      expect(errorKindOf(error)).toBe(kind);
      expect(error.retriable).toBe(retriable);
    },
  );

  it('keeps the error it was translated from as cause', () => {
    const driver = new Error('connection refused');
    expect(new DependencyUnavailableError('database down', { cause: driver }).cause).toBe(driver);
  });

  it('gives no kind to errors nobody translated (bugs, raw driver errors)', () => {
    expect(errorKindOf(new TypeError('x'))).toBeUndefined();
    expect(errorKindOf('a string')).toBeUndefined();
    expect(errorKindOf(undefined)).toBeUndefined();
  });
});
