import { checkFetchTarget } from '@inkstream/feeds';
import {
  allowListFor,
  checkUrlTarget,
  findFetchError,
  GuardedAgentPool,
  systemResolver,
  withDeadline,
} from '@inkstream/fetching';
import { request } from 'undici';

export interface SubscribeRequest {
  hub: string;
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: number;
}

/** A hub's answer to a subscribe request: accepted (verification follows on the callback) or not, and why. */
export type HubAnswer = { ok: true; status: number } | { ok: false; permanent: boolean; message: string };

/** Bytes of a refusal's body kept for the message: enough for the hub's reason, never a whole page. */
const REASON_BYTES = 300;

/**
 * POSTs subscription requests to hubs. A hub URL comes from a feed, so it is no more trusted than the feed: the
 * same SSRF guard as every fetch (the global allow-list only; a source's own allow-listing covers its origin, not
 * the hub's), no redirects followed, a deadline on the whole exchange. Origin entries of the allow-list
 * (`http://10.0.0.5:8080`) apply to the hub at that origin only, as they do for polls.
 */
export class HubClient {
  private readonly agents: GuardedAgentPool;

  constructor(
    private readonly options: { allowList: string[]; connectTimeoutMs: number; timeoutMs: number; userAgent: string },
  ) {
    this.agents = new GuardedAgentPool({
      connectTimeoutMs: options.connectTimeoutMs,
      resolve: systemResolver,
      checkTarget: checkFetchTarget,
    });
  }

  async subscribe(subscription: SubscribeRequest, signal: AbortSignal): Promise<HubAnswer> {
    const form = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.topic': subscription.topic,
      'hub.callback': subscription.callback,
      'hub.secret': subscription.secret,
      'hub.lease_seconds': String(subscription.leaseSeconds),
    });
    try {
      const url = new URL(subscription.hub);
      const allowList = allowListFor(url, this.options.allowList);
      checkUrlTarget(url, allowList, checkFetchTarget);
      const { statusCode, reason } = await withDeadline(
        this.options.timeoutMs,
        `subscribe at ${subscription.hub}`,
        signal,
        async (deadline) => {
          const response = await request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.options.userAgent },
            body: form.toString(),
            dispatcher: this.agents.for(allowList),
            signal: deadline,
          });
          return { statusCode: response.statusCode, reason: await readReason(response.body) };
        },
      );
      if (statusCode >= 200 && statusCode < 300) return { ok: true, status: statusCode };
      return {
        ok: false,
        // A hub that is down or busy may take the request later; one that says no (4xx, a redirect) means it.
        permanent: statusCode < 500 && statusCode !== 429,
        message: `hub ${subscription.hub} answered HTTP ${statusCode}${reason ? `: ${reason}` : ''}`,
      };
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = findFetchError(error);
      return {
        ok: false,
        // The SSRF guard's refusal will not change by asking again.
        permanent: failure?.kind === 'refused',
        message: `hub ${subscription.hub} not reached: ${failure?.message ?? (error as Error).message}`,
      };
    }
  }

  async close(): Promise<void> {
    await this.agents.close();
  }
}

async function readReason(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= REASON_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, REASON_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
}
