import { Topics } from '@inkstream/contracts';
import { Deduplicator } from '@inkstream/dedup-mongo';
import { PipelineProducer, type ConsumedMessage, type HandlerContext } from '@inkstream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

/**
 * Article candidate in; a unique article or a duplicate notice out. The decision is recorded before the publish,
 * so a crash in between republishes the same message on redelivery (at-least-once, and the store upserts by id).
 */
@Controller()
export class DeduplicatorController {
  constructor(
    private readonly producer: PipelineProducer,
    private readonly deduplicator: Deduplicator,
  ) {}

  @EventPattern(Topics.articleCandidates)
  async onArticleCandidate(
    @Payload() message: ConsumedMessage<typeof Topics.articleCandidates>,
    @Ctx() context: HandlerContext,
  ): Promise<void> {
    const outcome = await this.deduplicator.process(message.value);
    if (outcome.kind === 'unique') {
      await this.producer.publish(Topics.uniqueArticles, outcome.message);
      const { id, clusterId, dedup } = outcome.message;
      context.logger.info({ articleId: id, clusterId, ...dedup }, 'unique article');
    } else {
      await this.producer.publish(Topics.duplicateNotices, outcome.message);
      const { id, duplicateOf, method, similarity } = outcome.message;
      context.logger.info({ articleId: id, duplicateOf, method, similarity }, 'duplicate');
    }
  }
}
