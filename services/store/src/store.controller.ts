import { Topics } from '@inkstream/contracts';
import { PipelineProducer, type ConsumedMessage, type HandlerContext } from '@inkstream/messaging';
import { failpoint } from '@inkstream/observability';
import { ArticleRepository, cleanArticleFrom, withMongo, type ArticleRecord } from '@inkstream/persistence';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

/**
 * Writes each enriched article once (upsert by id) and publishes every new version on the clean topic. The publish is
 * tracked in the document (`publishedVersion`), so a crash between write and publish is repaired on redelivery.
 */
@Controller()
export class StoreController {
  constructor(
    private readonly producer: PipelineProducer,
    private readonly articles: ArticleRepository,
  ) {}

  @EventPattern(Topics.enrichedArticles)
  async onEnrichedArticle(
    @Payload() message: ConsumedMessage<typeof Topics.enrichedArticles>,
    @Ctx() context: HandlerContext,
  ) {
    const result = await withMongo(() => this.articles.upsertEnriched(message.value, new Date().toISOString()));
    context.logger.info(
      { articleId: message.value.id, outcome: result.outcome, version: result.record.version },
      'article stored',
    );
    failpoint('store.after-write');
    await this.publishIfOwed(result.record);
  }

  @EventPattern(Topics.duplicateNotices)
  async onDuplicateNotice(
    @Payload() message: ConsumedMessage<typeof Topics.duplicateNotices>,
    @Ctx() context: HandlerContext,
  ) {
    const notice = message.value;
    const original = await withMongo(() => this.articles.recordDuplicate(notice, new Date().toISOString()));
    context.logger.info(
      { duplicateId: notice.id, duplicateOf: notice.duplicateOf, attached: original !== null },
      'duplicate recorded',
    );
    failpoint('store.after-duplicate-write');
    if (original) await this.publishIfOwed(original);
  }

  private async publishIfOwed(record: ArticleRecord): Promise<void> {
    if (record.publishedVersion >= record.version) return;
    await this.producer.publish(Topics.cleanArticles, cleanArticleFrom(record));
    await withMongo(() => this.articles.markPublished(record._id, record.version));
  }
}
