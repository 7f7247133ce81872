import { KAFKA } from '@inkstream/runtime';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';

/** One Kafka admin connection for the gateway's reads of offsets and groups (stats, dead-letter counts). */
@Injectable()
export class KafkaAdmin implements OnModuleInit, OnModuleDestroy {
  readonly admin: Admin;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.disconnect();
  }
}
