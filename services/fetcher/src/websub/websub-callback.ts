import type { Logger } from '@inkstream/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSubMetrics } from './websub-metrics';
import type { WebSubPushes } from './websub-pushes';
import type { WebSubSubscriptions } from './websub-subscriptions';

/** Where the callback is served: `<FETCH_WEBSUB_CALLBACK_BASE>/websub/<sourceId>` reaches this path. */
export const WEBSUB_CALLBACK_PATH = '/websub';

const SOURCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The WebSub callback as plain HTTP middleware, mounted at WEBSUB_CALLBACK_PATH ahead of Nest's body parsers: a
 * push's signature is over the exact bytes sent, so the body is read raw (bounded by FETCH_MAX_BODY_BYTES, like a
 * polled feed) whatever its content type. GET is the hub verifying intent, POST a push; hubs send no admin token,
 * which is why the path is open (the HMAC and the pending-request check are what guard it).
 */
export function webSubCallback(parts: {
  subscriptions: WebSubSubscriptions;
  pushes: WebSubPushes;
  maxBodyBytes: number;
  logger: Logger;
  metrics: WebSubMetrics;
}) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(parts, request, response).catch((error: Error) => {
      parts.logger.error({ err: error.message }, 'WebSub: callback failed');
      if (!response.headersSent) reply(response, 500, 'internal error');
      else response.destroy();
    });
  };
}

async function handle(
  parts: Parameters<typeof webSubCallback>[0],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // Mounted middleware sees the URL below its mount path: `/<sourceId>?…`.
  const url = new URL(request.url ?? '/', 'http://callback');
  const sourceId = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  if (!SOURCE_ID.test(sourceId)) return reply(response, 404, 'no such WebSub callback');
  if (request.method === 'GET') {
    const query = url.searchParams;
    const answer = await parts.subscriptions.verify(sourceId, {
      mode: query.get('hub.mode') ?? undefined,
      topic: query.get('hub.topic') ?? undefined,
      challenge: query.get('hub.challenge') ?? undefined,
      leaseSeconds: query.get('hub.lease_seconds') ?? undefined,
      reason: query.get('hub.reason') ?? undefined,
    });
    return reply(response, answer.status, answer.body);
  }
  if (request.method !== 'POST') {
    response.setHeader('allow', 'GET, POST');
    return reply(response, 405, `${request.method} is not a WebSub callback method (GET verifies, POST pushes)`);
  }
  const encoding = request.headers['content-encoding'];
  if (encoding && encoding !== 'identity') {
    parts.metrics.pushes.inc({ outcome: 'unsupported-encoding' });
    return reply(response, 415, `Content-Encoding ${encoding} is not accepted on the WebSub callback`);
  }
  const body = await readBounded(request, parts.maxBodyBytes);
  if (body === null) {
    parts.metrics.pushes.inc({ outcome: 'too-large' });
    response.setHeader('connection', 'close');
    return reply(response, 413, `push body over the ${parts.maxBodyBytes}-byte limit (FETCH_MAX_BODY_BYTES)`);
  }
  const signature = request.headers['x-hub-signature'];
  const answer = await parts.pushes.accept(sourceId, {
    body,
    contentType: request.headers['content-type'] ?? null,
    signature: Array.isArray(signature) ? (signature[0] ?? null) : (signature ?? null),
  });
  reply(response, answer.status, answer.message);
}

/** The body, or null once it passes `limit` bytes (the rest is not read). */
async function readBounded(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(response: ServerResponse, status: number, body: string): void {
  if (body === '') {
    response.writeHead(status).end();
    return;
  }
  // The challenge is echoed as given: plain text, never sniffed into anything a browser would run.
  response
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
    .end(body);
}
