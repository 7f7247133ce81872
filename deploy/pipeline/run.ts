// `npm start`: the whole pipeline on one machine. Starts the embedded Kafka + FerretDB (unless KAFKA_BROKERS and
// MONGODB_URI point elsewhere), creates the topics, starts the services, registers the demo sources and prints
// where to look. It supervises both the services and the embedded stack's processes: what dies is restarted with
// backoff, and given up on loudly after a crash loop. Ctrl-C stops everything in order.
import { DEFAULT_TOPIC_PARTITIONS, loadKafkaSecurity, PLAINTEXT_KAFKA } from '@inkstream/config';
import { PIPELINE_SUBSCRIPTIONS } from '@inkstream/contracts';
import { createKafka, ensureTopics, pipelineTopicSpecs } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { startEmbeddedStack, stopEmbeddedStack } from '@inkstream/embedded-stack';
import { startDemo, type RunningDemo } from './demo';
import { demoFeedPort, freePort, parsePortChoice, resolvePorts, type PortChoice } from './ports';
import { selectServices, serviceUrls } from './services';
import { decideAfterExit, describeExit, healthyAgain, NO_RESTARTS, type RestartHistory } from './restart-policy';
import { startServiceProcess, stopServiceProcess, waitHealthy, type ServiceProcess } from './service-process';
import { serveStackStatus } from './stack-status-server';
import { superviseStack, type StackSupervisor } from './stack-supervisor';

const ROOT = resolve(__dirname, '..', '..');
const HOST = '127.0.0.1';
const say = (line: string): void => console.log(`[inkstream] ${line}`);

interface Options {
  services: string | undefined;
  demo: boolean;
  echoLogs: boolean;
  keepStack: boolean;
  ports: PortChoice;
}

function stackStatusUrl(server: Server | undefined): string[] {
  const address = server?.address();
  return address && typeof address === 'object' ? [`stack=http://${HOST}:${address.port}`] : [];
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    services: process.env.INKSTREAM_SERVICES,
    demo: process.env.INKSTREAM_DEMO !== '0',
    echoLogs: process.env.INKSTREAM_ECHO_LOGS === '1',
    keepStack: process.env.INKSTREAM_KEEP_STACK === '1',
    ports: parsePortChoice(process.env.INKSTREAM_PORTS),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--services') options.services = argv[++i];
    else if (arg.startsWith('--services=')) options.services = arg.slice('--services='.length);
    else if (arg === '--no-demo') options.demo = false;
    else if (arg === '--logs') options.echoLogs = true;
    else if (arg === '--keep-stack') options.keepStack = true;
    else if (arg === '--ports') options.ports = parsePortChoice(argv[++i]);
    else if (arg.startsWith('--ports=')) options.ports = parsePortChoice(arg.slice('--ports='.length));
    else
      throw new Error(`unknown option ${arg} (use --services a,b  --no-demo  --logs  --keep-stack  --ports BASE|auto)`);
  }
  return options;
}

