// A stack of one test file's own, for tests that break it (stop the broker, kill the database) and must not disturb
// the run's shared stack: embedded processes on free ports in a throwaway `.cache/test-stack-*` dir (owned by this
// worker, so no other run sweeps it), removed on stop. Costs a broker start (seconds): use it only to break things.
import { startEmbedded, type StartEmbeddedOptions } from './embedded';
import { startEmbeddedStack, stopEmbeddedStack, type StackComponent, type StackPorts } from '@inkstream/embedded-stack';

export interface PrivateStack {
  kafkaBrokers: string[];
  /** Ends with `/`: append a database name. */
  mongoUri: string;
  dataDir: string;
  ports: StackPorts;
  /** SIGKILLs these components (an outage, not an orderly stop). */
  kill(components: readonly StackComponent[]): Promise<void>;
  /** Starts again whatever is down, on its data and ports. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateStack(options: StartEmbeddedOptions = {}): Promise<PrivateStack> {
  const started = await startEmbedded(() => undefined, options);
  const { dataDir, ports } = started;
  return {
    kafkaBrokers: started.kafkaBrokers,
    mongoUri: started.mongoUri,
    dataDir,
    ports,
    kill: async (components) => {
      await stopEmbeddedStack(dataDir, { components, timeoutMs: 0 });
    },
    restart: async () => {
      await startEmbeddedStack({
        dataDir,
        kafkaPort: ports.kafka,
        controllerPort: ports.controller,
        mongoPort: ports.mongo,
        postgresPort: ports.postgres,
        components: options.components,
        detached: false,
      });
    },
    stop: () => started.stop(false),
  };
}
