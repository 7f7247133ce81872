import { isW3cTraceId } from '@inkstream/contracts';

/** Where a new span goes: under the remote parent a message carried, under the active span, or at a trace's root. */
export interface SpanPlacement {
  parent: 'remote' | 'active' | 'root';
  /** For a root span: the trace id it must have (the work's own W3C traceId), or null for a fresh random one. */
  rootTraceId: string | null;
  /** True when the remote context belongs to another trace: the span links to it instead of continuing it. */
  linkRemote: boolean;
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
  if (fits(remoteTraceId)) return { parent: 'remote', rootTraceId: null, linkRemote: false };
  const linkRemote = remoteTraceId !== undefined;
  if (fits(activeTraceId)) return { parent: 'active', rootTraceId: null, linkRemote };
  return { parent: 'root', rootTraceId: own, linkRemote };
}
