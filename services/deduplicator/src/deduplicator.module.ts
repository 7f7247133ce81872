import type { Env } from '@inkstream/config';
import { FingerprintStore } from '@inkstream/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { dedupPolicyFrom, loadDedupConfig } from './dedup-config';
import { DeduplicatorController } from './deduplicator.controller';
import { Deduplicator } from './deduplicator';
import { MongoFingerprintIndex } from './mongo-fingerprint-index';

/** Builds the deduplicator from the runtime and the policy read from `env`: used by the Nest module and by tests. */
export async function createDeduplicator(runtime: ServiceRuntime, env: Env): Promise<Deduplicator> {
  if (!runtime.mongo) throw new Error('deduplicator needs MongoDB');
  const config = loadDedupConfig(env);
  const policy = dedupPolicyFrom(config);
  const store = new FingerprintStore(runtime.mongo);
  await store.ensureIndexes();
  runtime.logger.info(
    { windowHours: policy.windowMs / 3_600_000, sourceOverrides: Object.keys(policy.sources) },
    'dedup policy',
  );
  return new Deduplicator(store, new MongoFingerprintIndex(store), policy, {
    decisionWaitMs: config.DEDUP_DECISION_WAIT_MS,
  });
}

@Module({})
export class DeduplicatorModule {
  /** `env` is where the deduplicator's own variables are read (runService passes the common ones to the runtime). */
  static forEnv(env: Env): DynamicModule {
    return {
      module: DeduplicatorModule,
      controllers: [DeduplicatorController],
      providers: [
        {
          provide: Deduplicator,
          inject: [SERVICE_RUNTIME],
          useFactory: (runtime: ServiceRuntime) => createDeduplicator(runtime, env),
        },
      ],
    };
  }
}
