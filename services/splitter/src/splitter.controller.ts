import { refusedContentType, Topics } from '@inkstream/contracts';
import { sniffKind, splitDocument, UnprocessableDocumentError, FeedParseError } from '@inkstream/extraction';
import { PermanentError } from '@inkstream/errors';
import { PipelineProducer, type ConsumedMessage, type HandlerContext } from '@inkstream/messaging';
import { DocumentOutcomeRepository } from '@inkstream/persistence';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BoilerplateMemory } from './boilerplate-memory';
import { rawContent } from './raw-content';
import { toArticleCandidate } from './to-candidate';

/** Raw document in, its article candidates out (main article first); an empty document is recorded with its reason. */
@Controller()
export class SplitterController {
  constructor(
    private readonly producer: PipelineProducer,
    private readonly outcomes: DocumentOutcomeRepository,
    private readonly boilerplate: BoilerplateMemory,
  ) {}

  @EventPattern(Topics.rawDocuments)
  async onRawDocument(
    @Payload() message: ConsumedMessage<typeof Topics.rawDocuments>,
    @Ctx() context: HandlerContext,
  ): Promise<void> {
    const raw = message.value;
    const now = new Date().toISOString();
    const refusedType = refusedContentType(raw.contentType);
    if (refusedType) throw new PermanentError(refusedType);
    const content = this.decode(() => rawContent(raw));
    // Recurring lines are learned per source for plain-text dumps only: in HTML and feeds, markup lines repeat
    // by construction and the extractor has structure to tell chrome from content.
    const isText = this.decode(() => sniffKind(content, raw.contentType)) === 'text';
    const dropLines = isText ? await this.boilerplate.learn(raw.sourceId, content.split(/\r?\n/)) : undefined;
    const result = this.decode(() =>
      splitDocument({ content, contentType: raw.contentType, url: raw.url }, { dropLines }),
    );

    if (result.articles.length === 0) {
      const reason = result.emptyReason ?? 'no article found';
      await this.outcomes.recordEmpty({
        _id: raw.id,
        sourceId: raw.sourceId,
        url: raw.url,
        reason,
        traceId: raw.traceId,
        recordedAt: now,
      });
      context.logger.warn({ rawDocumentId: raw.id, reason }, 'raw document yielded no article');
      return;
    }
    const candidates = result.articles.map((article, position) =>
      toArticleCandidate(raw, article, result.publisher, position, now),
    );
    // A candidate over MAX_MESSAGE_BYTES fails the publish as a whole (PipelineProducer): the document is
    // dead-lettered with the candidate's size and the limit, and none of its candidates goes out.
    await this.producer.publish(Topics.articleCandidates, candidates);
    context.logger.info(
      { rawDocumentId: raw.id, kind: result.kind, articles: candidates.map(({ id, title }) => ({ id, title })) },
      'raw document split',
    );
  }

  /** Unprocessable input (binary, oversized, broken feed, gzip bomb) can never succeed: dead-letter it with why. */
  private decode<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof UnprocessableDocumentError || error instanceof FeedParseError) {
        throw new PermanentError((error as Error).message);
      }
      throw error;
    }
  }
}
