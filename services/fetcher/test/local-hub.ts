// A WebSub hub for the fetcher's integration tests: takes subscribe requests, verifies intent on the subscriber's
// callback (as a real hub does, after answering 202), and pushes content signed with the subscriber's secret.
import { pushSignature } from '@inkstream/feeds';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubscribeRequest {
  at: Date;
  mode: string;
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: number;
}

export interface Verification {
  topic: string;
  callback: string;
  /** what the callback answered, and whether it echoed the challenge */
  status: number;
  echoed: boolean;
}

/** How the hub treats a topic: the lease it grants, whether it verifies renewals, or whether it refuses outright. */
export interface TopicRule {
  leaseSeconds: number;
  verifyRenewals: boolean;
  refuse?: string;
}

export class LocalHub {
  readonly requests: SubscribeRequest[] = [];
  readonly verifications: Verification[] = [];
  readonly rules = new Map<string, TopicRule>();
  private server: Server | null = null;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const subscribe: SubscribeRequest = {
          at: new Date(),
          mode: form.get('hub.mode') ?? '',
          topic: form.get('hub.topic') ?? '',
          callback: form.get('hub.callback') ?? '',
          secret: form.get('hub.secret') ?? '',
          leaseSeconds: Number(form.get('hub.lease_seconds')),
        };
        const rule = this.rules.get(subscribe.topic) ?? { leaseSeconds: 3600, verifyRenewals: true };
        const renewal = this.requests.some((earlier) => earlier.topic === subscribe.topic);
        this.requests.push(subscribe);
        if (rule.refuse) return void response.writeHead(403).end(rule.refuse);
        response.writeHead(202).end();
        if (!renewal || rule.verifyRenewals) void this.verify(subscribe, rule.leaseSeconds);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get url(): string {
    return `${this.origin}/hub`;
  }

  /** The last subscription a topic asked for (the secret pushes are signed with). */
  subscription(topic: string): SubscribeRequest | undefined {
    return this.requests.filter((request) => request.topic === topic).at(-1);
  }

  /** Asks the callback to confirm, as a hub does: the challenge must come back verbatim. */
  async verify(subscribe: SubscribeRequest, leaseSeconds: number, topic = subscribe.topic): Promise<Verification> {
    const challenge = randomBytes(12).toString('hex');
    const url = new URL(subscribe.callback);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.topic', topic);
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.lease_seconds', String(leaseSeconds));
    const response = await fetch(url);
    const body = await response.text();
    const verification = { topic, callback: subscribe.callback, status: response.status, echoed: body === challenge };
    this.verifications.push(verification);
    return verification;
  }

  /** Pushes `body` to the topic's subscriber, signed with its secret (or as `signature` says). */
  async push(
    topic: string,
    body: string,
    options: { contentType?: string; signature?: string | null; secret?: string } = {},
  ): Promise<{ status: number; text: string }> {
    const subscription = this.subscription(topic);
    if (!subscription) throw new Error(`nobody subscribed to ${topic}`);
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/rss+xml' };
    const signature =
      options.signature === undefined
        ? pushSignature('sha256', body, options.secret ?? subscription.secret)
        : options.signature;
    if (signature !== null) headers['x-hub-signature'] = signature;
    const response = await fetch(subscription.callback, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  }
}
