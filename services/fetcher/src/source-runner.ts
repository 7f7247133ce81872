import { findFetchError } from '@inkstream/fetching';
import { errorKindOf } from '@inkstream/errors';
import type { RunOutcome } from './source-status';
import { runDrop } from './run-drop';
import { runFeed } from './run-feed';
import { runPage } from './run-page';
import { runSitemap } from './run-sitemap';
import type { RunContext, RunnerDeps } from './run-context';

const RUNNERS = { feed: runFeed, page: runPage, sitemap: runSitemap, drop: runDrop } as const;

/**
 * Polls one source and says how it went. Only failures of the source itself become a failed outcome (what backs
 * off and parks the source); failures of our own dependencies (Kafka, MongoDB) and aborts propagate, so the
 * scheduler can postpone the source without holding our outage against it.
 */
export async function runSource(deps: RunnerDeps, context: RunContext): Promise<RunOutcome & { errorKind?: string }> {
  try {
    const { failure, ...outcome } = await RUNNERS[context.source.kind](deps, context);
    if (!failure) return outcome;
    return {
      ok: false,
      error: failure,
      httpStatus: outcome.httpStatus,
      retryAfterSeconds: null,
      published: outcome.published,
      crawlDelaySeconds: outcome.crawlDelaySeconds,
      notice: outcome.notice,
      errorKind: 'item',
    };
  } catch (error) {
    if (context.signal.aborted || isDependencyDown(error)) throw error;
    const failure = findFetchError(error);
    // Anything else is still this source's run failing (a bug shows on its status instead of looping unseen).
    return {
      ok: false,
      error: failure?.message ?? `internal error: ${(error as Error).message ?? String(error)}`,
      httpStatus: failure?.status ?? null,
      retryAfterSeconds: failure?.retryAfterSeconds ?? null,
      published: 0,
      crawlDelaySeconds: null,
      errorKind: failure?.kind ?? 'internal',
    };
  }
}

/** Kafka (the producer) and MongoDB (the repositories) outages arrive translated into this kind. */
function isDependencyDown(error: unknown): boolean {
  return errorKindOf(error) === 'dependency-unavailable';
}
