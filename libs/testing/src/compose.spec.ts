// docker-compose.yml cannot run on machines without Docker (CI included), so it is checked here: first against the
// Compose Specification's JSON schema (deploy/docker/compose-spec.schema.json, the compose-spec project's schema,
// Apache-2.0, as shipped in the npm package dclint@3.1.0), as `docker compose config` would; then its wiring:
// every service built from its Dockerfile target, waiting for healthy Kafka and MongoDB, only the gateway published.
import Ajv, { type ValidateFunction } from 'ajv';
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
  command?: string[];
  profiles?: string[];
  build?: { context: string; dockerfile: string; target?: string };
  environment?: Record<string, string | number> | string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
// Merge keys (`<<: *app`) resolved as Compose resolves them, so the schema sees what Compose sees.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;

function composeSchemaValidator(): ValidateFunction {
  const { $schema: draft, ...schema } = JSON.parse(
    readFileSync(join(ROOT, 'deploy', 'docker', 'compose-spec.schema.json'), 'utf8'),
  );
  // The schema names draft-07 by its https URL, which ajv does not register; draft-07 is ajv's default dialect.
  expect(draft).toBe('https://json-schema.org/draft-07/schema');
  return new Ajv({ allErrors: true }).compile(schema);
}

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

function healthTest(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function seconds(duration: string | undefined): number {
  const match = /^(\d+)s$/.exec(duration ?? '');
  return match ? Number(match[1]) : 0;
}

describe('docker-compose.yml against the Compose Specification schema', () => {
  const validate = composeSchemaValidator();

  it('is a valid Compose file', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would reject a misspelt key (the schema check is not a no-op)', () => {
    const broken = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    broken.services.gateway.healthcheck_typo = { test: ['CMD', 'true'] };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.params)).toContainEqual({ additionalProperty: 'healthcheck_typo' });
  });
});

describe('docker-compose.yml wiring', () => {
  it('runs Kafka 4 in KRaft mode and MongoDB 8 as a replica set, both health-checked', () => {
    expect(services.kafka.image).toMatch(/^apache\/kafka:4\./);
    expect(environmentOf(services.kafka)).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
    expect(environmentOf(services.kafka).KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
    expect(services.mongo.image).toMatch(/^mongo:8(\.|$)/);
    expect(services.mongo.command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
    expect(healthTest(services.kafka)).not.toBe('');
    // The health check is what initiates the one-member replica set, with the host name the services use.
    expect(healthTest(services.mongo)).toContain(
      "rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] })",
    );
  });

  it.each(Object.keys(APP_PORTS))('builds and wires the %s service', (name) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect(service.build).toEqual({ context: '.', dockerfile: 'deploy/docker/Dockerfile', target: name });
    expect(existsSync(join(ROOT, 'services', name))).toBe(true);
    expect(environmentOf(service)).toMatchObject({
      KAFKA_BROKERS: 'kafka:9092',
      MONGODB_URI: 'mongodb://mongo:27017/inkstream?replicaSet=rs0',
    });
    if (name === 'gateway') {
      const scraped = String(environmentOf(service).GATEWAY_SERVICE_URLS).split(',');
      expect(Object.fromEntries(scraped.map((entry) => entry.split('=')))).toEqual(
        Object.fromEntries(
          Object.entries(APP_PORTS)
            .filter(([other]) => other !== 'gateway')
            .map(([other, otherPort]) => [other, `http://${other}:${otherPort}`]),
        ),
      );
    }
    expect(service.depends_on).toEqual({
      kafka: { condition: 'service_healthy' },
      mongo: { condition: 'service_healthy' },
    });
    // The ordered shutdown (SHUTDOWN_TIMEOUT_MS, 15 s by default) must end before Docker's SIGKILL.
    expect(seconds(service.stop_grace_period)).toBeGreaterThan(15);
  });

  it('takes each service port and health check from its Dockerfile target', () => {
    const dockerfile = readFileSync(join(ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s*CMD \[[^\n]*\/health/m);
    for (const [name, port] of Object.entries(APP_PORTS)) {
      const stage = dockerfile.split(/^FROM /m).find((block) => block.startsWith(`runtime AS ${name}\n`));
      expect({ name, stage: stage ?? null }).toEqual({ name, stage: expect.stringContaining(`EXPOSE ${port}\n`) });
      expect(stage).toContain(`ENV HTTP_PORT=${port}`);
    }
  });

  it('publishes only the gateway, on loopback unless told otherwise; everything else stays on the compose network', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((mapping) => ({ name, mapping })),
    );
    const everyInterface = published.filter(({ mapping }) => !mapping.startsWith('127.0.0.1:'));
    expect(everyInterface).toEqual([{ name: 'gateway', mapping: '${GATEWAY_BIND_ADDRESS:-127.0.0.1}:3000:3000' }]);
    for (const name of ['kafka', 'mongo', 'fetcher', 'splitter', 'deduplicator', 'enricher', 'store', 'prometheus']) {
      expect({ name, ports: services[name].ports ?? [] }).toEqual({ name, ports: [] });
    }
  });

  it('refuses to start the gateway with an empty admin token', () => {
    expect(environmentOf(services.gateway).GATEWAY_ADMIN_TOKEN).toMatch(/^\$\{GATEWAY_ADMIN_TOKEN:\?[^}]+\}$/);
  });

  it('only depends on services that exist and are health-checked', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? [] : Object.keys(service.depends_on ?? {});
      for (const dep of deps) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toMatchObject({ exists: true });
        expect(healthTest(services[dep])).not.toBe('');
      }
    }
  });

  it('runs Prometheus and Grafana only in the observability profile, with the repository board and rules', () => {
    expect(services.prometheus.profiles).toEqual(['observability']);
    expect(services.grafana.profiles).toEqual(['observability']);
    expect(services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    expect(services.grafana.volumes).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
        './deploy/grafana:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const provider = parse(readFileSync(join(ROOT, 'deploy/grafana/provisioning/dashboards/inkstream.yml'), 'utf8'));
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    expect(existsSync(join(ROOT, 'deploy/grafana/inkstream-dashboard.json'))).toBe(true);

    const prometheus = parse(readFileSync(join(ROOT, 'deploy/prometheus/compose.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
    expect(
      Object.fromEntries(prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs[0].targets])),
    ).toEqual(
      Object.fromEntries(Object.entries(APP_PORTS).map(([name, port]) => [`inkstream-${name}`, [`${name}:${port}`]])),
    );
  });
});
