import type { Env } from '@inkstream/config';
import {
  Deduplicator,
  FingerprintStore,
  LEGACY_POSTINGS_COLLECTION,
  MongoFingerprintIndex,
} from '@inkstream/dedup-mongo';
import type { Logger } from '@inkstream/observability';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { dedupPolicyFrom, loadDedupConfig } from './dedup-config';
import { ClaimGenerationSweep } from './claim-sweep';
import { DeduplicatorController } from './deduplicator.controller';

/**
 * The fingerprint index's storage, with its indexes in place (TTL indexes expiring what is older than
 * DEDUP_RETENTION_HOURS among them) and the superseded postings collection gone (claims: `ClaimGenerationSweep`).
 */
async function createStore(mongo: Connection, logger: Logger, env: Env): Promise<FingerprintStore> {
  const store = new FingerprintStore(mongo, { retentionMs: loadDedupConfig(env).DEDUP_RETENTION_HOURS * 3_600_000 });
  await store.ensureIndexes();
  if (await store.dropLegacyPostings()) {
    logger.warn(
      { collection: LEGACY_POSTINGS_COLLECTION },
      'dropped the per-key postings of an older version: lookup keys now live in dedup_fingerprints',
    );
  }
  return store;
}

/** Builds the deduplicator on `store` with the policy read from `env`. */
function createDeduplicator(store: FingerprintStore, logger: Logger, env: Env): Deduplicator {
  const config = loadDedupConfig(env);
  const policy = dedupPolicyFrom(config);
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
          provide: FingerprintStore,
          inject: [MONGO_CONNECTION, LOGGER],
          useFactory: (mongo: Connection, logger: Logger) => createStore(mongo, logger, env),
        },
        {
          provide: ClaimGenerationSweep,
          inject: [FingerprintStore, LOGGER],
          useFactory: (store: FingerprintStore, logger: Logger) => new ClaimGenerationSweep(store, logger),
        },
        {
          provide: Deduplicator,
          inject: [FingerprintStore, LOGGER],
          useFactory: (store: FingerprintStore, logger: Logger) => createDeduplicator(store, logger, env),
        },
      ],
    };
  }
}
