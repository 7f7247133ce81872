import type { Env } from '@inkstream/config';
import { configureSentenceCache } from '@inkstream/nlp';
import { PipelineMetrics } from '@inkstream/observability';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadEnricherConfig } from './enricher-config';
import { EnricherController } from './enricher.controller';
import { registerSentenceCacheMetrics } from './sentence-cache-metrics';

/** The sentence cache sized from `env`, its counts on /metrics. */
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
            configureSentenceCache(loadEnricherConfig(env).ENRICHER_SENTENCE_CACHE);
            registerSentenceCacheMetrics(metrics.registry);
            return new SentenceCacheSetup();
          },
        },
      ],
    };
  }
}
