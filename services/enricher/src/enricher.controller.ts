import { Topics } from '@inkstream/contracts';
import type { ConsumedMessage, HandlerContext } from '@inkstream/messaging';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { toEnrichedArticle } from './to-enriched';

/** Unique article in, enriched article out. Pure CPU work: the same input always yields the same enrichment. */
@Controller()
export class EnricherController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @EventPattern(Topics.uniqueArticles)
  async onUniqueArticle(
    @Payload() message: ConsumedMessage<typeof Topics.uniqueArticles>,
    @Ctx() context: HandlerContext,
  ): Promise<void> {
    const enriched = toEnrichedArticle(message.value, new Date().toISOString());
    await this.runtime.producer.publish(Topics.enrichedArticles, enriched);
    const { language, entities, enrichmentVersion } = enriched.enrichment;
    context.logger.info(
      { articleId: enriched.id, language, entities: entities.length, enrichmentVersion },
      'article enriched',
    );
  }
}
