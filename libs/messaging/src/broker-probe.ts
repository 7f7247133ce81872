import type { HealthCheckResult } from '@inkstream/observability';
import type { Admin, Kafka } from 'kafkajs';
import { errorMessage } from './errors';

/**
 * Asks the brokers for the cluster's metadata: whether Kafka answers now, not whether we once connected. One admin
 * client is kept between checks (no retries: a health check reports, it does not wait), and dropped after a failure
 * so the next check connects afresh once the broker is back.
 */
export class BrokerProbe {
  private admin: Admin | null = null;
  private inFlight: Promise<HealthCheckResult> | null = null;

  constructor(private readonly kafka: Kafka) {}

  check(): Promise<HealthCheckResult> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  async stop(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    await this.drop();
  }

  private async probe(): Promise<HealthCheckResult> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const { brokers } = await this.admin.describeCluster();
      return brokers.length > 0 ? { status: 'up' } : { status: 'down', detail: 'the cluster lists no broker' };
    } catch (error) {
      await this.drop();
      return { status: 'down', detail: `Kafka does not answer: ${errorMessage(error)}` };
    }
  }

  private async drop(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}
