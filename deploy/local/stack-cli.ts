// `npm run stack:start|stop|status`: the embedded Kafka + FerretDB/PostgreSQL stack (@inkstream/embedded-stack) for
// local development. Options come from env vars (see deploy/local/README.md); `start --fresh` wipes the data dir first.
import {
  DEFAULT_PORTS,
  embeddedStackStatus,
  resolveDataDir,
  startEmbeddedStack,
  stopEmbeddedStack,
  type ComponentStatus,
} from '@inkstream/embedded-stack';

const log = (line: string): void => console.log(`[stack] ${line}`);

async function start(fresh: boolean): Promise<void> {
  const began = Date.now();
  log(
    `Starting the embedded stack (Apache Kafka broker + FerretDB 2 on PostgreSQL/DocumentDB) in ${resolveDataDir(undefined)}`,
  );
  const stack = await startEmbeddedStack({ fresh, log, detached: true });
  const took = ((Date.now() - began) / 1000).toFixed(1);
  if (stack.alreadyRunning) log(`Already running (nothing started, ${took}s).`);
  else if (stack.reused.length > 0) log(`Started; ${stack.reused.join(' and ')} was already running (${took}s).`);
  else log(`Started in ${took}s.`);
  log(`Kafka   listening on ${stack.kafkaBrokers.join(',')}   -> KAFKA_BROKERS=${stack.kafkaBrokers.join(',')}`);
  log(`MongoDB listening on ${stack.mongoUri}   -> MONGODB_URI=${stack.mongoUri}inkstream`);
  log(`Logs in ${stack.dataDir}/logs; stop with: npm run stack:stop`);
}

async function stop(): Promise<void> {
  const result = await stopEmbeddedStack(undefined, { log });
  log(`Kafka: ${result.kafka}; FerretDB: ${result.ferretdb}; PostgreSQL: ${result.postgres}.`);
}

function describe(label: string, status: ComponentStatus, address: string | undefined): string {
  const where = status.state === 'running' || status.state === 'not answering' ? ` on ${address}` : '';
  const pid = status.pid !== undefined ? ` (pid ${status.pid})` : '';
  return `${label.padEnd(10)} ${status.state}${where}${pid}`;
}

async function status(): Promise<boolean> {
  const current = await embeddedStackStatus();
  log(`Data dir ${current.dataDir}`);
  log(describe('Kafka', current.kafka, current.kafkaBrokers?.join(',')));
  log(describe('MongoDB', current.ferretdb, current.mongoUri));
  log(
    describe('PostgreSQL', current.postgres, current.postgres.port ? `127.0.0.1:${current.postgres.port}` : undefined),
  );
  const components = [current.kafka, current.ferretdb, current.postgres];
  if (components.some((component) => component.state === 'stale pid file')) {
    log('A stale pid file remains (a process died): `npm run stack:stop` cleans it up.');
  }
  return components.every((component) => component.state === 'running');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      await start(flags.includes('--fresh'));
      return 0;
    case 'stop':
      await stop();
      return 0;
    case 'status':
      // Exit code 0 only when every component answers, so scripts can use `stack:status` as a check.
      return (await status()) ? 0 : 3;
    default:
      console.error(
        'usage: stack-cli.ts start [--fresh] | stop | status\n' +
          `env: INKSTREAM_STACK_DIR, INKSTREAM_STACK_CACHE_DIR, INKSTREAM_KAFKA_PORT (${DEFAULT_PORTS.kafka}), ` +
          `INKSTREAM_KAFKA_CONTROLLER_PORT (${DEFAULT_PORTS.controller}), INKSTREAM_MONGO_PORT (${DEFAULT_PORTS.mongo}), ` +
          `INKSTREAM_POSTGRES_PORT (${DEFAULT_PORTS.postgres}), INKSTREAM_VENDOR_DIR`,
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[stack] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
