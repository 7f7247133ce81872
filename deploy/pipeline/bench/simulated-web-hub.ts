// The simulated web's WebSub hub: a real HTTP hub on loopback, as publishers use one (WordPress, Blogger, Medium,
// newsrooms through Superfeedr or Google's hub). It takes subscribe requests (202, then verifies intent with a GET
// challenge to the callback), keeps the leases it granted, and when a feed gets a new item POSTs the feed's body to
// every verified callback, signed with X-Hub-Signature. Its faults: every push waits `delayMs`, and a share of pushes
// is lost, so those items must come by polling. It counts what it did, for the report and the checks.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { grantedLease, HubBook, hubSignature, readHubRequest, type HubRequest } from './simulated-web-hub-state';

const HOST = '127.0.0.1';
/** A callback that does not answer a verification or a push within this is counted as failed. */
const CALLBACK_TIMEOUT_MS = 10_000;
/** As hubs do, a push that failed for a reason that may pass (no answer, 5xx, 429) is delivered again, this often. */
const PUSH_ATTEMPTS = 3;
const PUSH_RETRY_MS = 5_000;
/** A verification that got no answer is tried once more (a reset keep-alive socket is not a refusal). */
const VERIFY_ATTEMPTS = 2;

export interface HubOptions {
  /** the longest lease granted, s */
  maxLeaseSeconds: number;
  /** wait before each push, ms */
  delayMs: number;
  /** share of pushes lost, 0..1 */
  dropShare: number;
  random: () => number;
}

/** What the hub saw and did. */
export class HubObservations {
  subscribeRequests = 0;
  /** of those, renewals of a subscription that was verified before */
  renewals = 0;
  /** requests answered 400 (not a request this hub serves) */
  refusedRequests = 0;
  /** verifications the callback confirmed (2xx echoing the challenge) / did not, by reason */
  verified = 0;
  notVerified = 0;
  readonly notVerifiedReasons = new Map<string, number>();
  /** pushes the callback acknowledged (2xx), refused for good (by last status) or never answered, attempts included */
  pushesAccepted = 0;
  /** when each acknowledged push was sent */
  readonly acceptedAt: number[] = [];
  readonly pushesRejected = new Map<number, number>();
  pushesFailed = 0;
  /** deliveries tried again after a 5xx, a 429 or no answer */
  pushRetries = 0;
  /** pushes the hub lost on purpose (its fault) */
  pushesDropped = 0;
  /** item link → when the push that first carried it was sent (only pushes the callback acknowledged) */
  readonly firstPushedAt = new Map<string, number>();
}

export class SimulatedHub {
  readonly observed = new HubObservations();
  readonly book = new HubBook();
  private server: Server | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly everVerified = new Set<string>();
  url = '';

  constructor(
    private readonly options: HubOptions,
    private readonly knownTopic: (topic: string) => boolean,
  ) {}

  async start(): Promise<void> {
    const server = createServer((request, response) => this.handle(request, response));
    // Longer than the fetcher's hub client keeps idle sockets: else a request on a socket the hub just closed resets.
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, HOST, () => resolve());
    });
    this.server = server;
    this.url = `http://${HOST}:${(server.address() as AddressInfo).port}/hub`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.stopped = true;
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The publisher's ping: `topic` changed; `newLinks` are the items it added. Pushes go out after `delayMs`. */
  publish(topic: string, body: string, contentType: string, newLinks: readonly string[]): void {
    for (const subscription of this.book.subscribers(topic, Date.now())) {
      if (this.options.random() < this.options.dropShare) {
        this.observed.pushesDropped += 1;
        continue;
      }
      this.later(this.options.delayMs, () =>
        this.push(subscription.callback, subscription.secret, body, contentType, newLinks),
      );
    }
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || (request.url ?? '').split('?')[0] !== '/hub') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('the hub is POST /hub');
        return;
      }
      this.observed.subscribeRequests += 1;
      const check = readHubRequest(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), this.knownTopic);
      if (!check.ok) {
        this.observed.refusedRequests += 1;
        response.writeHead(400, { 'content-type': 'text/plain' }).end(check.message);
        return;
      }
      if (this.everVerified.has(`${check.request.topic}\n${check.request.callback}`)) this.observed.renewals += 1;
      // §5.2: accepted now, verified asynchronously (the callback may be asked before it has read this answer).
      response.writeHead(202).end();
      this.later(0, () => this.verify(check.request));
    });
  }

  private async verify(request: HubRequest): Promise<void> {
    const leaseSeconds = grantedLease(request.leaseSeconds, this.options.maxLeaseSeconds);
    const challenge = randomBytes(16).toString('hex');
    const url = new URL(request.callback);
    url.searchParams.set('hub.mode', request.mode);
    url.searchParams.set('hub.topic', request.topic);
    url.searchParams.set('hub.challenge', challenge);
    if (request.mode === 'subscribe') url.searchParams.set('hub.lease_seconds', String(leaseSeconds));
    let failure: string | null = 'no answer';
    for (let attempt = 1; attempt <= VERIFY_ATTEMPTS && failure === 'no answer'; attempt += 1) {
      try {
        const response = await fetch(url, { signal: this.deadline() });
        const body = await response.text();
        failure = !response.ok ? `HTTP ${response.status}` : body !== challenge ? 'challenge not echoed' : null;
      } catch {
        failure = 'no answer';
      }
    }
    if (failure !== null) {
      this.observed.notVerified += 1;
      this.observed.notVerifiedReasons.set(failure, (this.observed.notVerifiedReasons.get(failure) ?? 0) + 1);
      return;
    }
    this.observed.verified += 1;
    if (request.mode === 'unsubscribe') {
      this.book.unsubscribed(request);
      return;
    }
    this.everVerified.add(`${request.topic}\n${request.callback}`);
    this.book.verified(request, leaseSeconds, Date.now());
  }

  private async push(
    callback: string,
    secret: string | null,
    body: string,
    contentType: string,
    newLinks: readonly string[],
    attempt = 1,
  ): Promise<void> {
    const sentAt = Date.now();
    const headers: Record<string, string> = { 'content-type': contentType };
    if (secret) headers['x-hub-signature'] = hubSignature(secret, body);
    let status: number | null = null;
    try {
      const response = await fetch(callback, { method: 'POST', headers, body, signal: this.deadline() });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      if (this.stopped) return;
    }
    if (status !== null && status >= 200 && status < 300) {
      this.observed.pushesAccepted += 1;
      this.observed.acceptedAt.push(sentAt);
      for (const link of newLinks)
        if (!this.observed.firstPushedAt.has(link)) this.observed.firstPushedAt.set(link, sentAt);
      return;
    }
    const passing = status === null || status >= 500 || status === 429;
    if (passing && attempt < PUSH_ATTEMPTS) {
      this.observed.pushRetries += 1;
      this.later(PUSH_RETRY_MS, () => this.push(callback, secret, body, contentType, newLinks, attempt + 1));
      return;
    }
    if (status === null) this.observed.pushesFailed += 1;
    else this.observed.pushesRejected.set(status, (this.observed.pushesRejected.get(status) ?? 0) + 1);
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(CALLBACK_TIMEOUT_MS);
  }

  private later(ms: number, task: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task();
    }, ms);
    this.timers.add(timer);
  }
}
