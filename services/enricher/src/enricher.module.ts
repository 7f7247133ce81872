import type { Env } from '@inkstream/config';
import { PipelineMetrics } from '@inkstream/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { EnricherController } from './enricher.controller';
import { setUpSentenceCache } from './sentence-cache-metrics';

/** Stands for the sentence cache being sized and its counts registered before the first message. */
class SentenceCacheSetup {}

@Module({})
export class EnricherModule {
  /** `env` is where the enricher's own variables are read (runService passes the common ones to the runtime). */
  static forEnv(env: Env): DynamicModule {
    return {
      module: EnricherModule,
      controllers: [EnricherController],
      providers: [
        {
          provide: SentenceCacheSetup,
          inject: [PipelineMetrics],
          useFactory: (metrics: PipelineMetrics) => {
            setUpSentenceCache(env, metrics.registry);
            return new SentenceCacheSetup();
          },
        },
      ],
    };
  }
}
