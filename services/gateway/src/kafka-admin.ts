import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Admin } from 'kafkajs';

/** One Kafka admin connection for the gateway's reads of offsets and groups (stats, dead-letter counts). */
@Injectable()
export class KafkaAdmin implements OnModuleInit, OnModuleDestroy {
  readonly admin: Admin;

  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    this.admin = runtime.kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.disconnect();
  }
}
