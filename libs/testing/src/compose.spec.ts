// docker-compose.yml cannot run on machines without Docker (CI included), so its structure is checked here:
// every service present, built or pulled, health-checked, wired to Kafka and MongoDB, on distinct ports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const APP_PORTS: Record<string, number> = {
  gateway: 3000,
  fetcher: 3001,
  splitter: 3002,
  deduplicator: 3003,
  enricher: 3004,
  store: 3005,
};

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number> | string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const services = compose.services;

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

function healthTest(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

describe('docker-compose.yml', () => {
  it('runs Kafka 4 in KRaft mode and MongoDB 8, both health-checked', () => {
    expect(services.kafka.image).toMatch(/^(apache\/kafka:4\.|confluentinc\/cp-kafka:8\.)/);
    expect(environmentOf(services.kafka)).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(environmentOf(services.kafka).KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
    expect(services.mongo.image).toMatch(/^mongo:8(\.|$)/);
    expect(healthTest(services.kafka)).not.toBe('');
    expect(healthTest(services.mongo)).toContain('ping');
  });

  it.each(Object.entries(APP_PORTS))('builds and wires the %s service (HTTP_PORT %d)', (name, port) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect(service.build).toMatchObject({
      context: '.',
      dockerfile: 'deploy/docker/Dockerfile',
      args: { SERVICE: name },
    });
    expect(existsSync(join(ROOT, 'services', name))).toBe(true);
    expect(environmentOf(service)).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      MONGODB_URI: 'mongodb://mongo:27017/inkstream',
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: String(port),
    });
    expect(healthTest(service)).toContain('/health');
    expect(healthTest(service)).toContain('HTTP_PORT');
    if (name === 'gateway') {
      const scraped = String(environmentOf(service).GATEWAY_SERVICE_URLS).split(',');
      expect(scraped.map((entry) => entry.split('=')[0]).sort()).toEqual(
        Object.keys(APP_PORTS)
          .filter((other) => other !== 'gateway')
          .sort(),
      );
    }
    expect(service.ports).toEqual([`${port}:${port}`]);
    expect(service.depends_on).toEqual({
      kafka: { condition: 'service_healthy' },
      mongo: { condition: 'service_healthy' },
    });
  });

  it('has a Dockerfile that runs the service named by the SERVICE build arg', () => {
    const dockerfile = readFileSync(join(ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('node -r @swc-node/register services/$SERVICE/src/main.ts');
  });

  it('only depends on services that exist and are health-checked', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toMatchObject({ exists: true });
        expect(healthTest(services[dep])).not.toBe('');
      }
    }
  });

  it('publishes each host port once', () => {
    const hostPorts = Object.values(services).flatMap((service) =>
      (service.ports ?? []).map((mapping) => mapping.split(':').slice(-2)[0]),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPorts).toEqual(expect.arrayContaining(['9092', '27017', '3000', '3005']));
  });
});
