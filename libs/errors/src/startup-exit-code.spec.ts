import {
  DependencyUnavailableError,
  EXIT_DEPENDENCY_UNAVAILABLE,
  EXIT_STARTUP_FAILED,
  PermanentError,
  startupExitCode,
} from './index';

describe('startupExitCode', () => {
  it('says "try again later" when the broker or the database could not be reached, also as a cause', () => {
    const outage = new DependencyUnavailableError('cannot connect to MongoDB at mongodb://db:27017/: timed out');
    expect(startupExitCode(outage)).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
    expect(startupExitCode(new Error('module init failed', { cause: outage }))).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
  });

  it('is a crash for anything else: configuration, refused credentials, a bug', () => {
    expect(startupExitCode(new Error('invalid configuration:\n  - HTTP_PORT: expected a port'))).toBe(
      EXIT_STARTUP_FAILED,
    );
    expect(startupExitCode(new Error('cannot connect to Kafka: the broker refused user "inkstream"'))).toBe(
      EXIT_STARTUP_FAILED,
    );
    expect(startupExitCode(new PermanentError('no such topic'))).toBe(EXIT_STARTUP_FAILED);
    expect(startupExitCode('thrown string')).toBe(EXIT_STARTUP_FAILED);
  });
});
