// The Kubernetes manifests, checked without a cluster: the Go validator (deploy/k8s/validate) renders the base and
// every overlay and decodes each object strictly into its API type; this spec proves it rejects what it must, then
// holds the rendered objects against the code: topic and group names from libs/contracts, partitions against the
// services' own settings, ports, probes and shutdown time against the runtime, alert rules against real metrics.
import {
  ALL_TOPICS,
  deadLetterTopic,
  PIPELINE_SUBSCRIPTIONS,
  type ConsumerGroupName,
  type TopicName,
} from '@inkstream/contracts';
import { loadKafkaSecurity } from '@inkstream/config';
import { parser as promql } from '@prometheus-io/lezer-promql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  ALERT_RULES,
  ensureValidator,
  K8S_DIR,
  kustomizeDirs,
  renderObjects,
  REPO_ROOT,
  runValidator,
} from './validator';

type K8sObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const APP_PORTS: Record<string, number> = {
  gateway: 3000,
  fetcher: 3001,
  splitter: 3002,
  deduplicator: 3003,
  enricher: 3004,
  store: 3005,
};

/** The Deployment of each consuming stage is named after its group (inkstream.<stage>). */
const stageOf = (group: ConsumerGroupName) => group.replace(/^inkstream\./, '');

let binary: string;
beforeAll(() => {
  // The first run on a fresh clone compiles the validator (scripts/test.sh has already done so before unit tests).
  binary = ensureValidator();
}, 600_000);

