import { DependencyUnavailableError, InvalidMessageError, PermanentError } from './index';

describe('error taxonomy', () => {
  it('names each class in messages and logs (errorMessage prints `name: message`)', () => {
    expect(new InvalidMessageError('x').name).toBe('InvalidMessageError');
    expect(new PermanentError('x').name).toBe('PermanentError');
    expect(new DependencyUnavailableError('x').name).toBe('DependencyUnavailableError');
  });

  it('keeps the classes apart, which is what the consume loop decides by', () => {
    expect(new PermanentError('x')).not.toBeInstanceOf(DependencyUnavailableError);
    expect(new InvalidMessageError('x')).not.toBeInstanceOf(PermanentError);
    expect(new DependencyUnavailableError('x')).toBeInstanceOf(Error);
  });
});

describe('invalid output', () => {
  it('is its own class: a bug of the producing stage, neither an invalid input nor a permanent error', () => {
    const { InvalidOutputError: Output } = jest.requireActual('./index') as typeof import('./index');
    expect(new Output('x').name).toBe('InvalidOutputError');
    expect(new Output('x')).not.toBeInstanceOf(InvalidMessageError);
    expect(new Output('x')).not.toBeInstanceOf(PermanentError);
  });
});
