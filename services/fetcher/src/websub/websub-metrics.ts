import { Counter, type Registry } from 'prom-client';

/** `inkstream_fetch_websub_*`: subscriptions, the hub's verifications and pushes. No URLs or ids in labels. */
export class WebSubMetrics {
  readonly pushes: Counter<'outcome'>;
  readonly verifications: Counter<'outcome'>;
  readonly subscriptions: Counter<'event'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.pushes = new Counter({
      name: 'inkstream_fetch_websub_pushes_total',
      help: 'Pushes on the WebSub callback, per outcome (accepted, unsigned, bad-signature, no-subscription, too-large, unparseable, unavailable)',
      labelNames: ['outcome'],
      registers,
    });
    this.verifications = new Counter({
      name: 'inkstream_fetch_websub_verifications_total',
      help: 'Hub verification requests on the WebSub callback, per outcome (confirmed, denied, rejected)',
      labelNames: ['outcome'],
      registers,
    });
    this.subscriptions = new Counter({
      name: 'inkstream_fetch_websub_subscriptions_total',
      help: 'Subscription events, per event (requested, renewal-requested, request-failed, refused, expired)',
      labelNames: ['event'],
      registers,
    });
  }
}