async function main(): Promise<void> {
  const began = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const selected = selectServices(options.services);
  const ports = await resolvePorts(options.ports, () => freePort(HOST));
  const external = Boolean(process.env.KAFKA_BROKERS && process.env.MONGODB_URI);
  let brokers: string;
  let mongoUri: string;
  let ownStack = false;
  let stackSupervisor: StackSupervisor | undefined;
  /** The supervision's /health, which the gateway's dashboard scrapes as the `stack` card. */
  let stackStatus: Server | undefined;
  if (external) {
    brokers = process.env.KAFKA_BROKERS as string;
    mongoUri = process.env.MONGODB_URI as string;
    say(`using external Kafka ${brokers} and MongoDB ${mongoUri.replace(/\/\/[^@/]+@/, '//***@')}`);
  } else {
    say(
      'starting the embedded stack: Apache Kafka (KRaft) + FerretDB 2 on PostgreSQL/DocumentDB (first run builds caches: minutes)',
    );
    const stack = await startEmbeddedStack({ log: (line) => say(`  ${line}`), detached: true });
    ownStack = !stack.alreadyRunning;
    const supervisor = superviseStack({ dataDir: stack.dataDir, ports: stack.ports, log: say, detached: true });
    stackSupervisor = supervisor;
    stackStatus = await serveStackStatus(HOST, await freePort(HOST), () => supervisor.current());
    say('watching Kafka, FerretDB and PostgreSQL: a process that dies is restarted (PostgreSQL before FerretDB)');
    brokers = stack.kafkaBrokers.join(',');
    mongoUri = `${stack.mongoUri.replace(/\/$/, '')}/inkstream`;
  }

  const logger = createLogger('run', 'warn');
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  // An external Kafka may want TLS and a login (the services read the same variables); the embedded one is plaintext.
  const security = external ? loadKafkaSecurity(process.env) : PLAINTEXT_KAFKA;
  const created = await ensureTopics(
    createKafka({ clientId: 'inkstream-run', brokers: brokers.split(','), logger, security }),
    pipelineTopicSpecs({
      prefix,
      numPartitions: Number(process.env.KAFKA_TOPIC_PARTITIONS ?? DEFAULT_TOPIC_PARTITIONS),
      replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1),
      consumers: [...PIPELINE_SUBSCRIPTIONS],
    }),
  );
  say(created.length > 0 ? `created ${created.length} topics` : 'topics already exist');

  const logDir = join(ROOT, '.cache', 'run', 'logs');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    MONGODB_URI: mongoUri,
    GATEWAY_SERVICE_URLS:
      process.env.GATEWAY_SERVICE_URLS ?? [serviceUrls(HOST, ports), ...stackStatusUrl(stackStatus)].join(','),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    // the demo drop source reads samples/; drop folders are confined to FETCH_DROP_ROOTS
    FETCH_DROP_ROOTS: process.env.FETCH_DROP_ROOTS ?? (options.demo ? join(ROOT, 'samples') : ''),
  };
  const running: ServiceProcess[] = [];
  let demo: RunningDemo | null = null;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stackSupervisor?.stop();
    stackStatus?.close();
    say('stopping services (upstream first)…');
    await demo?.stop();
    for (const service of [...running].reverse()) {
      say(`  ${service.name}: ${await stopServiceProcess(service, 20_000)}`);
    }
    if (ownStack && !options.keepStack) {
      const result = await stopEmbeddedStack(undefined, { log: () => undefined });
      say(`  kafka: ${result.kafka}; ferretdb: ${result.ferretdb}; postgres: ${result.postgres}`);
    } else if (!external) {
      say('  the embedded stack keeps running (npm run stack:stop to stop it)');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // Supervision: a service that dies on its own is restarted with exponential backoff; after too many crashes in a
  // short time the runner gives up on it, loudly (restart-policy.ts). One that found the stack away at startup is
  // restarted for as long as the outage lasts.
  const histories = new Map<string, RestartHistory>();
  let supervising = false;
  const launch = (name: (typeof selected)[number]): ServiceProcess => {
    const service = startServiceProcess({
      root: ROOT,
      name,
      port: ports[name],
      host: HOST,
      env,
      logDir,
      echo: options.echoLogs,
    });
    service.exited.then(async (code) => {
      if (stopping) return;
      if (!supervising) {
        // during startup waitHealthy reports the exit and the run stops: no restart loop behind it
        say(`!! ${name} exited during startup (${code}); see ${service.logFile}`);
        return;
      }
      const { decision, history } = decideAfterExit(histories.get(name) ?? NO_RESTARTS, code, Date.now());
      histories.set(name, history);
      say(describeExit(name, code, decision, service.logFile));
      if (decision.action === 'give-up') {
        console.error(`[inkstream] !! ${name} is DOWN and will not be restarted`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      if (stopping) return;
      const restarted = launch(name);
      running[running.indexOf(service)] = restarted;
      try {
        await waitHealthy(restarted, 120_000);
        histories.set(name, healthyAgain(histories.get(name) ?? NO_RESTARTS));
        say(`${name} restarted and healthy (${restarted.url})`);
      } catch (error) {
        say(`!! ${name} restarted but is not healthy: ${(error as Error).message}`);
      }
    });
    return service;
  };

  try {
    for (const name of selected) running.push(launch(name));
    // Services boot in parallel; waiting is per service so a failure names the one that failed.
    await Promise.all(running.map((service) => waitHealthy(service, 120_000)));
    say(`services healthy: ${running.map((service) => `${service.name} (${service.url})`).join(', ')}`);
    supervising = true;
    if (options.demo && selected.includes('fetcher')) {
      const feedPort = await demoFeedPort(options.ports, () => freePort(HOST));
      demo = await startDemo({ root: ROOT, mongoUri, feedPort, log: say });
    }
  } catch (error) {
    say(`startup failed: ${(error as Error).message}`);
    await stopAll(1);
    return;
  }

  const gateway = `http://${HOST}:${ports.gateway}`;
  say(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  if (selected.includes('gateway')) {
    say(`dashboard     ${gateway}/`);
    say(`API explorer  ${gateway}/docs`);
    say(`live stream   ${gateway}/api/stream   (Server-Sent Events; try: npx inkstream tail)`);
  }
  say(`Kafka ${brokers}   MongoDB ${mongoUri}   logs ${logDir}`);
  say('Ctrl-C stops everything.');
}

main().catch((error: Error) => {
  console.error(`[inkstream] ${error.message}`);
  process.exit(1);
});
