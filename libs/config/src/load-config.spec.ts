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

describe('tracing config', () => {
  it('is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set, and then must be an http(s) URL', () => {
    expect(loadCommonConfig(3000, {}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadCommonConfig(3000, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    for (const bad of ['collector:4318', 'grpc://collector:4317', 'http://collector:4318/?a=b']) {
      expect(() => loadCommonConfig(3000, { OTEL_EXPORTER_OTLP_ENDPOINT: bad })).toThrow(
        /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/,
      );
    }
  });

  it('takes the standard sampler variables, naming a bad one', () => {
    expect(loadCommonConfig(3000, {})).toMatchObject({
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_TRACES_SAMPLER_ARG: 1,
    });
    expect(
      loadCommonConfig(3000, { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }),
    ).toMatchObject({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: 0.1 });
    expect(() => loadCommonConfig(3000, { OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(
      /OTEL_TRACES_SAMPLER: must be one of always_on, .*parentbased_traceidratio/,
    );
    expect(() => loadCommonConfig(3000, { OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(
      /OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1/,
    );
  });
});
