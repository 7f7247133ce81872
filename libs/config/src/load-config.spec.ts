import { env } from './fields';
import { ConfigError, loadAll, loadConfig } from './load-config';
import { loadKafkaSecurity } from './kafka-security';
import { loadCommonConfig } from './service-config';

describe('loadConfig', () => {
  it('applies defaults that point at the embedded stack', () => {
    const config = loadCommonConfig(3005, {});
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/inkstream');
    expect(config.HTTP_PORT).toBe(3005);
  });

  it('names every bad variable with what was wrong and what it got', () => {
    let caught: unknown;
    try {
      loadCommonConfig(3005, { HTTP_PORT: '99999', KAFKA_BROKERS: 'localhost', MONGODB_URI: 'postgres://x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { problems, message } = caught as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/HTTP_PORT: .*\(got "99999"\)/);
    expect(message).toMatch(/KAFKA_BROKERS: must be a comma-separated list of host:port \(got "localhost"\)/);
    expect(message).toMatch(/MONGODB_URI: must be a mongodb:\/\/ or mongodb\+srv:\/\/ URI/);
  });

  it('treats empty values as unset and parses lists and booleans', () => {
    const config = loadConfig(
      { A: env.boolean(true), B: env.list('x'), C: env.brokers('h:1') },
      { A: 'no', B: ' ', C: 'a:1, b:2' },
    );
    expect(config).toEqual({ A: false, B: ['x'], C: ['a:1', 'b:2'] });
  });

  it('reports an invalid boolean by name', () => {
    expect(() => loadConfig({ FLAG: env.boolean(false) }, { FLAG: 'maybe' })).toThrow(/FLAG: must be true or false/);
  });
});

describe('loadCommonConfig', () => {
  it('compresses produced batches only when asked (none on one machine, gzip between hosts)', () => {
    expect(loadCommonConfig(3000, {}).KAFKA_COMPRESSION).toBe('none');
    expect(loadCommonConfig(3000, { KAFKA_COMPRESSION: 'gzip' }).KAFKA_COMPRESSION).toBe('gzip');
    expect(() => loadCommonConfig(3000, { KAFKA_COMPRESSION: 'zstd' })).toThrow(/KAFKA_COMPRESSION/);
  });

  it('lists the problems of every loader at once, and returns every result when all succeed', () => {
    const env = { HTTP_PORT: 'x', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN' };
    expect(() =>
      loadAll(
        () => loadCommonConfig(3005, env),
        () => loadKafkaSecurity(env),
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^HTTP_PORT: /),
          expect.stringMatching(/^KAFKA_SASL_USERNAME: required/),
          expect.stringMatching(/^KAFKA_SASL_PASSWORD: required/),
        ],
      }),
    );
    const [common, security] = loadAll(
      () => loadCommonConfig(3005, {}),
      () => loadKafkaSecurity({}),
    );
    expect([common.HTTP_PORT, security.protocol]).toEqual([3005, 'PLAINTEXT']);
  });
});
