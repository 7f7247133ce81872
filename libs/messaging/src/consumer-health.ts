import type { HealthCheckResult } from '@inkstream/observability';
import type { ConsumerListener } from './consumer-events';
import { errorMessage } from './errors';

export interface ConsumerHealthOptions {
  /**
   * A member that has not heartbeated for this long is down: the broker drops a member after its session timeout,
   * so that is the bound to use. kafkajs heartbeats after every fetch (at most every few seconds, idle or not) and
   * the consume loop heartbeats while it waits, so silence this long means the broker is gone or the loop is stuck.
   */
  staleAfterMs: number;
  now?: () => number;
}

type State =
  | { name: 'starting' }
  | { name: 'member' }
  | { name: 'rebalancing' }
  | { name: 'crashed'; detail: string }
  | { name: 'stopped'; detail: string };

/**
 * The consumer's health, from its real state as its events tell it: a member of its group and heartbeating is up;
 * crashed, stopped, disconnected, or silent for longer than a session is down, with why. Not a local "started" flag:
 * a consumer kafkajs gave up on, or one whose broker died, reads as down.
 */
export class ConsumerHealth {
  private state: State = { name: 'starting' };
  private lastSign: number;
  private readonly now: () => number;

  constructor(private readonly options: ConsumerHealthOptions) {
    this.now = options.now ?? Date.now;
    this.lastSign = this.now();
  }

  readonly listener: ConsumerListener = (event) => {
    switch (event.type) {
      case 'joined':
        this.state = { name: 'member' };
        this.lastSign = this.now();
        return;
      case 'heartbeat':
      case 'processed':
        this.lastSign = this.now();
        return;
      case 'rebalancing':
        if (this.state.name === 'member') this.state = { name: 'rebalancing' };
        return;
      case 'crashed':
        this.state = {
          name: 'crashed',
          detail: `consumer crashed${event.restarting ? ' (kafkajs is restarting it)' : ''}: ${errorMessage(event.error)}`,
        };
        return;
      case 'disconnected':
        this.state = { name: 'stopped', detail: 'consumer disconnected' };
        return;
      case 'stopped':
        this.state = { name: 'stopped', detail: 'consumer stopped' };
        return;
      default:
        return;
    }
  };

  check(): HealthCheckResult {
    const silentMs = this.now() - this.lastSign;
    switch (this.state.name) {
      case 'crashed':
      case 'stopped':
        return { status: 'down', detail: this.state.detail };
      case 'starting':
        return silentMs > this.options.staleAfterMs
          ? { status: 'down', detail: `not a member of its group after ${Math.round(silentMs / 1000)} s` }
          : { status: 'down', detail: 'joining its group' };
      case 'member':
      case 'rebalancing':
        if (silentMs > this.options.staleAfterMs) {
          return { status: 'down', detail: `no heartbeat for ${Math.round(silentMs / 1000)} s (broker unreachable?)` };
        }
        return this.state.name === 'rebalancing' ? { status: 'up', detail: 'rebalancing' } : { status: 'up' };
    }
  }
}
