import { Topics } from '@inkstream/contracts';
import { PipelineProducer, type ConsumedMessage, type HandlerContext } from '@inkstream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { toEnrichedArticle } from './to-enriched';

/** Unique article in, enriched article out. Pure CPU work: the same input always yields the same enrichment. */
@Controller()
export class EnricherController {
  constructor(private readonly producer: PipelineProducer) {}

  @EventPattern(Topics.uniqueArticles)
  async onUniqueArticle(
    @Payload() message: ConsumedMessage<typeof Topics.uniqueArticles>,
    @Ctx() context: HandlerContext,
  ): Promise<void> {
    const enriched = toEnrichedArticle(message.value, new Date().toISOString());
    await this.producer.publish(Topics.enrichedArticles, enriched);
    const { language, entities, enrichmentVersion } = enriched.enrichment;
    context.logger.info(
      { articleId: enriched.id, language, entities: entities.length, enrichmentVersion },
      'article enriched',
    );
  }
}
