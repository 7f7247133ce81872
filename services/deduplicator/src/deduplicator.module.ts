import type { Env } from '@inkstream/config';
import { FingerprintStore } from '@inkstream/persistence';
import type { Logger } from '@inkstream/observability';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { dedupPolicyFrom, loadDedupConfig } from './dedup-config';
import { DeduplicatorController } from './deduplicator.controller';
import { Deduplicator } from './deduplicator';
import { MongoFingerprintIndex } from './mongo-fingerprint-index';

/** Builds the deduplicator on `mongo` with the policy read from `env`. */
async function createDeduplicator(mongo: Connection, logger: Logger, env: Env): Promise<Deduplicator> {
  const config = loadDedupConfig(env);
  const policy = dedupPolicyFrom(config);
  const store = new FingerprintStore(mongo);
  await store.ensureIndexes();
  logger.info(
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
          inject: [MONGO_CONNECTION, LOGGER],
          useFactory: (mongo: Connection, logger: Logger) => createDeduplicator(mongo, logger, env),
        },
      ],
    };
  }
}
