import { Topics } from '@inkstream/contracts';
import { PipelineProducer, type ConsumedMessage, type HandlerContext } from '@inkstream/messaging';
import { failpoint } from '@inkstream/observability';
import { ArticleRepository, cleanArticleFrom, type ArticleRecord } from '@inkstream/persistence';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

/**
 * Writes each enriched article once (upsert by id) and publishes every new version on the clean topic. Each publish
 * is noted after Kafka acknowledged it (`article_publications`), so a crash between write and publish is repaired on
 * redelivery: a version this call wrote is owed for sure, one it found stored is owed unless noted.
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
    const result = await this.articles.upsertEnriched(message.value, new Date().toISOString());
    context.logger.info(
      { articleId: message.value.id, outcome: result.outcome, version: result.record.version },
      'article stored',
    );
    failpoint('store.after-write');
    // `duplicate`: another source's delivery was attached to the stored article, a new version of it.
    const written = result.outcome === 'inserted' || result.outcome === 'updated' || result.outcome === 'duplicate';
    await this.publishIfOwed(result.record, written);
  }

  @EventPattern(Topics.duplicateNotices)
  async onDuplicateNotice(
    @Payload() message: ConsumedMessage<typeof Topics.duplicateNotices>,
    @Ctx() context: HandlerContext,
  ) {
    const notice = message.value;
    const attachment = await this.articles.recordDuplicate(notice, new Date().toISOString());
    context.logger.info(
      { duplicateId: notice.id, duplicateOf: notice.duplicateOf, attached: attachment !== null },
      'duplicate recorded',
    );
    failpoint('store.after-duplicate-write');
    if (attachment) await this.publishIfOwed(attachment.original, attachment.attachedNow);
  }

  private async publishIfOwed(record: ArticleRecord, written: boolean): Promise<void> {
    if (!written && (await this.articles.publishedVersion(record)) >= record.version) return;
    await this.producer.publish(Topics.cleanArticles, cleanArticleFrom(record));
    await this.articles.markPublished(record);
  }
}
