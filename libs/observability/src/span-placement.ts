import { isW3cTraceId } from '@inkstream/contracts';

/** Where a new span goes: under the remote parent a message carried, under the active span, or at a trace's root. */
export interface SpanPlacement {
  parent: 'remote' | 'active' | 'root';
  /** For a root span: the trace id it must have (the work's own W3C traceId), or null for a fresh random one. */
  rootTraceId: string | null;
  /**
   * Contexts of other traces the span links to instead of continuing them, so the cause stays one click away: a
   * message carried from another trace, or the span that was active (a store handler republishing an article that
   * belongs to an earlier trace).
   */
  links: Array<'remote' | 'active'>;
}

export interface PlacementInput {
  /** The work's traceId (the message envelope's), when it has one. */
  traceId?: string;
  /** The trace id of the context a consumed message carried (traceparent), when valid. */
  remoteTraceId?: string;
  /** The trace id of the span active where the new span starts, when there is one. */
  activeTraceId?: string;
}

/**
 * Keeps one invariant: a span of work whose traceId is a W3C trace id is in the trace of that id, so the Kafka
 * `trace-id` header, the log lines' `traceId` and the OpenTelemetry trace are one name for one thing. Within that,
 * the span continues what the message carried (consumers), else the span that is active (a handler's sends), else
 * starts the trace itself (the fetcher, the CLI, messages produced before tracing was on).
 */
export function placeSpan({ traceId, remoteTraceId, activeTraceId }: PlacementInput): SpanPlacement {
  const own = traceId !== undefined && isW3cTraceId(traceId) ? traceId : null;
  const fits = (candidate: string | undefined) => candidate !== undefined && (own === null || candidate === own);
  if (fits(remoteTraceId)) return { parent: 'remote', rootTraceId: null, links: [] };
  const links: SpanPlacement['links'] = remoteTraceId !== undefined ? ['remote'] : [];
  if (fits(activeTraceId)) return { parent: 'active', rootTraceId: null, links };
  if (activeTraceId !== undefined) links.push('active');
  return { parent: 'root', rootTraceId: own, links };
}