describe('deploy/k8s validator', () => {
  it('accepts the alert rules, the base and every overlay', () => {
    const dirs = kustomizeDirs();
    expect(dirs.map((dir) => dir.slice(K8S_DIR.length + 1))).toEqual(['base', 'overlays/local', 'overlays/production']);
    const run = runValidator(['-rules', ALERT_RULES, ...dirs], binary);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.each([
    [
      'unknown-field',
      'Deployment splitter: error unmarshaling JSON: while decoding JSON: json: unknown field "replica"',
    ],
    [
      'unknown-crd-field',
      'ScaledObject splitter: error unmarshaling JSON: while decoding JSON: json: unknown field "maxReplicas"',
    ],
    ['beyond-partitions', 'ScaledObject splitter: maxReplicaCount 4 exceeds the 3 partitions of news.raw.v1'],
    [
      'unknown-acl-operation',
      'KafkaUser inkstream-pipeline: spec.authorization.acls[0].operations: unknown operation "Produce"',
    ],
  ])('rejects testdata/%s', (name, message) => {
    const run = runValidator([join(K8S_DIR, 'validate', 'testdata', name)], binary);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
  });
});

describe.each(['local', 'production'])('overlay %s', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = renderObjects(join(K8S_DIR, 'overlays', overlay), binary);
  });
  const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
  const named = (kind: string, name: string) => ofKind(kind).find((object) => object.metadata.name === name);
  const config = () => named('ConfigMap', 'inkstream-config')!.data as Record<string, string>;

  it('declares every topic of libs/contracts and each dead-letter topic, with the partitions services would use', () => {
    const topics = ofKind('KafkaTopic');
    const deadLetters = PIPELINE_SUBSCRIPTIONS.map(({ topic, group }) => deadLetterTopic(topic, group));
    expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual([...ALL_TOPICS, ...deadLetters].sort());
    for (const topic of topics) {
      expect(topic.metadata.name).toBe(topic.spec.topicName);
      expect(topic.spec.replicas).toBe(Number(config().KAFKA_REPLICATION_FACTOR));
      const expected = deadLetters.includes(topic.spec.topicName) ? 1 : Number(config().KAFKA_TOPIC_PARTITIONS);
      expect({ topic: topic.spec.topicName, partitions: topic.spec.partitions }).toEqual({
        topic: topic.spec.topicName,
        partitions: expected,
      });
      expect(topic.spec.config['retention.ms']).toBeGreaterThan(0);
    }
  });

  it('points services, KEDA and the topics at one Strimzi cluster', () => {
    const clusters = new Set(
      [...ofKind('KafkaTopic'), ...ofKind('KafkaUser')].map((object) => object.metadata.labels['strimzi.io/cluster']),
    );
    expect([...clusters]).toEqual(['inkstream']);
    expect(ofKind('Kafka').map((kafka) => kafka.metadata.name)).toEqual(['inkstream']);
    // Local: the plaintext listener of a laptop cluster. Production: only TLS with SCRAM-SHA-512 logins.
    expect(config().KAFKA_BROKERS).toBe(`inkstream-kafka-bootstrap:${overlay === 'local' ? 9092 : 9093}`);
  });

  it("speaks the security protocol of the listener KAFKA_BROKERS names, as the services' config reads it", () => {
    const port = Number(config().KAFKA_BROKERS.split(':')[1]);
    const listener = named('Kafka', 'inkstream')!.spec.kafka.listeners.find(
      (candidate: K8sObject) => candidate.port === port,
    );
    const security = loadKafkaSecurity(config(), () => '-----BEGIN CERTIFICATE-----\n');
    expect({ tls: listener.tls, authentication: listener.authentication?.type ?? 'none' }).toEqual({
      tls: security.tls !== null,
      authentication: security.sasl ? security.sasl.mechanism.toLowerCase() : 'none',
    });
    expect(security.protocol).toBe(overlay === 'local' ? 'PLAINTEXT' : 'SASL_SSL');
  });

  it('mounts into every Deployment the Kafka secrets its settings name, from the Secrets Strimzi writes', () => {
    const security = loadKafkaSecurity(config(), () => '-----BEGIN CERTIFICATE-----\n');
    const files = ['KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SSL_CA_FILE'].flatMap((name) => config()[name] ?? []);
    expect(files).toHaveLength(overlay === 'local' ? 0 : 2);
    // Strimzi's names: a KafkaUser's password in the Secret of its name, the cluster CA in <cluster>-cluster-ca-cert.
    const users = ofKind('KafkaUser').map((user) => user.metadata.name);
    expect(users).toEqual(security.sasl ? [security.sasl.username] : []);
    const expectedSecrets: Record<string, string> = {
      ...(config().KAFKA_SASL_PASSWORD_FILE && { [config().KAFKA_SASL_PASSWORD_FILE]: users[0] }),
      ...(config().KAFKA_SSL_CA_FILE && { [config().KAFKA_SSL_CA_FILE]: 'inkstream-cluster-ca-cert' }),
    };
    for (const deployment of ofKind('Deployment')) {
      const pod = deployment.spec.template.spec;
      for (const file of files) {
        const mount = (pod.containers[0].volumeMounts as K8sObject[]).find((candidate) =>
          file.startsWith(`${candidate.mountPath}/`),
        );
        const volume = (pod.volumes as K8sObject[]).find((candidate) => candidate.name === mount?.name);
        expect({ deployment: deployment.metadata.name, file, secret: volume?.secret?.secretName }).toEqual({
          deployment: deployment.metadata.name,
          file,
          secret: expectedSecrets[file],
        });
        expect(volume!.secret.items.map((item: K8sObject) => `${mount!.mountPath}/${item.path}`)).toContain(file);
      }
    }
  });

  it('lets KEDA read lag with the same login, and the KafkaUser reach every topic and group it uses', () => {
    const triggers = ofKind('ScaledObject').flatMap((object) => object.spec.triggers as K8sObject[]);
    const auths = ofKind('TriggerAuthentication');
    if (overlay === 'local') {
      expect(triggers.every((trigger) => !trigger.authenticationRef && !trigger.metadata.sasl)).toBe(true);
      expect(auths).toEqual([]);
      return;
    }
    const [user] = ofKind('KafkaUser');
    for (const trigger of triggers) {
      expect(trigger.metadata).toMatchObject({ sasl: 'scram_sha512', tls: 'enable' });
      const auth = auths.find((candidate) => candidate.metadata.name === trigger.authenticationRef?.name)!;
      expect(auth.spec.secretTargetRef).toEqual(
        expect.arrayContaining([
          { parameter: 'password', name: user.metadata.name, key: 'password' },
          { parameter: 'ca', name: 'inkstream-cluster-ca-cert', key: 'ca.crt' },
        ]),
      );
    }
    const allowed = (type: string, name: string, operation: string) =>
      (user.spec.authorization.acls as K8sObject[]).some(
        (rule) =>
          rule.resource.type === type &&
          (rule.resource.patternType === 'prefix'
            ? name.startsWith(rule.resource.name)
            : name === rule.resource.name) &&
          rule.operations.includes(operation),
      );
    const deadLetters = PIPELINE_SUBSCRIPTIONS.map(({ topic, group }) => deadLetterTopic(topic, group));
    for (const topic of [...ALL_TOPICS, ...deadLetters]) {
      for (const operation of ['Create', 'Describe', 'Read', 'Write']) {
        expect({ topic, operation, allowed: allowed('topic', topic, operation) }).toMatchObject({ allowed: true });
      }
    }
    for (const { group } of PIPELINE_SUBSCRIPTIONS) {
      expect({ group, allowed: allowed('group', group, 'Read') }).toMatchObject({ allowed: true });
    }
  });

  it('scales each consuming stage on the lag of its group, at most one replica per partition', () => {
    const byStage = new Map<string, Array<{ topic: TopicName; group: ConsumerGroupName }>>();
    for (const subscription of PIPELINE_SUBSCRIPTIONS) {
      byStage.set(stageOf(subscription.group), [...(byStage.get(stageOf(subscription.group)) ?? []), subscription]);
    }
    const scaled = ofKind('ScaledObject');
    expect(scaled.map((object) => object.metadata.name).sort()).toEqual([...byStage.keys()].sort());
    for (const object of scaled) {
      const stage = object.metadata.name as string;
      expect(object.spec.scaleTargetRef.name).toBe(stage);
      expect(
        object.spec.triggers.map((trigger: K8sObject) => ({
          topic: trigger.metadata.topic,
          group: trigger.metadata.consumerGroup,
        })),
      ).toEqual(byStage.get(stage));
      expect(object.spec.maxReplicaCount).toBe(Number(config().KAFKA_TOPIC_PARTITIONS));
      // KEDA owns the replica count of a scaled Deployment; a replicas field would reset it on every apply.
      expect(named('Deployment', stage)!.spec.replicas).toBeUndefined();
    }
  });

  it.each(Object.entries(APP_PORTS))(
    'runs %s on port %d with probes, limits, a PDB and time to shut down',
    (name, port) => {
      const deployment = named('Deployment', name)!;
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
      expect(container.env).toContainEqual({ name: 'HTTP_PORT', value: String(port) });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/metrics', port: 'http' });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container.image).toMatch(new RegExp(`inkstream/${name}:`));
      const shutdownSeconds = Number(config().SHUTDOWN_TIMEOUT_MS) / 1000;
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(
        container.lifecycle.preStop.sleep.seconds + shutdownSeconds,
      );
      const budget = named('PodDisruptionBudget', name)!;
      expect(budget.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      expect(named('Service', name)!.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
    },
  );

  it('connects to MongoDB through the Secret, and the gateway tokens too', () => {
    for (const deployment of ofKind('Deployment')) {
      const env = deployment.spec.template.spec.containers[0].env as K8sObject[];
      const mongo = env.find((variable) => variable.name === 'MONGODB_URI');
      if (deployment.metadata.name === 'enricher') expect(mongo).toBeUndefined();
      else expect(mongo?.valueFrom.secretKeyRef.name).toMatch(/^inkstream-secrets/);
    }
    const gatewayEnv = named('Deployment', 'gateway')!.spec.template.spec.containers[0].env as K8sObject[];
    expect(
      gatewayEnv.find((variable) => variable.name === 'GATEWAY_ADMIN_TOKEN')?.valueFrom.secretKeyRef,
    ).toBeDefined();
    const secret = ofKind('Secret')[0];
    if (overlay === 'local') {
      const uri = Buffer.from(secret.data.MONGODB_URI, 'base64').toString();
      expect(uri).toContain('replicaSet=rs0');
    } else {
      // Production credentials never live in git.
      expect(secret).toBeUndefined();
    }
  });
});

describe('alert rules', () => {
  const metricNames = new Set(
    ['libs/observability/src/metrics.ts', 'services/fetcher/src/fetcher-metrics.ts'].flatMap((file) =>
      [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/name: '(inkstream_\w+)'/g)].map((match) => match[1]),
    ),
  );

  /** Positions where Prometheus' own PromQL grammar (the one its web UI uses) finds a syntax error. */
  const promqlErrors = (expr: string): number[] => {
    const errors: number[] = [];
    promql.parse(expr).iterate({
      enter: (node) => {
        if (node.type.isError) errors.push(node.from);
      },
    });
    return errors;
  };

  it('are valid PromQL, as are the Grafana board queries, all on exported metrics', () => {
    expect(promqlErrors('sum by (group (rate(inkstream_consumer_lag[5m]))')).not.toEqual([]);
    const file = parse(readFileSync(ALERT_RULES, 'utf8')) as { groups: Array<{ rules: K8sObject[] }> };
    const board = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy', 'grafana', 'inkstream-dashboard.json'), 'utf8'));
    const queries = [
      ...file.groups.flatMap((group) => group.rules.map((rule) => String(rule.expr))),
      ...(board.panels as K8sObject[]).flatMap((panel) =>
        (panel.targets ?? []).map((target: K8sObject) => target.expr),
      ),
    ];
    expect(queries.length).toBeGreaterThan(15);
    for (const expr of queries) {
      expect({ expr, errors: promqlErrors(expr) }).toEqual({ expr, errors: [] });
      for (const [used] of expr.matchAll(/\binkstream_\w+/g)) {
        const metric = used.replace(/_(bucket|sum|count)$/, '');
        expect({ expr, metric, exported: metricNames.has(metric) }).toMatchObject({ exported: true });
      }
    }
  });

  it('are the same in the Prometheus rule file and the PrometheusRule', () => {
    const file = parse(readFileSync(ALERT_RULES, 'utf8'));
    const rule = parse(readFileSync(join(K8S_DIR, 'base', 'prometheus-rule.yaml'), 'utf8'));
    expect(rule.spec).toEqual(file);
  });

  it('cover lag growing, dead letters growing and a source failing, using only metrics the code exports', () => {
    const file = parse(readFileSync(ALERT_RULES, 'utf8')) as { groups: Array<{ rules: K8sObject[] }> };
    const rules = file.groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['InkstreamConsumerLagGrowing', 'InkstreamDeadLettersGrowing', 'InkstreamSourcesFailing']),
    );
    expect(metricNames.size).toBeGreaterThan(10);
    for (const rule of rules) {
      for (const [used] of String(rule.expr).matchAll(/\binkstream_\w+/g)) {
        const metric = used.replace(/_(bucket|sum|count)$/, '');
        expect({ alert: rule.alert, metric, exported: metricNames.has(metric) }).toMatchObject({ exported: true });
      }
      expect(rule.annotations.runbook).toMatch(/^docs\/operations\.md#/);
    }
  });

  it('link to sections that exist in docs/operations.md', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#+ (.+)$/gm)].map((match) =>
        match[1]
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const file = parse(readFileSync(ALERT_RULES, 'utf8')) as { groups: Array<{ rules: K8sObject[] }> };
    for (const rule of file.groups.flatMap((group) => group.rules)) {
      const anchor = String(rule.annotations.runbook).split('#')[1];
      expect({ alert: rule.alert, anchor, exists: anchors.has(anchor) }).toMatchObject({ exists: true });
    }
  });
});
